package fr.regie.source;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What the last fetch of a feed left: the URL, its validators ({@code ETag},
 * {@code Last-Modified}) and the SHA-256 of the copy kept. Stored as a small properties file,
 * replaced atomically.
 */
record FetchState(String url, Optional<String> etag, Optional<String> lastModified, Optional<String> sha256) {

    static FetchState read(Path file, String url) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new FetchState(url, Optional.empty(), Optional.empty(), Optional.empty());
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        if (!url.equals(p.getProperty("url"))) {
            // The registry now names another feed: what was known of the old one says nothing of it.
            return new FetchState(url, Optional.empty(), Optional.empty(), Optional.empty());
        }
        return new FetchState(url, Optional.ofNullable(p.getProperty("etag")), Optional.ofNullable(p.getProperty("lastModified")),
                Optional.ofNullable(p.getProperty("sha256")));
    }

    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("url", url);
        etag.ifPresent(v -> p.setProperty("etag", v));
        lastModified.ifPresent(v -> p.setProperty("lastModified", v));
        sha256.ifPresent(v -> p.setProperty("sha256", v));
        Path tmp = Files.createTempFile(file.getParent(), "state", ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "last fetch of a feed (Régie)");
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
