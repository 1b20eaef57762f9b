package fr.regie.server.datasetpage;

import java.nio.file.Path;
import java.util.Optional;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.server.Feature;
import fr.regie.server.ServerContext;
import fr.regie.server.tap.Taps;

/**
 * Installs the dataset pages ({@code /datasets}, {@code /datasets/{id}}) and the CSV and GeoJSON
 * downloads, in front of {@code server.ops}' dump and change feed. The taps a page lists are
 * read from the registry's taps folder (or the folder given), again at each reload.
 */
public final class DatasetPageFeature implements Feature {
    private final Optional<Path> dir;
    private volatile Taps taps = new Taps(java.util.List.of(), java.util.List.of());

    public DatasetPageFeature() {
        this.dir = Optional.empty();
    }

    /** Pages listing the taps of {@code dir}. */
    public DatasetPageFeature(Path dir) {
        this.dir = Optional.of(dir);
    }

    @Override
    public void install(FusekiServer.Builder builder, ServerContext context) {
        Path folder = dir.orElseGet(() -> context.registry().tapsFolder());
        taps = Taps.load(folder, context.graphs().base());
        context.onReload(r -> taps = Taps.load(folder, context.graphs().base()));
        builder.addFilter("/datasets/*", new DatasetPageFilter(context, () -> taps));
    }
}
