package fr.regie.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Source;

/**
 * The source a check reads: the one declared, or the folder or file it was given instead. An
 * embedded database is rebuilt from its folder in the check's scratch folder, so that the check
 * reads the partner's files as they are now and never the database a refresh uses.
 */
final class CheckSources {
    private CheckSources() {}

    static OpenedSource open(DatasetSpec spec, Optional<Path> override, Path workDir, Path scratch) throws IOException {
        Source declared = spec.source();
        if (override.isPresent()) {
            Path p = override.get();
            if (Files.isDirectory(p)) {
                if (!Files.isRegularFile(p.resolve("schema.sql"))) {
                    throw new IOException(p + " has no schema.sql: a source folder holds the partner's schema.sql and its files");
                }
                return embedded(spec.id(), p, scratch);
            }
            if (!Files.isRegularFile(p)) {
                throw new IOException(p + " is neither a folder nor a file");
            }
            throw new IOException("dataset " + spec.id() + " reads a database: give a folder with schema.sql and its files, not one file");
        }
        if (declared.embeddedName().isPresent() && declared.loadFrom().isPresent()) {
            return embedded(spec.id(), declared.loadFrom().get(), scratch);
        }
        // Feeds are fetched into the scratch folder: a check never moves the refresh's copy or its conditional-request state.
        return Sources.open(spec.id(), declared, declared.files().isPresent() ? scratch : workDir);
    }

    /** An embedded H2 database built in {@code scratch} from a source folder. */
    private static OpenedSource embedded(String dataset, Path folder, Path scratch) throws IOException {
        Source s = new Source(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("check-" + dataset),
                Optional.of(folder));
        Sources.rebuildEmbedded(s, scratch);
        return Sources.open(dataset, s, scratch);
    }
}
