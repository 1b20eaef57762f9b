package fr.regie.pipeline;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What a dataset's last accepted refresh saw of its source: for each pass of the mapping, the
 * hash of every row and the subject that row made; the digest of each logical table; the key it
 * was made under ({@link RefreshKey}: mapping, shapes, ontology, territory) and the dataset
 * version it produced. The next refresh compares rows against it to work
 * only on what changed. Kept beside the store, written after each commit; a state whose version
 * is not the live one is ignored (a full refresh follows), so a crash can only cost work.
 */
public final class RowState {
    private static final int MAGIC = 0x52454731;

    /** The rows of one pass, sorted by hash; subjects in the same order (null: no subject). */
    public record PassRows(long[] hashes, String[] subjects) {
        int indexOf(long hash) {
            int i = Arrays.binarySearch(hashes, hash);
            return i < 0 ? -1 : i;
        }

        boolean contains(long hash) {
            return indexOf(hash) >= 0;
        }
    }

    private final long version;
    private final String key;
    private final Map<String, String> digests;
    private final Map<String, PassRows> passes;

    public RowState(long version, String key, Map<String, String> digests, Map<String, PassRows> passes) {
        this.version = version;
        this.key = key;
        this.digests = Map.copyOf(digests);
        this.passes = Map.copyOf(passes);
    }

    public long version() {
        return version;
    }

    /** The {@link RefreshKey} the state was saved under. */
    public String key() {
        return key;
    }

    public Map<String, String> digests() {
        return digests;
    }

    public PassRows pass(String name) {
        return passes.get(name);
    }

    public Map<String, PassRows> passes() {
        return passes;
    }

    /** Collects the rows of a run, in any order; {@link #build} sorts them. */
    public static final class Builder {
        private final Map<String, long[]> hashes = new LinkedHashMap<>();
        private final Map<String, String[]> subjects = new HashMap<>();
        private final Map<String, Integer> sizes = new HashMap<>();

        public void add(String pass, long hash, String subject) {
            int n = sizes.getOrDefault(pass, 0);
            long[] h = hashes.computeIfAbsent(pass, k -> new long[1024]);
            String[] s = subjects.computeIfAbsent(pass, k -> new String[1024]);
            if (n == h.length) {
                h = Arrays.copyOf(h, n * 2);
                s = Arrays.copyOf(s, n * 2);
                hashes.put(pass, h);
                subjects.put(pass, s);
            }
            h[n] = hash;
            s[n] = subject;
            sizes.put(pass, n + 1);
        }

        public RowState build(long version, String key, Map<String, String> digests) {
            Map<String, PassRows> out = new LinkedHashMap<>();
            for (String pass : hashes.keySet()) {
                int n = sizes.get(pass);
                long[] h = hashes.get(pass);
                String[] s = subjects.get(pass);
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (a, b) -> Long.compare(h[a], h[b]));
                long[] sh = new long[n];
                String[] ss = new String[n];
                for (int i = 0; i < n; i++) {
                    sh[i] = h[order[i]];
                    ss[i] = s[order[i]];
                }
                out.put(pass, new PassRows(sh, ss));
            }
            return new RowState(version, key, digests, out);
        }
    }

    /** Writes the state atomically (temporary file, then rename). */
    public void save(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)))) {
            out.writeInt(MAGIC);
            out.writeLong(version);
            out.writeUTF(key);
            out.writeInt(digests.size());
            for (Map.Entry<String, String> e : digests.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeInt(passes.size());
            for (Map.Entry<String, PassRows> e : passes.entrySet()) {
                out.writeUTF(e.getKey());
                PassRows p = e.getValue();
                out.writeInt(p.hashes().length);
                for (int i = 0; i < p.hashes().length; i++) {
                    out.writeLong(p.hashes()[i]);
                    String s = p.subjects()[i];
                    out.writeUTF(s == null ? "" : s);
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a state, or empty when there is none or it cannot be read (a full refresh follows). */
    public static Optional<RowState> load(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16)))) {
            if (in.readInt() != MAGIC) {
                return Optional.empty();
            }
            long version = in.readLong();
            String key = in.readUTF();
            Map<String, String> digests = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                digests.put(in.readUTF(), in.readUTF());
            }
            Map<String, PassRows> passes = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                String name = in.readUTF();
                int n = in.readInt();
                long[] h = new long[n];
                String[] s = new String[n];
                for (int k = 0; k < n; k++) {
                    h[k] = in.readLong();
                    String subject = in.readUTF();
                    s[k] = subject.isEmpty() ? null : subject;
                }
                passes.put(name, new PassRows(h, s));
            }
            return Optional.of(new RowState(version, key, digests, passes));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (EOFException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
