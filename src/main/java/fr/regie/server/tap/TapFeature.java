package fr.regie.server.tap;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.jena.fuseki.main.FusekiServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.regie.server.Feature;
import fr.regie.server.ServerContext;
import fr.regie.territory.GeoFunctions;

/**
 * Installs the taps of the folder the registry's taps folder ({@code regie:taps}, else {@code taps/} beside it; or a given folder) as
 * {@code /api/{name}}, with {@code /api} and {@code /api/openapi.json}. Taps are read once, when
 * the server starts; a malformed tap file is logged (file:line) and left out, the others serve.
 * Registers {@code geof:distance} for the taps' queries.
 */
public final class TapFeature implements Feature {
    private static final Logger LOG = LoggerFactory.getLogger(TapFeature.class);
    private final Optional<Path> dir;
    private volatile Taps taps = new Taps(List.of(), List.of());

    /** The taps of the registry's taps folder. */
    public TapFeature() {
        this.dir = Optional.empty();
    }

    /** The taps of {@code dir}. */
    public TapFeature(Path dir) {
        this.dir = Optional.of(dir);
    }

    /** The taps folder of a server: the given one, or the registry's ({@code regie:taps}, else {@code taps/} beside it). */
    Path dir(ServerContext ctx) {
        return dir.orElseGet(() -> ctx.registry().tapsFolder());
    }

    /** The taps served now: read at install, and again at each registry reload. */
    public Taps taps() {
        return taps;
    }

    @Override
    public void install(FusekiServer.Builder builder, ServerContext ctx) {
        GeoFunctions.register();
        Path folder = dir(ctx);
        taps = Taps.load(folder, ctx.graphs().base());
        TapContexts context = TapContexts.find(folder);
        LOG.info("taps: JSON-LD context from {}", context.source());
        builder.addServlet("/api/*", new TapServlet(ctx, this::taps, context));
        // POST /admin/reload also reads the tap files again (edited, added or removed taps).
        ctx.onReload(registry -> taps = Taps.load(folder, ctx.graphs().base()));
    }
}
