package fr.regie.replication;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import fr.regie.stream.LogEngine;
import fr.regie.stream.LogMessage;

/**
 * One commit of a dataset on the primary, as the log carries it: the dataset's data version after
 * it, the run it recorded (the {@code prov:Activity} IRI its metadata graph gained, which names the
 * commit), the run recorded before it ({@code prev}, empty for the first), when it committed, the
 * RDF Patch of its data graph (the change log's patch, byte for byte, for an accepted version) and
 * the RDF Patch of its metadata graph. A version too large for one message says
 * {@link Data#SNAPSHOT}: a replica takes the primary's snapshot instead. The body is a ZIP
 * ({@code entry.properties}, {@code data.rdfp}, {@code meta.rdfp}); headers repeat the properties
 * for tools that look at the log.
 */
public record Entry(String store, String dataset, long version, String run, String prev, Instant committed, Data data,
                    byte[] dataPatch, byte[] metaPatch) {
    /** What the entry holds of the data graph's change. */
    public enum Data {
        /** The commit changed no data (a run recorded, rejected or failed). */
        NONE,
        /** {@link #dataPatch} is the version's patch. */
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

    /** An entry that cannot be read: not a ZIP, a part missing or too large, a property that does not parse. */
    public static final class Corrupt extends Exception {
        private static final long serialVersionUID = 1L;

        public Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    public Entry {
        dataPatch = dataPatch == null ? new byte[0] : dataPatch;
        metaPatch = metaPatch == null ? new byte[0] : metaPatch;
        prev = prev == null ? "" : prev;
    }

    /**
     * The id the log deduplicates on: the dataset, its version and the run
     * ({@code velib-stations@7@20261206T035415123Z}), the same whoever publishes it and however often.
     */
    public String id() {
        return dataset + "@" + version + "@" + run.substring(run.lastIndexOf('/') + 1);
    }

    /** The same entry with its data part replaced (the publisher fills a version's patch, or says snapshot). */
    public Entry withData(Data kind, byte[] patch) {
        return new Entry(store, dataset, version, run, prev, committed, kind, patch, metaPatch);
    }

    /** The headers (and properties) of the entry. */
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
            put(zip, "entry.properties", props.toByteArray());
            if (data == Data.PATCH) {
                put(zip, "data.rdfp", dataPatch);
            }
            put(zip, "meta.rdfp", metaPatch);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write an entry in memory", e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    /** The message that carries the entry on {@code log}. */
    public LogMessage message(LogEngine log) {
        return LogMessage.of(log.datasetSubject(dataset), id(), headers(), body());
    }

    /** Reads an entry from its body, no part larger than {@code maxBytes} once inflated. */
    public static Entry read(byte[] body, long maxBytes) throws Corrupt {
        return read(new ByteArrayInputStream(body), maxBytes);
    }

    /** Reads an entry (an outbox file, a message's body), no part larger than {@code maxBytes} once inflated. */
    public static Entry read(InputStream in, long maxBytes) throws Corrupt {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                if (!name.equals("entry.properties") && !name.equals("data.rdfp") && !name.equals("meta.rdfp")) {
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
        byte[] props = parts.get("entry.properties");
        if (props == null) {
            throw new Corrupt("no entry.properties");
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(props, StandardCharsets.ISO_8859_1)));
        } catch (IOException | IllegalArgumentException e) {
            throw new Corrupt("entry.properties does not parse: " + e.getMessage());
        }
        try {
            Data kind = Data.valueOf(required(p, DATA).toUpperCase());
            byte[] patch = parts.get("data.rdfp");
            if ((kind == Data.PATCH) != (patch != null)) {
                throw new Corrupt("data " + kind.name().toLowerCase() + (patch == null ? " without" : " with") + " data.rdfp");
            }
            if (!parts.containsKey("meta.rdfp")) {
                throw new Corrupt("no meta.rdfp");
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
            return new Entry(required(p, STORE), dataset, version, run, p.getProperty(PREV, ""),
                    Instant.parse(required(p, COMMITTED)), kind, patch, parts.get("meta.rdfp"));
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
        return o instanceof Entry e && store.equals(e.store) && dataset.equals(e.dataset) && version == e.version && run.equals(e.run)
                && prev.equals(e.prev) && committed.equals(e.committed) && data == e.data
                && java.util.Arrays.equals(dataPatch, e.dataPatch) && java.util.Arrays.equals(metaPatch, e.metaPatch);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(dataset, version, run);
    }

    @Override
    public String toString() {
        return "Entry[" + id() + ", prev " + prev + ", " + data.name().toLowerCase() + ", " + dataPatch.length + "+" + metaPatch.length + " bytes]";
    }
}
