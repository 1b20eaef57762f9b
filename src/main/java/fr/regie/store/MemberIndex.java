package fr.regie.store;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * The subjects each version of a dataset touched, in the order its event stream lists them: one
 * file per version ({@code 00000007-TOKEN.subjects}, an IRI a line) under
 * {@link StoreLayout#ldes}, written once by whoever first needs it and never changed, so that a
 * page of the stream is the same whenever it is asked for. The token names the version's time:
 * a store rebuilt from scratch (another version 1) never reads the lists of the one before.
 * The counts are kept in memory (one number per version).
 */
public final class MemberIndex {
    /** Makes a version's list when it is not on disk yet. */
    @FunctionalInterface
    public interface Lister {
        List<Node> subjects() throws IOException;
    }

    private final Path dir;
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    public MemberIndex(Path dir) {
        this.dir = dir;
    }

    private Path file(long version, String token) {
        return dir.resolve(String.format("%08d-%s.subjects", version, token.replaceAll("[^0-9A-Za-z]", "")));
    }

    /** How many subjects the version touched (its list made first when absent). */
    public int count(long version, String token, Lister lister) throws IOException {
        Path f = file(version, token);
        Integer known = counts.get(f.toString());
        if (known != null && Files.isRegularFile(f)) {
            return known;
        }
        ensure(f, lister);
        int n = 0;
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            while (r.readLine() != null) {
                n++;
            }
        }
        counts.put(f.toString(), n);
        return n;
    }

    /** The subjects from position {@code from} (0-based), at most {@code max}. */
    public List<Node> slice(long version, String token, int from, int max, Lister lister) throws IOException {
        Path f = file(version, token);
        ensure(f, lister);
        List<Node> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            int i = 0;
            while ((line = r.readLine()) != null && out.size() < max) {
                if (i++ >= from) {
                    out.add(NodeFactory.createURI(line));
                }
            }
        }
        return out;
    }

    private void ensure(Path f, Lister lister) throws IOException {
        if (Files.isRegularFile(f)) {
            return;
        }
        List<Node> subjects = lister.subjects();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".", ".part");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (Node s : subjects) {
                    // IRIs hold no line breaks: one a line, as they are.
                    w.write(s.getURI());
                    w.newLine();
                }
            }
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
