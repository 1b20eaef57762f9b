package fr.regie.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.server.access.Caller;

/** {@link ServerContext#query}: the union of the caller's graphs, values bound as RDF terms. */
class ContextQueryTest {
    @TempDir
    static Path dir;
    static AccessFixture fixture;

    @BeforeAll
    static void create() throws Exception {
        fixture = AccessFixture.create(dir);
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    private static List<String> names(Caller caller, String code) {
        ServerContext ctx = fixture.context(ServerSettings.defaults(0));
        return ctx.store().read(() -> {
            List<String> out = new ArrayList<>();
            try (QueryExec qe = ctx.query(caller, QueryFactory.create("""
                    SELECT ?n WHERE { ?s <https://schema.org/name> ?n ; <https://w3id.org/regie#communeCode> ?code } ORDER BY ?n"""),
                    Map.of(Var.alloc("code"), NodeFactory.createLiteralString(code)))) {
                RowSet rs = qe.select();
                rs.forEachRemaining(b -> out.add(b.get("n").getLiteralLexicalForm()));
            }
            return out;
        });
    }

    @Test
    void unionOfVisibleGraphsWithBoundValues() {
        assertEquals(List.of("Mairie"), names(Caller.ANONYMOUS, "93001"));
        assertEquals(List.of("Mairie", "Secret"), names(Caller.partner("velib"), "93001"));
        assertEquals(List.of(), names(Caller.ANONYMOUS, "93001\" } UNION { ?s ?p ?n } #"), "a value is a term, not query text");
    }
}
