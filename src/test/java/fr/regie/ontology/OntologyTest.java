package fr.regie.ontology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ontology is usable by analysts and partners: every class and property has a French and
 * an English label and comment, every regie: term the mappings, shapes and JSON-LD context use is
 * declared, and the shapes parse.
 */
class OntologyTest {
    private static final Path ONTOLOGY = Path.of("ontology/regie.ttl");
    private static final String REGIE = "https://w3id.org/regie#";

    private static Graph ontology() {
        return RDFDataMgr.loadGraph(ONTOLOGY.toString());
    }

    @Test
    void everyTermHasFrenchAndEnglishLabelsAndComments() {
        Graph g = ontology();
        List<String> missing = new ArrayList<>();
        for (Node type : List.of(OWL.Class.asNode(), OWL.ObjectProperty.asNode(), OWL.DatatypeProperty.asNode())) {
            for (Triple t : g.find(Node.ANY, RDF.Nodes.type, type).toList()) {
                Node term = t.getSubject();
                for (Node p : List.of(RDFS.Nodes.label, RDFS.Nodes.comment)) {
                    for (String lang : List.of("fr", "en")) {
                        boolean has = g.find(term, p, Node.ANY).toList().stream()
                                .anyMatch(x -> x.getObject().isLiteral() && lang.equals(x.getObject().getLiteralLanguage()));
                        if (!has) {
                            missing.add(term + " " + p.getLocalName() + "@" + lang);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(g.find(Node.ANY, RDF.Nodes.type, OWL.Class.asNode()).toList().size() >= 15, "the check saw the classes");
    }

    private static Set<String> declaredRegieTerms() {
        Set<String> terms = new TreeSet<>();
        ontology().find().forEach(t -> {
            if (t.getSubject().isURI() && t.getSubject().getURI().startsWith(REGIE)) {
                terms.add(t.getSubject().getURI().substring(REGIE.length()));
            }
        });
        return terms;
    }

    @Test
    void mappingsAndShapesUseOnlyDeclaredTerms() throws IOException {
        Set<String> declared = declaredRegieTerms();
        // Registry-only terms live in the registry vocabulary, documented in the README.
        Set<String> registry = Set.of("Territory", "baseIRI", "referenceDataset", "source", "jdbcUrl", "user", "passwordEnv",
                "embeddedDatabase", "loadFrom", "mapping", "shapes", "linkBy", "schedule", "accessLevel", "accessPartner",
                "apiKeyEnv", "CommuneCode", "Geometry", "NoLink", "Public", "Partners", "Restricted");
        Pattern use = Pattern.compile("regie:([A-Za-z][A-Za-z0-9]*)");
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("mappings")), Files.walk(Path.of("ontology/shapes")))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ttl")).toList()) {
                Matcher m = use.matcher(Files.readString(f));
                while (m.find()) {
                    if (!declared.contains(m.group(1)) && !registry.contains(m.group(1))) {
                        unknown.add(f + ": regie:" + m.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), unknown);
    }

    @Test
    void contextKeysPointToDeclaredTerms() throws IOException {
        Set<String> declared = declaredRegieTerms();
        JsonNode ctx = new ObjectMapper().readTree(Path.of("ontology/context.jsonld").toFile()).get("@context");
        List<String> unknown = new ArrayList<>();
        ctx.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            String id = v.isTextual() ? v.asText() : v.path("@id").asText("");
            if (id.startsWith("regie:") && !declared.contains(id.substring(6))) {
                unknown.add(e.getKey() + " → " + id);
            }
        });
        assertEquals(List.of(), unknown);
    }

    @Test
    void shapesParse() {
        for (String f : List.of("ontology/shapes/partners.ttl", "ontology/shapes/territory.ttl")) {
            Shapes shapes = Shapes.parse(RDFDataMgr.loadGraph(f));
            assertTrue(shapes.numRootShapes() >= 4, f);
        }
    }
}
