package fr.regie.server.map;

import java.nio.file.Path;
import java.util.Optional;

import org.apache.jena.fuseki.main.FusekiServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.regie.error.RegieException;
import fr.regie.server.Feature;
import fr.regie.server.ServerContext;

/**
 * Installs {@code /map}: the page, {@code /map/data}, {@code /map/indicators} and
 * {@code /map/points}, with the indicators and point layers of {@code indicators.ttl} beside
 * the registry (or of a given file), read at start and again at each registry reload. A file
 * Régie cannot use is logged with the term at fault, and the map then offers nothing.
 */
public final class MapFeature implements Feature {
    private static final Logger LOG = LoggerFactory.getLogger(MapFeature.class);
    private final Optional<Path> file;
    private volatile Declarations declarations = Declarations.NONE;
    private MapServlet servlet;

    /** The declarations of the registry's indicators file ({@link fr.regie.registry.Registry#indicatorsFile()}). */
    public MapFeature() {
        this.file = Optional.empty();
    }

    /** The declarations of {@code file}. */
    public MapFeature(Path file) {
        this.file = Optional.of(file);
    }

    private Path file(ServerContext ctx) {
        return file.orElseGet(() -> ctx.registry().indicatorsFile());
    }

    private Declarations load(ServerContext ctx) {
        Path f = file(ctx);
        try {
            Declarations d = Declarations.read(f, ctx.graphs().base(), fr.regie.registry.Vocabularies.of(ctx.registry()));
            LOG.info("map: {} indicators, {} point layers from {}", d.indicators().size(), d.layers().size(), f);
            return d;
        } catch (RegieException e) {
            LOG.error("map: {} left out: {}", f, e.getMessage());
            return Declarations.NONE;
        }
    }

    @Override
    public void install(FusekiServer.Builder builder, ServerContext ctx) {
        declarations = load(ctx);
        servlet = new MapServlet(ctx, () -> declarations);
        builder.addServlet("/map/*", servlet);
        ctx.onReload(registry -> declarations = load(ctx));
    }

    @Override
    public void started(FusekiServer server, ServerContext ctx) {
        Thread t = new Thread(servlet::warm, "map-read-ahead");
        t.setDaemon(true);
        t.start();
    }
}
