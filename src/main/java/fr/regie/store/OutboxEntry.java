package fr.regie.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * One commit of a dataset as the store's outbox keeps it and the replication log carries it: the
 * store, the dataset, its data version after the commit, the run the commit recorded and the one
 * before ({@code prev}, empty for the first), when it committed, what it holds of the data graph's
 * change, and the RDF Patches of the data graph and of the metadata graph. Its file form is a ZIP
 * ({@code entry.properties}, {@code data.rdfp} for {@link Data#PATCH} only, {@code meta.rdfp}); the
 * properties are the log's header names. The replication package's {@code Entry} is the log's view of it.
 */
public record OutboxEntry(String store, String dataset, long version, String run, String prev, Instant committed, Data data,
                          byte[] dataPatch, byte[] metaPatch) {
    /** What the entry holds of the data graph's change. */
    public enum Data {
        /** The commit changed no data (a run recorded, rejected or failed). */
        NONE,
        /** The version's patch: in the outbox, still in the change log (empty here); on the log, {@link #dataPatch}. */
        PATCH,
        /** The version's patch is not carried (too large, or never written): take the primary's snapshot. */
        SNAPSHOT
    }

    public static final String STORE = "Regie-Store";
    public static final String DATASET = "Regie-Dataset";
    public static final String VERSION = "Regie-Version";
    public static final String RUN = "Regie-Run";
    public static final String PREV = "Regie-Prev";
    public static final String COMMITTED = "Regie-Committed";
    public static final String DATA = "Regie-Data";

    private static final String PROPERTIES = "entry.properties";
    private static final String DATA_PART = "data.rdfp";
    private static final String META_PART = "meta.rdfp";

    /** An entry that cannot be read: not a ZIP, a part missing or too large, a property that does not parse. */
    public static final class Corrupt extends Exception {
        private static final long serialVersionUID = 1L;

        public Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    public OutboxEntry {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(committed, "committed");
        Objects.requireNonNull(data, "data");
        dataPatch = dataPatch == null ? new byte[0] : dataPatch;
        metaPatch = metaPatch == null ? new byte[0] : metaPatch;
        prev = prev == null ? "" : prev;
    }

    /** The same entry with its data part replaced. */
    public OutboxEntry withData(Data kind, byte[] patch) {
        return new OutboxEntry(store, dataset, version, run, prev, committed, kind, patch, metaPatch);
    }

    /** The properties of the entry, which the log also carries as headers. */
    public Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(STORE, store);
        h.put(DATASET, dataset);
        h.put(VERSION, Long.toString(version));
        h.put(RUN, run);
        h.put(PREV, prev);
        h.put(COMMITTED, committed.toString());
        h.put(DATA, data.name().toLowerCase());
        return h;
    }

    /** The entry as a ZIP: its properties, then its patches. */
    public byte[] body() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(dataPatch.length / 4 + metaPatch.length / 4 + 512);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            Properties p = new Properties();
            p.putAll(headers());
            ByteArrayOutputStream props = new ByteArrayOutputStream();
            p.store(props, null);
            // Without the date line Properties.store writes: an entry makes the same bytes whenever written.
            put(zip, PROPERTIES, props.toString(StandardCharsets.ISO_8859_1).replaceAll("(?m)^#.*\\R", "").getBytes(StandardCharsets.ISO_8859_1));
            if (data == Data.PATCH) {
                put(zip, DATA_PART, dataPatch);
            }
            put(zip, META_PART, metaPatch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an entry in memory", e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0);
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
    }

    /** Reads an entry from its body, no part larger than {@code maxBytes} once inflated. */
    public static OutboxEntry read(byte[] body, long maxBytes) throws Corrupt {
        return read(new ByteArrayInputStream(body), maxBytes);
    }

    /** Reads an entry (an outbox file, a message's body), no part larger than {@code maxBytes} once inflated. */
    public static OutboxEntry read(InputStream in, long maxBytes) throws Corrupt {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                if (!name.equals(PROPERTIES) && !name.equals(DATA_PART) && !name.equals(META_PART)) {
                    throw new Corrupt("unexpected part " + name);
                }
                if (parts.containsKey(name)) {
                    throw new Corrupt("part " + name + " twice");
                }
                parts.put(name, bounded(zip, maxBytes, name));
            }
        } catch (IOException e) {
            throw new Corrupt("not a readable ZIP: " + e.getMessage());
        }
        byte[] props = parts.get(PROPERTIES);
        if (props == null) {
            throw new Corrupt("no " + PROPERTIES);
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(props, StandardCharsets.ISO_8859_1)));
        } catch (IOException | IllegalArgumentException e) {
            throw new Corrupt(PROPERTIES + " does not parse: " + e.getMessage());
        }
        try {
            Data kind = Data.valueOf(required(p, DATA).toUpperCase());
            byte[] patch = parts.get(DATA_PART);
            if ((kind == Data.PATCH) != (patch != null)) {
                throw new Corrupt("data " + kind.name().toLowerCase() + (patch == null ? " without " : " with ") + DATA_PART);
            }
            if (!parts.containsKey(META_PART)) {
                throw new Corrupt("no " + META_PART);
            }
            long version = Long.parseLong(required(p, VERSION));
            if (version < 0) {
                throw new Corrupt("negative version " + version);
            }
            String run = required(p, RUN);
            String dataset = required(p, DATASET);
            if (!dataset.matches("[A-Za-z0-9_-]{1,100}")) {
                throw new Corrupt("dataset id " + dataset + " is not one Régie writes");
            }
            return new OutboxEntry(required(p, STORE), dataset, version, run, p.getProperty(PREV, ""),
                    Instant.parse(required(p, COMMITTED)), kind, patch, parts.get(META_PART));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new Corrupt("a property does not parse: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Corrupt("unknown data kind: " + e.getMessage());
        }
    }

    private static String required(Properties p, String name) throws Corrupt {
        String v = p.getProperty(name);
        if (v == null || v.isEmpty()) {
            throw new Corrupt("no " + name);
        }
        return v;
    }

    private static byte[] bounded(InputStream in, long maxBytes, String name) throws IOException, Corrupt {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > maxBytes) {
                throw new Corrupt(name + " is larger than " + maxBytes + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutboxEntry e && store.equals(e.store) && dataset.equals(e.dataset) && version == e.version
                && run.equals(e.run) && prev.equals(e.prev) && committed.equals(e.committed) && data == e.data
                && Arrays.equals(dataPatch, e.dataPatch) && Arrays.equals(metaPatch, e.metaPatch);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataset, version, run);
    }

    @Override
    public String toString() {
        return "OutboxEntry[" + dataset + "@" + version + " " + run + ", prev " + prev + ", " + data.name().toLowerCase() + ", "
                + dataPatch.length + "+" + metaPatch.length + " bytes]";
    }
}
