package fr.regie.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kind of mistake in a partner vocabulary is reported in one line naming the file and the
 * line where the term (or the faulty statement) is written; the line is found in the mutated
 * text by a marker, not copied from the checker's output.
 */
class VocabularyCheckTest {
    static final String NS = "https://w3id.org/regie/partner/cine#";

    /** A good vocabulary: a class, a sum, a weighted mean, a class-valued property. */
    static final String GOOD = """
            @prefix cine:  <https://w3id.org/regie/partner/cine#> .
            @prefix regie: <https://w3id.org/regie#> .
            @prefix owl:   <http://www.w3.org/2002/07/owl#> .
            @prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix xsd:   <http://www.w3.org/2001/XMLSchema#> .
            @prefix schema: <https://schema.org/> .
            cine:Cinema a owl:Class ; rdfs:subClassOf regie:Facility ;
                rdfs:label "Cinéma"@fr , "Cinema"@en .
            cine:seatCount a owl:DatatypeProperty ; rdfs:range xsd:integer ;
                regie:aggregation regie:Sum ; regie:nonNegative true ; regie:unit "fauteuils"@fr ;
                rdfs:label "fauteuils"@fr , "seats"@en .
            cine:admissions a owl:DatatypeProperty ; rdfs:range xsd:decimal ;
                regie:aggregation regie:WeightedMean ; regie:weightedBy cine:seatCount ;
                rdfs:label "entrées par fauteuil"@fr , "admissions per seat"@en .
            cine:operatorOf a owl:ObjectProperty ; rdfs:range cine:Cinema ;
                rdfs:label "exploite"@fr , "operates"@en .
            cine:screenName a owl:DatatypeProperty ; rdfs:range xsd:string ;
                rdfs:label "nom de salle"@fr , "screen name"@en .
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void theGoodVocabularyReads() throws IOException {
        Vocabularies v = Vocabularies.read(List.of(write("vocabulary.ttl", GOOD)));
        assertEquals(5, v.partnerTerms().size());
        assertEquals("fauteuils", v.label(NS + "seatCount", "fr").orElseThrow());
        assertEquals("seats", v.label(NS + "seatCount", "en").orElseThrow());
        assertTrue(v.declared(NodeFactory.createURI(NS + "Cinema")));
        assertTrue(v.term(NodeFactory.createURI(NS + "seatCount")).orElseThrow().nonNegative());
    }

    @Test
    void theAnctVocabularyReads() {
        Vocabularies v = Vocabularies.read(List.of(Path.of("mappings/anct/vocabulary.ttl")));
        assertTrue(v.partnerTerms().size() >= 5);
        assertEquals("sur rendez-vous", v.label("https://w3id.org/regie/partner/anct#appointmentRequired", "fr").orElseThrow());
    }

    /** (what is changed, its replacement, a marker on the line the error must name, a fragment of the message). */
    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("rdfs:label \"fauteuils\"@fr , \"seats\"@en .", "rdfs:label \"fauteuils\"@fr .",
                        "cine:seatCount a", "has no rdfs:label in English"),
                Arguments.of("rdfs:label \"Cinéma\"@fr , \"Cinema\"@en .", "rdfs:label \"Cinema\"@en .",
                        "cine:Cinema a", "has no rdfs:label in French"),
                Arguments.of("rdfs:range xsd:string ;", "", "cine:screenName a", "has no rdfs:range"),
                Arguments.of("rdfs:range xsd:string ;", "rdfs:range xsd:strin ;", "cine:screenName a", "is not an XSD datatype: xsd:strin"),
                Arguments.of("rdfs:range cine:Cinema ;", "rdfs:range cine:Cinemaa ;", "cine:operatorOf a",
                        "neither an XSD datatype nor a declared class"),
                Arguments.of("cine:screenName a owl:DatatypeProperty ; rdfs:range xsd:string ;",
                        "cine:screenName a owl:DatatypeProperty ; rdfs:range xsd:string ; regie:aggregation regie:Sum ;",
                        "cine:screenName a", "regie:aggregation is only for numeric properties"),
                Arguments.of("regie:aggregation regie:Sum ; regie:nonNegative", "regie:nonNegative",
                        "cine:seatCount a", "says nothing of how it aggregates"),
                Arguments.of("regie:aggregation regie:Sum ;", "regie:aggregation regie:RatioOfSums ;",
                        "regie:aggregation regie:RatioOfSums", "a rule for indicators"),
                Arguments.of("regie:weightedBy cine:seatCount", "regie:weightedBy cine:screenName",
                        "cine:admissions a", "not a declared numeric property"),
                Arguments.of("regie:aggregation regie:WeightedMean ; regie:weightedBy cine:seatCount ;",
                        "regie:aggregation regie:WeightedMean ;", "regie:aggregation regie:WeightedMean", "needs regie:weightedBy"),
                Arguments.of("regie:nonNegative true", "regie:nonNegative \"yes\"", "regie:nonNegative \"yes\"", "must be true or false"),
                Arguments.of("regie:unit \"fauteuils\"@fr", "regie:units \"fauteuils\"@fr", "regie:units", "unknown property regie:units"),
                Arguments.of("cine:Cinema a owl:Class ;", "cine:Cinema", "cine:Cinema rdfs:subClassOf", "has no rdf:type"),
                Arguments.of("cine:Cinema a owl:Class ; rdfs:subClassOf regie:Facility ;", "cine:Cinema a owl:Class ; rdfs:subClassOf regie:Facilty ;",
                        "cine:Cinema a", "no ontology or vocabulary declares as a class"),
                Arguments.of("cine:screenName a", "schema:screenName a", "schema:screenName a", "a vocabulary Régie reuses"),
                Arguments.of("cine:screenName a", "<screen> a", "<screen> a", "must be an absolute http(s) IRI"),
                Arguments.of("cine:Cinema a owl:Class ;", "cine:Cinema a owl:Class , owl:DatatypeProperty ;", "cine:Cinema a",
                        "both a class and a property"),
                Arguments.of("rdfs:range xsd:decimal ;", "rdfs:range xsd:decimal ", "regie:aggregation regie:WeightedMean", "Turtle"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void eachMistakeNamesFileAndLine(String from, String to, String marker, String message) throws IOException {
        assertTrue(GOOD.contains(from), from);
        String bad = GOOD.replace(from, to);
        Path f = write("vocabulary.ttl", bad);
        RegistryException e = assertThrows(RegistryException.class, () -> Vocabularies.read(List.of(f)));
        int line = lineOf(bad, marker);
        assertTrue(e.getMessage().startsWith(f + ":" + line), "expected " + f + ":" + line + ", got " + e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    @Test
    void redefiningARegieTermNamesBothFiles() throws IOException {
        String bad = GOOD + "regie:dockCount a owl:DatatypeProperty ; rdfs:range xsd:integer ; regie:aggregation regie:Sum ;"
                + " rdfs:label \"x\"@fr , \"x\"@en .\n";
        Path f = write("vocabulary.ttl", bad);
        RegistryException e = assertThrows(RegistryException.class, () -> Vocabularies.read(List.of(f)));
        String ontology = new String(getClass().getClassLoader().getResourceAsStream(Vocabularies.ONTOLOGY).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(e.getMessage().startsWith(f + ":" + lineOf(bad, "regie:dockCount a")), e.getMessage());
        assertTrue(e.getMessage().contains(Vocabularies.ONTOLOGY + ":" + lineOf(ontology, "regie:dockCount a")), e.getMessage());
    }

    @Test
    void twoVocabulariesDeclaringOneTermNameBothFiles() throws IOException {
        Path a = write("a.ttl", GOOD);
        String other = GOOD.replace("cine:Cinema a owl:Class ; rdfs:subClassOf regie:Facility ;\n    rdfs:label \"Cinéma\"@fr , \"Cinema\"@en .\n", "")
                .replace("cine:", "cine2:").replace("@prefix cine2:  <https://w3id.org/regie/partner/cine#>",
                        "@prefix cine2: <https://w3id.org/regie/partner/cine2#>")
                .replace("rdfs:range cine2:Cinema", "rdfs:range regie:Facility")
                + "regie:seatCount a owl:DatatypeProperty ; rdfs:range xsd:integer ; regie:aggregation regie:Sum ;"
                + " rdfs:label \"fauteuils\"@fr , \"seats\"@en .\n";
        Path b = write("b.ttl", other);
        Path c = write("c.ttl", other.replace("regie:seatCount", "regie:seatTotal"));
        Vocabularies.read(List.of(a, b));
        RegistryException e = assertThrows(RegistryException.class, () -> Vocabularies.read(List.of(a, b, c)));
        // c declares cine2: terms b already owns, on its first cine2 term.
        assertTrue(e.getMessage().startsWith(c + ":" + lineOf(other, "cine2:seatCount a")), e.getMessage());
        assertTrue(e.getMessage().contains(b + ":" + lineOf(other, "cine2:seatCount a")), e.getMessage());
    }

    @Test
    void aNamespaceBelongsToOneFile() throws IOException {
        Path a = write("a.ttl", GOOD);
        Path b = write("b.ttl", GOOD.replace("cine:seatCount", "cine:seatTotal").replace("cine:Cinema", "cine:Theatre")
                .replace("cine:admissions", "cine:entries").replace("cine:operatorOf", "cine:runs").replace("cine:screenName", "cine:hall")
                .replace("cine:seatTotal", "cine:seatTotal"));
        RegistryException e = assertThrows(RegistryException.class, () -> Vocabularies.read(List.of(a, b)));
        assertTrue(e.getMessage().contains("belongs to the vocabulary " + a), e.getMessage());
        assertTrue(e.getMessage().startsWith(b + ":"), e.getMessage());
    }

    @Test
    void aRegistryDeclaresVocabulariesAndABadOneStopsIt() throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/schema.sql"), "CREATE TABLE t (id INTEGER);");
        Files.writeString(dir.resolve("m.ttl"), "# a mapping");
        write("vocabulary.ttl", GOOD);
        String reg = """
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <#t> a regie:Territory ; dct:title "T" ; regie:baseIRI "https://t.example/" ; regie:referenceDataset <#d> .
                <#p> foaf:name "P" .
                <#d> a dcat:Dataset ; dct:identifier "d" ; dct:title "D" ; dct:publisher <#p> ;
                    regie:source [ regie:embeddedDatabase "x" ; regie:loadFrom <src/> ] ;
                    regie:mapping <m.ttl> ; regie:vocabulary <vocabulary.ttl> .
                """;
        Registry r = Registry.read(write("registry.ttl", reg));
        assertEquals(List.of(dir.resolve("vocabulary.ttl")), r.datasets().get(0).vocabularies());
        assertEquals(5, Vocabularies.of(r).partnerTerms().size());
        RegistryException missing = assertThrows(RegistryException.class,
                () -> Registry.read(write("registry.ttl", reg.replace("<vocabulary.ttl>", "<nope.ttl>"))));
        assertTrue(missing.getMessage().contains("registry.ttl:9") && missing.getMessage().contains("no such file"), missing.getMessage());
        write("vocabulary.ttl", GOOD.replace(", \"seats\"@en", ""));
        Path again = write("registry.ttl", reg);
        RegistryException bad = assertThrows(RegistryException.class, () -> Registry.read(again));
        assertTrue(bad.getMessage().contains("vocabulary.ttl:" + lineOf(GOOD, "cine:seatCount a")), bad.getMessage());
    }

    static int lineOf(String text, String marker) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + marker);
    }
}
