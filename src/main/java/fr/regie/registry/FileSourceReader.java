package fr.regie.registry;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;

import fr.regie.r2rml.TurtleWithPositions;
import fr.regie.territory.Vocab;

/**
 * Reads a {@code regie:source} that names files ({@code regie:file}) or web feeds
 * ({@code regie:url}) with its reading settings, and checks each against the bytes it will meet:
 * the file exists, the URL is http(s), the encoding is one Java knows, a delimiter is one
 * character. Every mistake is a {@link RegistryException} at the line that wrote it.
 */
final class FileSourceReader {
    static final Node file = regie("file");
    static final Node url = regie("url");
    static final Node encoding = regie("encoding");
    static final Node delimiter = regie("delimiter");
    static final Node header = regie("header");
    static final Node decimalSeparator = regie("decimalSeparator");
    static final Node sheet = regie("sheet");
    static final Node headerRow = regie("headerRow");
    static final Node timeout = regie("timeout");
    static final Node maxBytes = regie("maxBytes");

    /** The properties a file or feed source may have; the registry's typo check accepts them too. */
    static final Set<Node> PROPERTIES = Set.of(file, url, encoding, delimiter, header, decimalSeparator, sheet, headerRow,
            timeout, maxBytes);

    private final Graph g;
    private final TurtleWithPositions parsed;
    private final Path registry;
    /** Whether the files must exist: not on a node that only serves (it never reads them). */
    private final boolean serving;

    FileSourceReader(Graph g, TurtleWithPositions parsed, Path registry, boolean serving) {
        this.g = g;
        this.parsed = parsed;
        this.registry = registry;
        this.serving = serving;
    }

    private static Node regie(String local) {
        return NodeFactory.createURI(Vocab.REGIE + local);
    }

    /** The file or feed source {@code s} declares; empty when it declares neither (a JDBC or embedded source). */
    Optional<FileSource> read(Node s) {
        List<Triple> files = parsed.inWrittenOrder(s, file, registry.toString());
        List<Triple> urls = parsed.inWrittenOrder(s, url, registry.toString());
        List<Triple> own = g.find(s, Node.ANY, Node.ANY).filterKeep(t -> t.getPredicate().getURI().startsWith(Vocab.REGIE)).toList();
        if (files.isEmpty() && urls.isEmpty()) {
            for (Triple t : own) {
                if (PROPERTIES.contains(t.getPredicate())) {
                    throw at(t, name(t.getPredicate()) + " applies to a file or feed source (regie:file or regie:url), not to a database");
                }
            }
            return Optional.empty();
        }
        for (Triple t : own) {
            if (!PROPERTIES.contains(t.getPredicate())) {
                throw at(t, "a file or feed source cannot have " + name(t.getPredicate())
                        + " (it has regie:file or regie:url; its settings are " + String.join(", ",
                        PROPERTIES.stream().map(FileSourceReader::name).sorted().toList()) + ")");
            }
        }
        if (!files.isEmpty() && !urls.isEmpty()) {
            throw at(urls.get(0), "a source has regie:file or regie:url, not both (declare two datasets)");
        }
        List<Path> paths = new ArrayList<>();
        for (Triple t : files) {
            Node o = t.getObject();
            if (!o.isURI() || !o.getURI().startsWith("file:")) {
                throw at(t, "regie:file must be a file, written as a relative IRI such as <partner/data/file.csv>");
            }
            Path p = Path.of(URI.create(o.getURI()));
            if (!serving && !Files.isRegularFile(p)) {
                throw at(t, "regie:file " + p + ": no such file");
            }
            paths.add(p);
        }
        List<URI> uris = new ArrayList<>();
        for (Triple t : urls) {
            Node o = t.getObject();
            String u = o.isURI() ? o.getURI() : o.isLiteral() ? o.getLiteralLexicalForm() : "";
            URI parsedUri;
            try {
                parsedUri = new URI(u);
            } catch (java.net.URISyntaxException e) {
                throw at(t, "regie:url \"" + u + "\" is not a URL: " + e.getReason());
            }
            String scheme = parsedUri.getScheme() == null ? "" : parsedUri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || parsedUri.getHost() == null) {
                throw at(t, "regie:url must be an http or https URL such as <https://example.org/feed.json>, not "
                        + (scheme.equals("file") ? "a file (use regie:file)" : "<" + FileSource.redact(parsedUri) + ">"));
            }
            uris.add(parsedUri);
        }
        return Optional.of(new FileSource(paths, uris, charset(s), oneChar(s, delimiter), bool(s, header),
                decimal(s), literal(s, sheet), positive(s, headerRow).map(Math::toIntExact),
                positive(s, timeout).map(Duration::ofSeconds), positive(s, maxBytes)));
    }

    private Optional<String> charset(Node s) {
        Optional<String> name = literal(s, encoding);
        name.ifPresent(n -> {
            boolean ok;
            try {
                ok = Charset.isSupported(n);
            } catch (IllegalCharsetNameException e) {
                ok = false;
            }
            if (!ok) {
                throw at(only(s, encoding), "regie:encoding \"" + n + "\" is not an encoding Java knows (UTF-8, windows-1252, ISO-8859-1, UTF-16…)");
            }
        });
        return name;
    }

    private Optional<Character> oneChar(Node s, Node p) {
        Optional<String> v = literal(s, p);
        if (v.isPresent() && v.get().length() != 1) {
            throw at(only(s, p), name(p) + " must be one character, such as \";\" or \"\\t\", not \"" + v.get() + "\"");
        }
        return v.map(x -> x.charAt(0));
    }

    private Optional<Character> decimal(Node s) {
        Optional<Character> c = oneChar(s, decimalSeparator);
        if (c.isPresent() && c.get() != ',' && c.get() != '.') {
            throw at(only(s, decimalSeparator), "regie:decimalSeparator must be \",\" or \".\", not \"" + c.get() + "\"");
        }
        return c;
    }

    private Optional<Boolean> bool(Node s, Node p) {
        Optional<String> v = literal(s, p);
        if (v.isPresent() && !v.get().equals("true") && !v.get().equals("false")) {
            throw at(only(s, p), name(p) + " must be true or false, not \"" + v.get() + "\"");
        }
        return v.map(Boolean::parseBoolean);
    }

    private Optional<Long> positive(Node s, Node p) {
        Optional<String> v = literal(s, p);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            long n = Long.parseLong(v.get().strip());
            if (n > 0 && (p != headerRow || n <= 1_000_000)) {
                return Optional.of(n);
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw at(only(s, p), name(p) + " must be a positive whole number" + (p == timeout ? " of seconds" : p == maxBytes ? " of bytes" : "")
                + ", not \"" + v.get() + "\"");
    }

    private Optional<String> literal(Node s, Node p) {
        Triple t = only(s, p);
        if (t == null) {
            return Optional.empty();
        }
        if (!t.getObject().isLiteral()) {
            throw at(t, name(p) + " must be a literal");
        }
        return Optional.of(t.getObject().getLiteralLexicalForm());
    }

    private Triple only(Node s, Node p) {
        List<Triple> ts = parsed.inWrittenOrder(s, p, registry.toString());
        if (ts.size() > 1) {
            throw at(ts.get(1), "more than one " + name(p));
        }
        return ts.isEmpty() ? null : ts.get(0);
    }

    private RegistryException at(Triple t, String message) {
        return new RegistryException(parsed.positionOf(t, registry.toString()), message);
    }

    private static String name(Node p) {
        return p.getURI().startsWith(Vocab.REGIE) ? "regie:" + p.getURI().substring(Vocab.REGIE.length()) : "<" + p.getURI() + ">";
    }
}
