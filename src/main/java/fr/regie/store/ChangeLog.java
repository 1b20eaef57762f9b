package fr.regie.store;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdfpatch.RDFChanges;
import org.apache.jena.rdfpatch.RDFPatchOps;

/**
 * A dataset's change log: one RDF Patch file per accepted version ({@code 00000007.rdfp}), each
 * with an {@code id} header and a {@code prev} header naming the version before, so the log can be
 * replayed in order on a copy of the dataset. A patch is written (and synced) before the store
 * commits the version it describes, so the log may run one version ahead of the store while a
 * refresh commits: whoever shows the log reads {@link #versionsUpTo} the committed version, and
 * refreshes and server starts remove a patch beyond it ({@link #truncateAfter}), left by a crash
 * between the two. Its directory is the store's ({@link StoreLayout#changeLog}).
 */
public final class ChangeLog {
    private final Path dir;

    ChangeLog(Path dir) {
        this.dir = dir;
    }

    private Path file(long version) {
        return dir.resolve(String.format("%08d.rdfp", version));
    }

    /**
     * The id of a version's patch: derived from the log and the version, so the {@code prev} of
     * version N+1 names version N whoever wrote it (a refresh or a bulk load).
     */
    public Node id(long version) {
        return NodeFactory.createURI("uuid:" + UUID.nameUUIDFromBytes((dir.toAbsolutePath() + "/" + version).getBytes()));
    }

    /**
     * The versions whose patch is on disk, in order, a patch ahead of the commit included: for
     * checks and for the log's upkeep. Show {@link #versionsUpTo} instead.
     */
    public List<Long> written() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{8}\\.rdfp"))
                    .map(n -> Long.parseLong(n.substring(0, 8))).sorted().toList();
        }
    }

    /**
     * The versions a reader may serve: those up to {@code committed}, the store's live version. A
     * patch beyond it was written by a refresh that never committed (a crash between the two);
     * it stays until the next refresh or server start removes it, but is never read.
     */
    public List<Long> versionsUpTo(long committed) throws IOException {
        return written().stream().filter(v -> v <= committed).toList();
    }

    /** Writes the patch of {@code version}: deletions then additions in {@code graph}, synced to disk. */
    public void write(long version, Node graph, Collection<Triple> deleted, Collection<Triple> added) throws IOException {
        Path tmp = pending(version);
        try (FileOutputStream fos = new FileOutputStream(tmp.toFile());
             OutputStream out = new BufferedOutputStream(fos, 1 << 16)) {
            RDFChanges w = RDFPatchOps.textWriter(out);
            w.start();
            w.header("id", id(version));
            if (version > 1) {
                w.header("prev", id(version - 1));
            }
            w.txnBegin();
            for (Triple t : deleted) {
                w.delete(graph, t.getSubject(), t.getPredicate(), t.getObject());
            }
            for (Triple t : added) {
                w.add(graph, t.getSubject(), t.getPredicate(), t.getObject());
            }
            w.txnCommit();
            w.finish();
            out.flush();
            fos.getFD().sync();
        }
        Files.move(tmp, file(version), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes patches beyond the committed version (a crash after writing, before committing). */
    public List<Long> truncateAfter(long committed) throws IOException {
        List<Long> removed = new ArrayList<>();
        for (long v : written()) {
            if (v > committed) {
                Files.deleteIfExists(file(v));
                removed.add(v);
            }
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".tmp")).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return removed;
    }

    /**
     * The file a patch written as a stream (a bulk load's) goes to before {@link #install}: its
     * directory exists.
     */
    public Path pending(long version) throws IOException {
        Files.createDirectories(dir);
        return dir.resolve(String.format("%08d.rdfp.tmp", version));
    }

    /** Makes a pending patch, synced by its writer, the patch of its version. */
    public void install(long version) throws IOException {
        Files.move(pending(version), file(version), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Drops a pending patch (its load was rejected or keeps no log). */
    public void abandon(long version) throws IOException {
        Files.deleteIfExists(pending(version));
    }

    /** Opens the patch of a version. */
    public InputStream open(long version) throws IOException {
        return Files.newInputStream(file(version));
    }
}
