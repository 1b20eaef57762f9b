package fr.regie.registry;

/** The good test vocabulary of {@link VocabularyCheckTest}, for tests of other packages. */
public final class VocabularyCheckTestAccess {
    private VocabularyCheckTestAccess() {}

    public static final String GOOD = VocabularyCheckTest.GOOD;
}
