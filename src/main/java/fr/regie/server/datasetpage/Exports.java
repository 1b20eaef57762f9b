package fr.regie.server.datasetpage;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.DatasetGraph;

import fr.regie.pipeline.MetaRecords;
import fr.regie.registry.DatasetSpec;
import fr.regie.server.ServerContext;
import fr.regie.server.access.Caller;

/**
 * The CSV and GeoJSON files of a dataset at its live version, written once per version beside
 * the dumps ({@code regie/dumps/{id}/{version}-{time}.{kind}}), from one read transaction, so that
 * the page's advertised size and the download are the same bytes; files of older versions are
 * removed when a new one is written. The caller is one who may see the dataset: the file holds
 * its graph only, the same for everyone who may see it.
 */
final class Exports {
    /** What can be exported: the GeoJSON of the dataset, or the CSV of one class. */
    record Kind(String name, String extension, String mediaType, Node type) {
        static final Kind GEOJSON = new Kind("geojson", "geojson", GeoJson.MEDIA_TYPE, null);

        static Kind csv(String classIri) {
            return new Kind("csv " + classIri, "csv", Csv.MEDIA_TYPE, NodeFactory.createURI(classIri));
        }

        /** A short file name part that tells classes apart. */
        String key() {
            try {
                byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(h, 0, 8);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final ServerContext context;
    /** One writer at a time per file: striped locks, a fixed number whatever the versions. */
    private final Object[] locks = new Object[32];

    Exports(ServerContext context) {
        this.context = context;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** The file of {@code kind} at the dataset's live version, written first when absent. */
    Path file(Caller caller, DatasetSpec spec, Kind kind) throws IOException {
        DatasetGraph dsg = context.store().dataset();
        dsg.begin(TxnType.READ);
        try {
            Path dir = context.store().layout().dumps().resolve(spec.id());
            String token = MetaRecords.version(dsg, context.graphs(), spec.id()) + "-" + MetaRecords.modified(dsg, context.graphs(), spec.id())
                    .map(m -> m.getLiteralLexicalForm().replaceAll("[^0-9A-Za-z]", "")).orElse("0");
            Path target = dir.resolve(token + "." + kind.key() + "." + kind.extension());
            synchronized (locks[Math.floorMod(target.hashCode(), locks.length)]) {
                if (Files.isRegularFile(target)) {
                    return target;
                }
                Files.createDirectories(dir);
                Path temp = Files.createTempFile(dir, "." + token + ".", ".part");
                try {
                    try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8), 1 << 16)) {
                        DatasetGraph view = context.view(caller);
                        Node graph = context.graphs().dataset(spec.id());
                        if (kind.type() == null) {
                            GeoJson.write(view, graph, out);
                        } else {
                            Csv.write(view, graph, kind.type(), out);
                        }
                    }
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(temp);
                }
                removeOlder(dir, token);
                return target;
            }
        } finally {
            dsg.end();
        }
    }

    /** Removes the CSV and GeoJSON files of other versions (the dumps are the dump cache's). */
    private static void removeOlder(Path dir, String token) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if ((n.endsWith(".csv") || n.endsWith(".geojson")) && !n.startsWith(token + ".")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
