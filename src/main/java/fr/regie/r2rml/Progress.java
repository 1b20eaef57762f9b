package fr.regie.r2rml;

/** Told how far a run has gone; called every few thousand rows and at the end of each pass. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (pass, rows, triples) -> {};

    void update(String pass, long rows, long triples);
}
