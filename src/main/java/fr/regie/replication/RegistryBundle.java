package fr.regie.replication;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.stream.LogEngine;
import fr.regie.stream.LogMessage;

/**
 * The registry as a replica needs it to serve: the registry file and what it names that serving
 * reads or the registry checks (mappings, shapes, vocabularies, indicators, taps), in a ZIP whose
 * paths are relative to the folder that holds them all, so that the registry's relative IRIs
 * still resolve once unpacked. Partners' source files are not carried: a replica never reads
 * them. No key is carried either: the registry names environment variables, and each node reads
 * its own. The bundle's SHA-256 names it on the log.
 */
public record RegistryBundle(byte[] zip, String sha256) {
    public static final String SHA256 = "Regie-Registry-Sha256";
    private static final String MANIFEST = "bundle.properties";
    /** Most files a bundle may hold (a registry names tens). */
    static final int MAX_FILES = 2_000;

    /** A bundle that cannot be unpacked: the message says why. */
    public static final class Corrupt extends Exception {
        private static final long serialVersionUID = 1L;

        public Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    /** Packs a registry and the files it names. */
    public static RegistryBundle pack(Registry registry) throws IOException {
        TreeSet<Path> files = new TreeSet<>();
        Path reg = registry.file().toAbsolutePath().normalize();
        files.add(reg);
        for (DatasetSpec d : registry.datasets()) {
            Stream.of(d.mappings(), d.shapes(), d.vocabularies()).flatMap(java.util.List::stream)
                    .map(p -> p.toAbsolutePath().normalize()).forEach(files::add);
        }
        Path indicators = registry.indicatorsFile().toAbsolutePath().normalize();
        if (Files.isRegularFile(indicators)) {
            files.add(indicators);
        }
        Path taps = registry.tapsFolder().toAbsolutePath().normalize();
        if (Files.isDirectory(taps)) {
            try (Stream<Path> walk = Files.walk(taps)) {
                walk.filter(Files::isRegularFile).map(p -> p.toAbsolutePath().normalize()).forEach(files::add);
            }
        }
        Path root = reg.getParent();
        for (Path f : files) {
            while (!f.startsWith(root)) {
                root = root.getParent();
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            Properties manifest = new Properties();
            manifest.setProperty("registry", root.relativize(reg).toString().replace('\\', '/'));
            ByteArrayOutputStream m = new ByteArrayOutputStream();
            manifest.store(m, null);
            // Without the date line Properties.store writes: the same files make the same bundle (one id on the log).
            put(zip, MANIFEST, m.toString(StandardCharsets.ISO_8859_1).replaceAll("(?m)^#.*\\R", "").getBytes(StandardCharsets.ISO_8859_1));
            for (Path f : files) {
                put(zip, root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        byte[] zip = bytes.toByteArray();
        return new RegistryBundle(zip, sha256(zip));
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0); // the same files make the same bytes, whenever packed
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
    }

    /** The message that carries the bundle on {@code log}, published by the primary of store {@code store}. */
    public LogMessage message(LogEngine log, String store) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(Entry.STORE, store);
        h.put(SHA256, sha256);
        return LogMessage.of(log.registrySubject(), "registry@" + sha256, h, zip);
    }

    /** The bundle a registry message carries; its SHA-256 is computed, not read. */
    public static RegistryBundle of(LogMessage m) {
        return new RegistryBundle(m.body(), sha256(m.body()));
    }

    /**
     * Unpacks into {@code dir} (which must be empty or absent) and returns the registry file's path.
     * Refuses a path that would leave {@code dir}, more than {@link #MAX_FILES} files, or more than
     * {@code maxBytes} in all once inflated.
     */
    public Path unpack(Path dir, long maxBytes) throws IOException, Corrupt {
        Path into = dir.toAbsolutePath().normalize();
        Files.createDirectories(into);
        String registry = null;
        long total = 0;
        int count = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (++count > MAX_FILES) {
                    throw new Corrupt("more than " + MAX_FILES + " files");
                }
                String name = e.getName();
                byte[] content = bounded(in, maxBytes - total, name);
                total += content.length;
                if (name.equals(MANIFEST)) {
                    Properties p = new Properties();
                    p.load(new StringReader(new String(content, StandardCharsets.ISO_8859_1)));
                    registry = p.getProperty("registry");
                    continue;
                }
                Path target = into.resolve(name).normalize();
                if (e.isDirectory() || name.isEmpty() || name.startsWith("/") || name.contains("\\") || !target.startsWith(into)
                        || target.equals(into)) {
                    throw new Corrupt("path " + name + " is not a file inside the bundle");
                }
                Files.createDirectories(target.getParent());
                Files.write(target, content);
            }
        }
        if (registry == null) {
            throw new Corrupt("no " + MANIFEST + " naming the registry");
        }
        Path reg = into.resolve(registry).normalize();
        if (!reg.startsWith(into) || !Files.isRegularFile(reg)) {
            throw new Corrupt("the registry " + registry + " is not in the bundle");
        }
        return reg;
    }

    private static byte[] bounded(InputStream in, long left, String name) throws IOException, Corrupt {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > left) {
                throw new Corrupt("the bundle is larger than allowed once inflated (at " + name + ")");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
