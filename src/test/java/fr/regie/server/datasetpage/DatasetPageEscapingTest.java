package fr.regie.server.datasetpage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;

import fr.regie.pipeline.MetaRecords;
import fr.regie.registry.AccessLevel;
import fr.regie.registry.CatalogFacts;
import fr.regie.registry.DatasetSpec;
import fr.regie.server.page.Lang;
import fr.regie.server.page.PageRequest;
import fr.regie.server.resource.Ontology;

/**
 * Whatever the registry, the store or a tap says is text on the page: a {@code <script>} in a
 * title, a description, a keyword, a value, a property IRI, a tap's title or a period never
 * becomes markup, and a {@code javascript:} IRI never becomes a link.
 */
class DatasetPageEscapingTest {
    static final String EVIL = "<script>alert(1)</script>\"'&";

    @Test
    void nothingFromTheDataBecomesMarkup() {
        Node lit = NodeFactory.createLiteralString(EVIL);
        DatasetSpec spec = new DatasetSpec("d", NodeFactory.createURI("https://t.example/#d"), EVIL, Optional.of(EVIL),
                NodeFactory.createURI("https://t.example/#p"), EVIL, Optional.of(NodeFactory.createURI("javascript:alert(1)")),
                null, List.of(), List.of(), fr.regie.territory.LinkMethod.NONE, Optional.empty(), Optional.of(EVIL), AccessLevel.PUBLIC,
                List.of(), DatasetSpec.DEFAULT_MAX_REMOVAL_SHARE,
                new CatalogFacts(List.of(lit), List.of(), Optional.of(NodeFactory.createURI("javascript:alert(2)")),
                        Optional.of(new CatalogFacts.Period(Optional.of(lit), Optional.empty()))));
        Node subject = NodeFactory.createURI("https://t.example/id/x/1");
        Node prop = NodeFactory.createURI("https://t.example/p#" + EVIL);
        Map<Node, Map<Node, List<Node>>> rows = new LinkedHashMap<>();
        rows.put(subject, Map.of(prop, List.of(lit, NodeFactory.createURI("javascript:alert(3)"))));
        MetaRecords.Run run = new MetaRecords.Run("a", EVIL, EVIL, "accepted", EVIL, 1, 1, 0, Map.of("shaclViolations " + EVIL, EVIL), List.of(EVIL), List.of(EVIL));
        DatasetView v = new DatasetView(spec, AccessLevel.PUBLIC, Optional.of(EVIL), Optional.of(EVIL),
                new MetaRecords.DatasetStatus("d", 1, Optional.of(EVIL), Optional.of(3L), Optional.of(run), List.of(run)),
                List.of(new MetaRecords.Version(1, EVIL, 1, 0)), 1, Optional.of(run),
                new DatasetView.Table(List.of(prop), rows, 1, 1, 1, 25),
                List.of(new DatasetView.Download(EVIL, "https://t.example/datasets/d/dump.nq.gz", EVIL, Optional.of(10L))),
                List.of(new DatasetView.TapLink("t", EVIL)), "SELECT * { ?s ?p \"" + EVIL + "\" }");
        for (Lang lang : Lang.values()) {
            PageRequest p = new PageRequest("https://t.example/", lang, EVIL, "/datasets/d", "page=" + EVIL);
            String html = new DatasetPage(p, Ontology.load(), iri -> iri).render(v);
            assertFalse(html.contains("<script>"), "a script tag on the page");
            assertFalse(html.contains("href=\"javascript:"), "a javascript: link");
            assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the text is shown, escaped");
            assertTrue(html.contains("id=\"dataset-table\"") && html.contains("id=\"history\"") && html.contains("id=\"quality\"")
                    && html.contains("<ul id=\"downloads\">"));
        }
    }
}
