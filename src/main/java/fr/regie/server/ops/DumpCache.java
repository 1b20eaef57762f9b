package fr.regie.server.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last dump of each dataset, kept on disk beside the store ({@code regie/dumps/{id}/}) under
 * the name of its version, so that only the first download of a version reads the store. A dump
 * is written while it is sent to its first client and kept only if complete; when the disk
 * refuses, the client still gets its dump, uncached.
 */
final class DumpCache {
    private static final Logger LOG = LoggerFactory.getLogger(DumpCache.class);

    private final Path root;

    DumpCache(Path root) {
        this.root = root;
    }

    private Path file(LiveVersion v) {
        return root.resolve(v.dataset()).resolve(v.token() + ".nq.gz");
    }

    /** The cached dump of this version, if there is one. */
    Optional<Path> get(LiveVersion v) {
        Path f = file(v);
        return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    /** A stream to the client that also fills the cache; {@link Tee#commit()} keeps the file. */
    Tee open(LiveVersion v, OutputStream client) {
        Path target = file(v);
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "." + v.token() + ".", ".part");
            return new Tee(client, temp, target, Files.newOutputStream(temp));
        } catch (IOException e) {
            LOG.warn("{}: cannot cache dumps in {}: {}", v.dataset(), target.getParent(), e.getMessage());
            return new Tee(client, null, target, null);
        }
    }

    /** Bytes to the client and, while the disk accepts them, to a temporary file. */
    static final class Tee extends OutputStream {
        private final OutputStream client;
        private final Path temp;
        private final Path target;
        private OutputStream file;
        private boolean committed;

        private Tee(OutputStream client, Path temp, Path target, OutputStream file) {
            this.client = client;
            this.temp = temp;
            this.target = target;
            this.file = file;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            client.write(b, off, len);
            if (file != null) {
                try {
                    file.write(b, off, len);
                } catch (IOException e) {
                    LOG.warn("cannot cache the dump {}: {}", target, e.getMessage());
                    dropFile();
                }
            }
        }

        @Override
        public void flush() throws IOException {
            client.flush();
        }

        /** The dump is complete: keep it under its version's name and remove older versions. */
        void commit() throws IOException {
            client.flush();
            if (file == null) {
                return;
            }
            try {
                file.close();
                file = null;
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                committed = true;
                try (Stream<Path> s = Files.list(target.getParent())) {
                    for (Path old : s.filter(p -> p.toString().endsWith(".nq.gz") && !p.equals(target)).toList()) {
                        Files.deleteIfExists(old);
                    }
                }
            } catch (IOException e) {
                LOG.warn("cannot cache the dump {}: {}", target, e.getMessage());
            }
        }

        /** Removes the temporary file unless committed; the client stream stays open (the container closes it). */
        @Override
        public void close() {
            if (!committed) {
                dropFile();
            }
        }

        private void dropFile() {
            try {
                if (file != null) {
                    file.close();
                }
                if (temp != null) {
                    Files.deleteIfExists(temp);
                }
            } catch (IOException e) {
                LOG.warn("cannot remove {}: {}", temp, e.getMessage());
            }
            file = null;
        }
    }
}
