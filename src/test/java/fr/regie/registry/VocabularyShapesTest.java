package fr.regie.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shapes generated from a vocabulary catch a value of the wrong datatype, a negative count, a literal for a link. */
class VocabularyShapesTest {
    @TempDir
    Path dir;

    private static Graph data(String turtle) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(("""
                @prefix cine: <https://w3id.org/regie/partner/cine#> .
                @prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
                """ + turtle), Lang.TURTLE).parse(g);
        return g;
    }

    private ValidationReport validate(String turtle) throws IOException {
        Path f = dir.resolve("vocabulary.ttl");
        Files.writeString(f, VocabularyCheckTest.GOOD);
        Vocabularies v = Vocabularies.read(List.of(f));
        return ShaclValidator.get().validate(Shapes.parse(v.shapes()), data(turtle));
    }

    @Test
    void goodValuesConform() throws IOException {
        ValidationReport r = validate("""
                <x> cine:seatCount 120 ; cine:admissions 3.5 ; cine:screenName "Salle 1" ; cine:operatorOf <y> .
                <z> cine:seatCount 0 .
                """);
        assertTrue(r.conforms(), () -> r.getEntries().toString());
    }

    @Test
    void aWrongDatatypeIsCaught() throws IOException {
        ValidationReport r = validate("<x> cine:seatCount \"120\" ; cine:admissions \"3.5\"^^xsd:double .");
        assertFalse(r.conforms());
        // A string where an integer is declared also fails sh:minInclusive 0 (not comparable): count datatype results.
        var datatypeResults = r.getEntries().stream()
                .filter(e -> e.sourceConstraintComponent().getURI().endsWith("#DatatypeConstraintComponent"))
                .map(e -> e.resultPath().toString()).sorted().toList();
        assertEquals(List.of("<" + VocabularyCheckTest.NS + "admissions>", "<" + VocabularyCheckTest.NS + "seatCount>"), datatypeResults);
        assertTrue(r.getEntries().stream().anyMatch(e -> e.message().contains("xsd:integer")), () -> r.getEntries().toString());
    }

    @Test
    void aNegativeNonNegativeValueAndALiteralLinkAreCaught() throws IOException {
        ValidationReport r = validate("<x> cine:seatCount -1 . <y> cine:operatorOf \"the cinema\" .");
        assertEquals(2, r.getEntries().size(), () -> r.getEntries().toString());
    }

    @Test
    void shapesForADatasetAreThoseOfItsOwnFiles() throws IOException {
        Path f = dir.resolve("vocabulary.ttl");
        Files.writeString(f, VocabularyCheckTest.GOOD);
        Vocabularies v = Vocabularies.read(List.of(f));
        DatasetSpec with = spec(List.of(f));
        DatasetSpec without = spec(List.of());
        assertEquals(v.shapes().size(), v.shapesFor(with).size());
        assertTrue(v.shapesFor(with).size() > 0);
        assertEquals(0, v.shapesFor(without).size());
    }

    private static DatasetSpec spec(List<Path> vocabularies) {
        var n = org.apache.jena.graph.NodeFactory.createURI("https://t.example/#d");
        return new DatasetSpec("d", n, "D", java.util.Optional.empty(), n, "P", java.util.Optional.empty(),
                new Source(java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                        java.util.Optional.of("x"), java.util.Optional.empty()),
                List.of(), List.of(), fr.regie.territory.LinkMethod.NONE, java.util.Optional.empty(), java.util.Optional.empty(),
                AccessLevel.PUBLIC, List.of(), DatasetSpec.DEFAULT_MAX_REMOVAL_SHARE, CatalogFacts.NONE, vocabularies);
    }
}
