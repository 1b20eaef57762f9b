package fr.regie.server.editor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.fuseki.main.FusekiServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.regie.server.Feature;
import fr.regie.server.ServerContext;
import fr.regie.server.http.JsonLdContext;

/**
 * Installs the SPARQL editor: browsers asking for {@code /sparql} (HTML preferred in
 * {@code Accept}) get a page with YASGUI, every other client the endpoint as before. Install it
 * before the catalog's feature, whose service description answers {@code GET /sparql} without
 * a query. The example queries are the {@code *.rq} of a folder: the given one, else
 * {@code queries/} beside the registry, else {@code ../queries/} (this repository's layout,
 * {@code examples/queries/} beside {@code examples/plaine-commune/registry.ttl}).
 */
public final class EditorFeature implements Feature {
    private static final Logger LOG = LoggerFactory.getLogger(EditorFeature.class);
    private final Optional<Path> dir;

    /** The example queries found beside the registry. */
    public EditorFeature() {
        this.dir = Optional.empty();
    }

    /** The example queries of {@code dir}. */
    public EditorFeature(Path dir) {
        this.dir = Optional.of(dir);
    }

    /** Where the examples are read from, for a server. */
    static Path folder(Optional<Path> given, Path registryFile) {
        if (given.isPresent()) {
            return given.get();
        }
        Path here = registryFile.toAbsolutePath().getParent();
        for (Path p : List.of(here.resolve("queries"), here.resolveSibling("queries"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return here.resolve("queries");
    }

    @Override
    public void install(FusekiServer.Builder builder, ServerContext context) {
        Path folder = folder(dir, context.registry().file());
        ExampleQueries examples = ExampleQueries.load(folder);
        LOG.info("SPARQL editor: {} example queries from {}", examples.examples().size(), folder);
        Map<String, String> prefixes = JsonLdContext.load().prefixMapping().getNsPrefixMap();
        builder.addFilter("/sparql", new EditorFilter(context, examples, prefixes));
    }
}
