package fr.regie.pipeline;

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
 * commits the version it describes; on opening, patches beyond the committed version — left by a
 * crash between the two — are removed, so the log always matches the graph.
 */
public final class ChangeLog {
    private final Path dir;

    public ChangeLog(Path dir) {
        this.dir = dir;
    }

    private Path file(long version) {
        return dir.resolve(String.format("%08d.rdfp", version));
    }

    /**
     * The id of a version's patch: derived from the log and the version, so the {@code prev} of
     * version N+1 names version N whoever wrote it (a refresh or a bulk load).
     */
    Node id(long version) {
        return NodeFactory.createURI("uuid:" + UUID.nameUUIDFromBytes((dir.toAbsolutePath() + "/" + version).getBytes()));
    }

    /** The versions in the log, in order. */
    public List<Long> versions() throws IOException {
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
        return versions().stream().filter(v -> v <= committed).toList();
    }

    /** Writes the patch of {@code version}: deletions then additions in {@code graph}, synced to disk. */
    public void write(long version, Node graph, Collection<Triple> deleted, Collection<Triple> added) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(String.format("%08d.rdfp.tmp", version));
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
        for (long v : versions()) {
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

    /** Opens the patch of a version. */
    public InputStream open(long version) throws IOException {
        return Files.newInputStream(file(version));
    }
}
