package fr.regie.server;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import fr.regie.testing.TestServer;

/**
 * The server over the {@link AccessFixture} for a test class: built before its first test, closed
 * and deleted after its last. Register it as a static field:
 * {@code @RegisterExtension static final AccessServer server = new AccessServer(settings, features);}
 */
public final class AccessServer implements BeforeAllCallback, AfterAllCallback {
    private final ServerSettings settings;
    private final List<Feature> features;
    private Path dir;
    private AccessFixture fixture;
    private TestServer server;

    public AccessServer(ServerSettings settings, List<Feature> features) {
        this.settings = settings;
        this.features = List.copyOf(features);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("regie-access-");
        fixture = AccessFixture.create(dir);
        server = TestServer.start(fixture.context(settings), features);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
        }
        if (fixture != null) {
            fixture.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    public AccessFixture fixture() {
        return fixture;
    }

    public TestServer server() {
        return server;
    }

    public String base() {
        return server.base();
    }

    public HttpClient client() {
        return server.client();
    }

    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return server.get(path, headers);
    }

    public HttpResponse<byte[]> getBytes(String path, String... headers) throws IOException, InterruptedException {
        return server.getBytes(path, headers);
    }

    public HttpResponse<String> post(String path, String contentType, String body, String... headers)
            throws IOException, InterruptedException {
        return server.post(path, contentType, body, headers);
    }
}
