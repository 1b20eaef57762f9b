package fr.regie.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import fr.regie.demo.VelibFeed;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;

/**
 * The partner feeds a demo registry points at on this machine: a Vélib' {@code station_status.json}
 * on the loopback interface is served by {@link VelibFeed} from the snapshot beside the registry
 * ({@code velib-live/}), on the port the registry names, for as long as the demo runs. A feed
 * already answering there (another demo) is used as it is.
 */
public final class DemoFeeds implements AutoCloseable {
    private static final String SNAPSHOT = "velib-live/velib-disponibilite-en-temps-reel.csv";
    private final List<VelibFeed> started;

    private DemoFeeds(List<VelibFeed> started) {
        this.started = List.copyOf(started);
    }

    /** Starts the local feeds {@code registry} declares; none if it declares none. */
    public static DemoFeeds startFor(Registry registry) throws IOException {
        List<VelibFeed> feeds = new ArrayList<>();
        Path snapshot = registry.file().toAbsolutePath().getParent().resolve(SNAPSHOT);
        for (DatasetSpec d : registry.datasets()) {
            if (d.source().files().isEmpty()) {
                continue;
            }
            for (URI u : d.source().files().get().urls()) {
                if (!local(u) || !"/station_status.json".equals(u.getPath()) || !Files.isRegularFile(snapshot)) {
                    continue;
                }
                try {
                    feeds.add(VelibFeed.start(snapshot, 1L, u.getPort()));
                } catch (BindException e) {
                    // Another demo's feed, most likely: the refresh will say if nothing answers there.
                }
            }
        }
        return new DemoFeeds(feeds);
    }

    private static boolean local(URI u) {
        return "http".equals(u.getScheme()) && u.getPort() > 0 && ("127.0.0.1".equals(u.getHost()) || "localhost".equals(u.getHost()));
    }

    /** The feeds this demo started. */
    public List<VelibFeed> feeds() {
        return started;
    }

    @Override
    public void close() {
        started.forEach(VelibFeed::close);
    }
}
