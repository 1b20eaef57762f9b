package fr.regie.store;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

/**
 * A store's replication outbox ({@code STORE/regie/outbox/}): one file per commit of a dataset,
 * {@code DATASET/NNNNNNNNNNNN.entry} ({@link OutboxEntry#body}), numbered from 1 + the largest
 * present, written (synced, then moved into place) inside the write transaction that records the
 * run, before it commits; a publisher removes each once the log holds it.
 * <p>
 * The outbox is kept only once it is {@linkplain #enable() enabled}: the marker file
 * {@code outbox/ENABLED} (no dataset id is upper case), written by the first start of a server
 * that publishes ({@code regie serve --stream}). From then on every commit writes its entry,
 * those of {@code regie refresh} and {@code regie load} too, and the next publishing start
 * catches up; a store that never published keeps no outbox, so nothing grows unconsumed.
 * <p>
 * A transaction that wrote its entry and then did not commit (a crash, an abort) leaves an entry
 * whose run is not in the committed metadata graph: {@link #recover} removes it.
 */
public final class Outbox {
    private static final String MARKER = "ENABLED";
    private static final String SUFFIX = ".entry";
    /** The largest part an outbox entry is read with: its data part is empty, its meta patch a run's record. */
    private static final long MAX_PART = 64L << 20;

    /** One entry file of a dataset: its number in the dataset's outbox, and its path. */
    public record Item(String dataset, long number, Path file) {}

    private final Path root;

    /** The outbox of a store. */
    public Outbox(StoreLayout layout) {
        // The folder of every dataset's outbox: StoreLayout spells the path.
        this.root = layout.outbox("_").getParent();
    }

    /** Whether commits write entries (the marker is there). */
    public boolean enabled() {
        return Files.isRegularFile(root.resolve(MARKER));
    }

    /** From now on, commits write entries (idempotent). */
    public void enable() throws IOException {
        Files.createDirectories(root);
        Path marker = root.resolve(MARKER);
        if (!Files.exists(marker)) {
            Path tmp = root.resolve(MARKER + ".tmp");
            Files.writeString(tmp, "commits write their replication entries here until a publisher takes them\n");
            Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Writes an entry as the dataset's next file, synced before it is moved into place (a reader
     * never sees half of one); returns it.
     */
    public Item write(OutboxEntry entry) throws IOException {
        Path dir = root.resolve(entry.dataset());
        Files.createDirectories(dir);
        List<Item> present = list(entry.dataset());
        long n = present.isEmpty() ? 1 : present.get(present.size() - 1).number() + 1;
        Path file = dir.resolve(String.format("%012d%s", n, SUFFIX));
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
            out.write(entry.body());
            out.getFD().sync();
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(dir);
        return new Item(entry.dataset(), n, file);
    }

    /** Makes the move durable too (where the file system allows a directory to be synced). */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform syncs a directory (Windows); the entry itself is synced.
        }
    }

    /** The datasets that have an outbox folder, in name order. */
    public List<String> datasets() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A dataset's entries, oldest first. */
    public List<Item> list(String dataset) throws IOException {
        Path dir = root.resolve(dataset);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{12}\\" + SUFFIX))
                    .map(n -> new Item(dataset, Long.parseLong(n.substring(0, 12)), dir.resolve(n)))
                    .sorted(java.util.Comparator.comparingLong(Item::number)).toList();
        }
    }

    /** How many entries wait, all datasets together. */
    public int pending() throws IOException {
        int n = 0;
        for (String d : datasets()) {
            n += list(d).size();
        }
        return n;
    }

    /** Reads an entry file, no part larger than {@code maxBytes}. */
    public OutboxEntry read(Item item, long maxBytes) throws IOException, OutboxEntry.Corrupt {
        try (InputStream in = Files.newInputStream(item.file())) {
            return OutboxEntry.read(in, maxBytes);
        }
    }

    /** Removes an entry (published, or written by a transaction that never committed). */
    public void remove(Item item) throws IOException {
        Files.deleteIfExists(item.file());
    }

    /**
     * Whether the run an entry names is in the committed metadata graph of its dataset (the run's
     * node describes itself there). Takes its own read transaction unless one is active.
     */
    public static boolean committed(DatasetGraph dsg, GraphNames graphs, String dataset, String run) {
        Node meta = graphs.meta(dataset);
        Node act = NodeFactory.createURI(run);
        if (dsg.isInTransaction()) {
            return dsg.find(meta, act, Node.ANY, Node.ANY).hasNext();
        }
        return Txn.calculateRead(dsg, () -> dsg.find(meta, act, Node.ANY, Node.ANY).hasNext());
    }

    /**
     * Removes the entries whose run never committed, and half-written files: for a store no
     * transaction writes to now (a start). An unreadable entry is removed too, its dataset's
     * replicas will see the gap and take a snapshot. Returns what was removed.
     */
    public List<Path> recover(DatasetGraph dsg, GraphNames graphs) throws IOException {
        List<Path> removed = new ArrayList<>();
        for (String d : datasets()) {
            try (Stream<Path> s = Files.list(root.resolve(d))) {
                for (Path tmp : s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                    Files.deleteIfExists(tmp);
                    removed.add(tmp);
                }
            }
            for (Item item : list(d)) {
                boolean keep;
                try {
                    keep = committed(dsg, graphs, d, read(item, MAX_PART).run());
                } catch (OutboxEntry.Corrupt e) {
                    keep = false;
                }
                if (!keep) {
                    remove(item);
                    removed.add(item.file());
                }
            }
        }
        return removed;
    }
}
