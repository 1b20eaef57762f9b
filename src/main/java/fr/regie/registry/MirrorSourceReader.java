package fr.regie.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
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
 * Reads a {@code regie:source [ regie:mirrorOf <http://host/datasets/{id}> ; regie:timeout 30 ;
 * regie:maxBytes … ]}: the URL must be an http(s) dataset URL of a Régie ({@code …/datasets/{id}}),
 * the settings positive whole numbers, and nothing else may stand beside it. Every mistake is a
 * {@link RegistryException} at the line that wrote it.
 */
final class MirrorSourceReader {
    static final Node mirrorOf = NodeFactory.createURI(Vocab.REGIE + "mirrorOf");
    private static final Set<Node> SETTINGS = Set.of(mirrorOf, FileSourceReader.timeout, FileSourceReader.maxBytes);

    private final Graph g;
    private final TurtleWithPositions parsed;
    private final Path registry;

    MirrorSourceReader(Graph g, TurtleWithPositions parsed, Path registry) {
        this.g = g;
        this.parsed = parsed;
        this.registry = registry;
    }

    /** The mirror {@code s} declares; empty when it has no regie:mirrorOf. */
    Optional<MirrorSource> read(Node s) {
        List<Triple> of = parsed.inWrittenOrder(s, mirrorOf, registry.toString());
        if (of.isEmpty()) {
            return Optional.empty();
        }
        if (of.size() > 1) {
            throw at(of.get(1), "more than one regie:mirrorOf (a dataset mirrors one upstream dataset)");
        }
        for (Triple t : g.find(s, Node.ANY, Node.ANY).toList()) {
            if (t.getPredicate().getURI().startsWith(Vocab.REGIE) && !SETTINGS.contains(t.getPredicate())) {
                throw at(t, "a mirror (regie:mirrorOf) cannot have regie:" + t.getPredicate().getURI().substring(Vocab.REGIE.length())
                        + " (its settings are regie:timeout and regie:maxBytes)");
            }
        }
        Triple t = of.get(0);
        Node o = t.getObject();
        String u = o.isURI() ? o.getURI() : o.isLiteral() ? o.getLiteralLexicalForm() : "";
        URI url;
        try {
            url = new URI(u);
        } catch (URISyntaxException e) {
            throw at(t, "regie:mirrorOf must be the URL of another Régie's dataset, such as"
                    + " <https://regie.example/datasets/velib-stations>, not \"" + u + "\" (" + e.getReason() + ")");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null || url.getRawQuery() != null
                || url.getRawUserInfo() != null || !path.matches("(/[^/]+)*/datasets/[a-z0-9][a-z0-9-]*")) {
            throw at(t, "regie:mirrorOf must be the URL of another Régie's dataset, such as"
                    + " <https://regie.example/datasets/velib-stations>, not <" + u + ">");
        }
        String id = path.substring(path.lastIndexOf('/') + 1);
        Duration timeout = positive(s, FileSourceReader.timeout).map(Duration::ofSeconds).orElse(MirrorSource.DEFAULT_TIMEOUT);
        long max = positive(s, FileSourceReader.maxBytes).orElse(MirrorSource.DEFAULT_MAX_BYTES);
        return Optional.of(new MirrorSource(url, id, timeout, max));
    }

    private Optional<Long> positive(Node s, Node p) {
        List<Triple> ts = parsed.inWrittenOrder(s, p, registry.toString());
        if (ts.isEmpty()) {
            return Optional.empty();
        }
        if (ts.size() > 1) {
            throw at(ts.get(1), "more than one " + name(p));
        }
        Node o = ts.get(0).getObject();
        if (o.isLiteral()) {
            try {
                long n = Long.parseLong(o.getLiteralLexicalForm().strip());
                if (n > 0) {
                    return Optional.of(n);
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
        }
        throw at(ts.get(0), name(p) + " must be a positive whole number" + (p.equals(FileSourceReader.timeout) ? " of seconds" : " of bytes")
                + ", not " + (o.isLiteral() ? "\"" + o.getLiteralLexicalForm() + "\"" : o.toString()));
    }

    private RegistryException at(Triple t, String message) {
        return new RegistryException(parsed.positionOf(t, registry.toString()), message);
    }

    private static String name(Node p) {
        return "regie:" + p.getURI().substring(Vocab.REGIE.length());
    }
}
