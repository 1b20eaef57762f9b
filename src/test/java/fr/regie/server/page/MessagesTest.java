package fr.regie.server.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every page text exists in French and English: each {@code messages_fr.properties} under
 * {@code src/main/resources} has an English twin with the same keys, every text parses as a
 * {@link MessageFormat} and both languages take the same arguments.
 */
class MessagesTest {
    private static final Path RES = Path.of("src/main/resources");

    @Test
    void everyBundleHasBothLanguagesWithTheSameKeys() throws IOException {
        List<Path> french;
        try (Stream<Path> s = Files.walk(RES)) {
            french = s.filter(p -> p.getFileName().toString().equals("messages_fr.properties")).toList();
        }
        assertTrue(french.size() >= 2, "bundles found: " + french);
        for (Path fr : french) {
            Path en = fr.resolveSibling("messages_en.properties");
            assertTrue(Files.exists(en), en + " is missing");
            Properties f = load(fr);
            Properties e = load(en);
            assertEquals(new TreeSet<>(f.stringPropertyNames()), new TreeSet<>(e.stringPropertyNames()), "keys of " + fr + " and " + en);
            for (String k : f.stringPropertyNames()) {
                assertEquals(arguments(f.getProperty(k), Locale.FRENCH), arguments(e.getProperty(k), Locale.ENGLISH),
                        "arguments of " + k + " in " + fr.getParent());
                assertFalse(f.getProperty(k).isBlank(), k + " is empty in " + fr);
            }
        }
    }

    @Test
    void aMissingKeyShowsItselfAndFormatsFollowTheLanguage() {
        Messages fr = Messages.of(Layout.class, Lang.FR);
        Messages en = Messages.of(Layout.class, Lang.EN);
        assertEquals("⟦no.such.key⟧", fr.get("no.such.key"));
        assertEquals("Accueil", fr.get("nav.home"));
        assertEquals("Home", en.get("nav.home"));
    }

    @Test
    void momentsAreWrittenForPeopleInTheirLanguage() {
        Messages fr = Messages.of(Layout.class, Lang.FR);
        Messages en = Messages.of(Layout.class, Lang.EN);
        assertEquals("5 déc. 2026, 02:29 UTC", fr.dateTime("2026-12-05T02:29:32.747577831Z"));
        assertEquals("Dec 5, 2026, 01:29 UTC", en.dateTime("2026-12-05T02:29:32+01:00"));
        assertEquals("6 avr. 2026", fr.dateTime("2026-04-06"));
        assertEquals("not a date", fr.dateTime("not a date"));
    }

    @Test
    void theLanguageComesFromTheParameterTheCookieThenAcceptLanguage() {
        assertEquals(Lang.FR, Lang.fromAcceptLanguage(null));
        assertEquals(Lang.EN, Lang.fromAcceptLanguage("en-GB,en;q=0.9"));
        assertEquals(Lang.FR, Lang.fromAcceptLanguage("de-DE,fr;q=0.5,en;q=0.4"));
        assertEquals(Lang.EN, Lang.fromAcceptLanguage("fr;q=0.2,en;q=0.8"));
        assertEquals(Lang.FR, Lang.fromAcceptLanguage("de,es"));
        assertEquals(Lang.FR, Lang.fromAcceptLanguage("en;q=nonsense"));
        assertEquals(Lang.EN, Lang.ofCode("EN-us").orElseThrow());
        assertTrue(Lang.ofCode("english").isEmpty());
    }

    private static List<Integer> arguments(String pattern, Locale locale) {
        Object[] formats = new MessageFormat(pattern, locale).getFormatsByArgumentIndex();
        List<Integer> args = new ArrayList<>();
        for (int i = 0; i < formats.length; i++) {
            args.add(i);
        }
        return args;
    }

    private static Properties load(Path p) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            props.load(r);
        }
        return props;
    }
}
