package fr.regie.web;

import java.util.Map;
import java.util.Optional;

import fr.regie.cli.ServerFeatures;
import fr.regie.registry.Registry;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.testing.SharedDemo;
import fr.regie.testing.TestServer;

/**
 * The full server ({@link ServerFeatures#all()}) over the Plaine Commune demo store, as
 * {@code regie demo} serves it, for the tests that look at the pages people use. One per test
 * JVM, never closed (like the store it serves).
 */
final class DemoWeb {
    private static TestServer server;

    private DemoWeb() {}

    static synchronized TestServer server() {
        if (server == null) {
            Registry registry = SharedDemo.registry();
            ServerSettings d = ServerSettings.defaults(0);
            // Anonymous, as the public is; the rate limit raised so a crawl of thousands of pages is not refused.
            ServerSettings settings = new ServerSettings(0, true, d.queryTimeout(), d.resultLimit(), d.maxQueryLength(), 1_000_000,
                    d.partnerPerMinute(), false, Optional.empty());
            ServerContext ctx = new ServerContext(registry, SharedDemo.store(), Access.of(registry, Map.of()), settings, null, null);
            server = TestServer.start(ctx, ServerFeatures.all());
        }
        return server;
    }
}
