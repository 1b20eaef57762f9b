package fr.regie.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.Quad;

import fr.regie.cli.ErrorHandler.UserException;

/**
 * Where a command writes RDF: standard output, or a file written under a temporary name and
 * renamed into place only when the whole run succeeded, so a failed run never leaves a partial
 * file behind. A name ending in {@code .gz} is compressed.
 */
final class RdfOutput implements AutoCloseable {
    /** The serialisations a command can write, all streaming. */
    enum Format {
        NQUADS(RDFFormat.NQUADS, true), TRIG(RDFFormat.TRIG_BLOCKS, true),
        TURTLE(RDFFormat.TURTLE_BLOCKS, false), NTRIPLES(RDFFormat.NTRIPLES, false);

        final RDFFormat rdfFormat;
        final boolean quads;

        Format(RDFFormat rdfFormat, boolean quads) {
            this.rdfFormat = rdfFormat;
            this.quads = quads;
        }

        static Format parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserException("unknown format '" + s + "' (nquads, trig, turtle or ntriples)");
            }
        }
    }

    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private final StreamRDF stream;
    private boolean committed;

    private RdfOutput(Path target, Path temp, OutputStream out, Format format) {
        this.target = target;
        this.temp = temp;
        this.out = out;
        StreamRDF writer = StreamRDFWriter.getWriterStream(out, format.rdfFormat);
        this.stream = format.quads ? writer : new TriplesOnly(writer, format);
    }

    static RdfOutput open(Path file, Format format, OutputStream stdout) {
        if (file == null) {
            return new RdfOutput(null, null, new BufferedOutputStream(new NonClosing(stdout), 1 << 16), format);
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".part");
            OutputStream os = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
            if (file.toString().endsWith(".gz")) {
                os = new GZIPOutputStream(os, 1 << 16);
            }
            return new RdfOutput(file, temp, os, format);
        } catch (IOException e) {
            throw new UserException("cannot write " + file + ": " + e.getMessage());
        }
    }

    StreamRDF stream() {
        return stream;
    }

    /** The run succeeded: flush and move the file into place. */
    void commit() {
        try {
            out.close();
            if (temp != null) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            // The run failed already; the partial output is discarded below.
        }
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // Best effort: a stray .part file is harmless and named as such.
            }
        }
    }

    /** Triple-only formats refuse quads in named graphs rather than silently dropping the graph. */
    private static final class TriplesOnly extends StreamRDFWrapper {
        private final Format format;

        TriplesOnly(StreamRDF other, Format format) {
            super(other);
            this.format = format;
        }

        @Override
        public void quad(Quad q) {
            if (!q.isDefaultGraph()) {
                throw new UserException("the mapping puts triples in the named graph " + q.getGraph()
                        + ", which " + format.name().toLowerCase(Locale.ROOT) + " cannot hold: use --format nquads or trig");
            }
            super.triple(Triple.create(q.getSubject(), q.getPredicate(), q.getObject()));
        }
    }

    /** Standard output stays open after the command. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
