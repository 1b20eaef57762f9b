package fr.regie.server.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import fr.regie.server.http.Accept;

/** The tap file format: what a header declares, and every malformed file named with its line. */
class TapFileTest {
    static final String BASE = "https://t.example/";
    static final String GOOD = """
            # Stations of a commune
            #
            # The stations Régie placed
            # in the commune.
            #
            # Second paragraph.
            # @param commune xsd:token required pattern=[0-9]{5} — INSEE code
            # @param radius xsd:integer default=0 — metres
            # @param kind xsd:string enum=bike,rail — which stations
            PREFIX regie: <https://w3id.org/regie#>
            SELECT ?s WHERE { ?s regie:communeCode ?commune ; regie:kind ?kind ; regie:r ?radius }
            """;

    private static TapException error(String text) {
        return assertThrows(TapException.class, () -> TapFile.parse("taps/x.rq", "x", text, BASE));
    }

    @Test
    void headerDeclaresTitleDescriptionAndParameters() {
        Tap tap = TapFile.parse("taps/x.rq", "x", GOOD, BASE);
        assertEquals("Stations of a commune", tap.title());
        assertEquals("The stations Régie placed in the commune.\n\nSecond paragraph.", tap.description());
        assertEquals(List.of("commune", "radius", "kind"), tap.params().stream().map(TapParam::name).toList());
        TapParam commune = tap.param("commune").orElseThrow();
        assertTrue(commune.required());
        assertEquals(ParamType.TOKEN, commune.type());
        assertEquals("[0-9]{5}", commune.pattern().orElseThrow().pattern());
        assertEquals("INSEE code", commune.description());
        assertEquals("0", tap.param("radius").orElseThrow().defaultValue().orElseThrow());
        assertEquals(List.of("bike", "rail"), tap.param("kind").orElseThrow().allowed());
        assertTrue(!tap.graph());
    }

    @Test
    void malformedFilesNameTheirLine() {
        String unknownType = error(GOOD.replace("xsd:integer", "xsd:float")).getMessage();
        assertTrue(unknownType.startsWith("taps/x.rq:8: unknown type xsd:float"), unknownType);
        String unused = error(GOOD.replace("regie:r ?radius", "regie:r ?other")).getMessage();
        assertTrue(unused.startsWith("taps/x.rq:8: parameter radius is not a variable of the query"), unused);
        String syntax = error(GOOD.replace("?commune ;", "?commune ) ;")).getMessage();
        assertTrue(syntax.startsWith("taps/x.rq:11: SPARQL syntax error"), syntax);
        String both = error(GOOD.replace("required pattern", "required default=93066 pattern")).getMessage();
        assertTrue(both.startsWith("taps/x.rq:7: parameter commune is required and has a default"), both);
        String badDefault = error(GOOD.replace("default=0", "default=zero")).getMessage();
        assertTrue(badDefault.startsWith("taps/x.rq:8: the default of radius must be a whole number"), badDefault);
        assertTrue(error(GOOD + "LIMIT 10\n").getMessage().contains("no LIMIT or OFFSET"));
        assertTrue(error(GOOD.replace("— metres", "metres")).getMessage().startsWith("taps/x.rq:8: expected '@param"));
        assertTrue(error(GOOD.replace("@param kind", "@parm kind")).getMessage().startsWith("taps/x.rq:9: unknown annotation @parm"));
        assertTrue(error(GOOD.replace("@param radius", "@param limit")).getMessage().contains("reserved"));
        assertTrue(error("PREFIX x: <y>\nSELECT * {}").getMessage().contains("first line is its title"));
        assertTrue(error(GOOD.replace("SELECT ?s WHERE", "ASK")).getMessage().contains("SELECT or a CONSTRUCT"));
    }

    @Test
    void aMalformedTapIsLeftOutAndTheOthersServe(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("good.rq"), GOOD);
        Files.writeString(dir.resolve("bad.rq"), GOOD.replace("xsd:integer", "xsd:float"));
        Files.writeString(dir.resolve("Bad_Name.rq"), GOOD);
        Files.writeString(dir.resolve("notes.txt"), "not a tap");
        Taps taps = Taps.load(dir, BASE);
        assertEquals(List.of("good"), taps.taps().stream().map(Tap::name).toList());
        assertEquals(2, taps.errors().size(), taps.errors().toString());
        assertTrue(taps.errors().stream().anyMatch(e -> e.contains("bad.rq:8: unknown type")), taps.errors().toString());
    }

    @Test
    void valuesBecomeTermsOrAreRefused() {
        org.apache.jena.graph.Node n = ParamType.INTEGER.parse("+042", BASE);
        assertEquals("42", n.getLiteralLexicalForm());
        assertEquals("http://www.w3.org/2001/XMLSchema#integer", n.getLiteralDatatypeURI());
        assertEquals("https://t.example/id/commune/93066", ParamType.IRI.parse("commune/93066", BASE).getURI());
        assertEquals("https://t.example/id/commune/93066", ParamType.IRI.parse(BASE + "id/commune/93066", BASE).getURI());
        for (String[] bad : new String[][] {{"INTEGER", "4.2"}, {"DECIMAL", "1e3"}, {"BOOLEAN", "yes"}, {"DATE", "2023-02-29"},
                {"IRI", "http://evil.example/x"}, {"IRI", "commune/93066> } #"}, {"TOKEN", " 93066"}, {"TOKEN", "a\nb"}}) {
            assertThrows(IllegalArgumentException.class, () -> ParamType.valueOf(bad[0]).parse(bad[1], BASE), bad[0] + " " + bad[1]);
        }
    }

    @Test
    void acceptHeadersAreNegotiatedWithQValues() {
        List<String> offers = TapOutput.ROWS.stream().map(fr.regie.server.http.MediaFormat::mediaType).toList();
        assertEquals("application/json", Accept.parse(null).choose(offers).orElseThrow());
        assertEquals("text/csv", Accept.parse("text/csv").choose(offers).orElseThrow());
        assertEquals("application/json", Accept.parse("text/csv;q=0.5, application/json;q=0.9").choose(offers).orElseThrow());
        assertEquals("text/csv", Accept.parse("text/*").choose(offers).orElseThrow());
        assertEquals("application/ld+json", Accept.parse("application/ld+json, */*;q=0.1").choose(offers).orElseThrow());
        assertEquals("text/csv", Accept.parse("*/*;q=0.2, application/*;q=0").choose(offers).orElseThrow());
        assertTrue(Accept.parse("image/png").choose(offers).isEmpty());
        assertTrue(Accept.parse("text/csv;q=0").choose(offers).isEmpty());
    }
}
