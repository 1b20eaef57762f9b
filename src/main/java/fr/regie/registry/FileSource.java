package fr.regie.registry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A source made of partner files or web feeds, as the registry declares it: the files (resolved
 * against the registry), or the http(s) URLs, and the reading settings the operator wrote down.
 * A setting left out is sniffed from the bytes or takes its default when the file is read
 * (by the source readers); the registry only checks that what is written makes sense.
 */
public record FileSource(List<Path> files, List<URI> urls, Optional<String> encoding, Optional<Character> delimiter,
                         Optional<Boolean> header, Optional<Character> decimalSeparator, Optional<String> sheet,
                         Optional<Integer> headerRow, Optional<Duration> timeout, Optional<Long> maxBytes) {
    public FileSource {
        files = List.copyOf(files);
        urls = List.copyOf(urls);
    }

    /** True for web feeds (fetched over HTTP), false for local files. */
    public boolean isFeed() {
        return !urls.isEmpty();
    }

    /** The files' names or the feeds' URLs without query or credentials, for the operator's messages. */
    public String describe() {
        if (isFeed()) {
            return "web feed " + String.join(", ", urls.stream().map(FileSource::redact).toList());
        }
        return "file " + String.join(", ", files.stream().map(Path::toString).toList());
    }

    /** An URL as it may be printed: no user information, no query (keys often travel there). */
    static String redact(URI u) {
        String host = u.getHost() == null ? "" : u.getHost();
        String port = u.getPort() < 0 ? "" : ":" + u.getPort();
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        return u.getScheme() + "://" + host + port + path + (u.getRawQuery() == null ? "" : "?…");
    }
}
