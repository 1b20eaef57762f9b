package fr.regie.replication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import fr.regie.store.Store;

/**
 * What a replica keeps of its own under {@code STORE/regie/replica/}: {@code cursor} (the last
 * log position applied), {@code primary-store} (the identity of the primary store it follows),
 * {@code registry/SHA256/} (the registry bundle it serves, unpacked) with {@code registry/current}
 * naming it, and {@code tmp/} (snapshots being downloaded, emptied at start). Each small file is
 * written whole to a temporary file and moved into place, so a crash leaves the old or the new.
 */
final class ReplicaFiles {
    /** The registry being served: its bundle's SHA-256 and the registry file inside the unpacked folder. */
    record Current(String sha256, Path registry) {}

    private final Path dir;

    ReplicaFiles(Path dir) {
        this.dir = dir;
    }

    Path tmp() {
        return dir.resolve("tmp");
    }

    Path registries() {
        return dir.resolve("registry");
    }

    /** The last position applied; empty for a replica that never followed. */
    Optional<Long> cursor() throws IOException {
        return read("cursor").map(s -> {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return null; // a file damaged by hand: as if new
            }
        });
    }

    void cursor(long position) throws IOException {
        write("cursor", Long.toString(position));
    }

    /** The identity of the primary store followed; empty until the first message read. */
    Optional<String> followed() throws IOException {
        return read("primary-store");
    }

    void followed(String store) throws IOException {
        write("primary-store", store);
    }

    /** The registry kept, if its folder is still there. */
    Optional<Current> current() throws IOException {
        Optional<String> c = read("registry/current");
        if (c.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = c.get().lines().toList();
        if (lines.size() != 2 || !lines.get(0).matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        Path folder = registries().resolve(lines.get(0)).toAbsolutePath().normalize();
        Path registry = folder.resolve(lines.get(1)).normalize();
        return registry.startsWith(folder) && Files.isRegularFile(registry) ? Optional.of(new Current(lines.get(0), registry)) : Optional.empty();
    }

    /**
     * Makes {@code current} the registry served, and removes the other unpacked bundles but the
     * {@code previous} one (requests that began with it may still read its files).
     */
    void current(Current current, String previous) throws IOException {
        Path folder = registries().resolve(current.sha256()).toAbsolutePath().normalize();
        write("registry/current", current.sha256() + "\n" + folder.relativize(current.registry().toAbsolutePath().normalize()).toString().replace('\\', '/'));
        try (Stream<Path> s = Files.list(registries())) {
            for (Path p : s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals(current.sha256())
                    && !p.getFileName().toString().equals(previous)).toList()) {
                Store.deleteTree(p);
            }
        }
    }

    /** Removes what a download left behind. */
    void clearTmp() {
        Store.deleteTree(tmp());
    }

    private Optional<String> read(String name) throws IOException {
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        String s = Files.readString(f, StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private void write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        Files.writeString(tmp, content + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
