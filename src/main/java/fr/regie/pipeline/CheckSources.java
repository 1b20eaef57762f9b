package fr.regie.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.FileSource;
import fr.regie.registry.Source;

/**
 * The source a check reads: the one declared, or the folder or file it was given instead. An
 * embedded database is rebuilt from its folder in the check's scratch folder, so that the check
 * reads the partner's files as they are now and never the database a refresh uses. One file
 * given for a file source replaces its declared file (the one there is, or the one of the same
 * name); for an embedded database, it replaces the file of the same name in a copy of the
 * source folder. An uploaded mapping reads only the declared files and the uploads beside it.
 */
final class CheckSources {
    private CheckSources() {}

    /** {@code uploads}: the folder of an uploaded mapping, to which its file reads are confined; empty for the operator's. */
    static OpenedSource open(DatasetSpec spec, Optional<Path> override, Path workDir, Path scratch, Optional<Path> uploads) throws IOException {
        Source declared = spec.source();
        if (override.isPresent()) {
            Path p = override.get();
            if (Files.isDirectory(p)) {
                if (declared.files().isPresent()) {
                    throw new IOException("dataset " + spec.id() + " reads files: give one file to read instead of "
                            + String.join(", ", RmlSource.declaredNames(declared.files().get())) + ", not a folder");
                }
                if (!Files.isRegularFile(p.resolve("schema.sql"))) {
                    throw new IOException(p + " has no schema.sql: a source folder holds the partner's schema.sql and its files");
                }
                return embedded(spec.id(), p, scratch);
            }
            if (!Files.isRegularFile(p)) {
                throw new IOException(p + " is neither a folder nor a file");
            }
            if (declared.files().isPresent()) {
                FileSource fs = declared.files().get();
                return confined(new RmlSource(spec.id(), fs, scratch, Map.of(replaced(spec.id(), fs, p), p)), uploads);
            }
            if (declared.embeddedName().isPresent() && declared.loadFrom().isPresent()) {
                return embedded(spec.id(), withFile(spec.id(), declared.loadFrom().get(), p, scratch), scratch);
            }
            throw new IOException("dataset " + spec.id() + " reads the partner's database: a check of one file works for a dataset"
                    + " read from files, or from a source folder");
        }
        if (declared.embeddedName().isPresent() && declared.loadFrom().isPresent()) {
            return embedded(spec.id(), declared.loadFrom().get(), scratch);
        }
        // Feeds are fetched into the scratch folder: a check never moves the refresh's copy or its conditional-request state.
        OpenedSource s = Sources.open(spec.id(), declared, declared.files().isPresent() ? scratch : workDir);
        return s instanceof RmlSource rml ? confined(rml, uploads) : s;
    }

    private static OpenedSource confined(RmlSource s, Optional<Path> uploads) {
        return uploads.map(s::confinedTo).orElse(s);
    }

    /** The declared file or feed {@code file} stands for: the only one, or the one of the same file name. */
    private static String replaced(String dataset, FileSource fs, Path file) throws IOException {
        List<String> names = RmlSource.declaredNames(fs);
        if (names.size() == 1) {
            return names.get(0);
        }
        String name = file.getFileName().toString();
        for (String n : names) {
            if (n.equals(name) || n.endsWith("/" + name)) {
                return n;
            }
        }
        throw new IOException("dataset " + dataset + " reads " + String.join(", ", names) + ": name the file you give after one of them ("
                + name + " is none)");
    }

    /** A copy of a source folder where the file named like {@code file} is {@code file}. */
    private static Path withFile(String dataset, Path folder, Path file, Path scratch) throws IOException {
        String name = file.getFileName().toString();
        List<Path> same = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.walk(folder, 3)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String n = p.getFileName().toString();
                if (!n.equals("schema.sql") && !n.endsWith(".md") && !n.equals("load.properties")) {
                    names.add(folder.relativize(p).toString());
                }
                if (n.equals(name)) {
                    same.add(p);
                }
            }
        }
        if (same.size() != 1) {
            throw new IOException("dataset " + dataset + " loads " + String.join(", ", names.stream().sorted().toList())
                    + ": name the file you give after the one it replaces (" + name + (same.isEmpty() ? " is none)" : " is several)"));
        }
        Path copy = scratch.resolve("source");
        try (Stream<Path> s = Files.walk(folder, 3)) {
            for (Path p : s.toList()) {
                Path to = copy.resolve(folder.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p.equals(same.get(0)) ? file : p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return copy;
    }

    /** An embedded H2 database built in {@code scratch} from a source folder. */
    private static OpenedSource embedded(String dataset, Path folder, Path scratch) throws IOException {
        Source s = new Source(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("check-" + dataset),
                Optional.of(folder));
        Sources.rebuildEmbedded(s, scratch);
        return Sources.open(dataset, s, scratch);
    }
}
