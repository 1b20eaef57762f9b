package fr.regie.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.SourceException;
import fr.regie.source.PartnerSource;
import fr.regie.source.TableLoader;
import fr.regie.registry.Source;

/** Opens what a dataset's {@link Source} names: a database, or the partner's files and feeds. */
public final class Sources {
    private Sources() {}

    /** The logical sources of an RML mapping as files beside it, read with the defaults and sniffing (the conformance suites). */
    public static fr.regie.r2rml.LogicalSources besideMapping() {
        return fr.regie.source.FileSources.besideMapping(RmlSource.JSON);
    }

    /** The JDBC URL of an embedded source: an H2 file database in the work directory. */
    public static String embeddedUrl(Path workDir, String name) {
        return "jdbc:h2:" + workDir.resolve("sources").resolve(name).toAbsolutePath();
    }

    /** Opens a dataset's source for one run: the database it names, with the R2RML engine over it. */
    static OpenedSource open(String dataset, Source s, Path workDir) {
        if (s.isMirror()) {
            throw new SourceException(dataset, "it mirrors " + s.describe() + ": there is no source of its own to map (regie refresh copies it)");
        }
        if (s.files().isPresent()) {
            return new RmlSource(dataset, s.files().get(), workDir);
        }
        // An embedded database not built yet (a new work folder) is built from its folder first.
        if (s.embeddedName().isPresent() && s.loadFrom().isPresent()
                && !Files.exists(workDir.resolve("sources").resolve(s.embeddedName().get() + ".mv.db"))) {
            try {
                rebuildEmbedded(s, workDir);
            } catch (IOException e) {
                throw new SourceException("building the embedded database " + s.embeddedName().get() + " from " + s.loadFrom().get(),
                        e.getMessage());
            }
        }
        return new SqlSource(connect(s, workDir));
    }

    public static Database connect(Source s, Path workDir) {
        if (s.isMirror()) {
            throw new SourceException(s.describe(), "a mirror has no database of its own (regie refresh copies the upstream's dataset)");
        }
        if (s.jdbcUrl().isPresent()) {
            return Database.connect(s.jdbcUrl().get(), s.user().orElse(null), s.password().orElse(null));
        }
        return Database.connect(embeddedUrl(workDir, s.embeddedName().orElseThrow()), "sa", "");
    }

    /**
     * (Re)creates an embedded source from its folder: the database file is deleted and the
     * folder's schema and files loaded again. Returns what each file gave.
     */
    public static List<TableLoader.Loaded> rebuildEmbedded(Source s, Path workDir) throws IOException {
        String name = s.embeddedName().orElseThrow();
        Path folder = s.loadFrom().orElseThrow(() -> new IOException("embedded source " + name + " has no regie:loadFrom"));
        Files.createDirectories(workDir.resolve("sources"));
        Files.deleteIfExists(workDir.resolve("sources").resolve(name + ".mv.db"));
        Files.deleteIfExists(workDir.resolve("sources").resolve(name + ".trace.db"));
        try (Database db = connect(s, workDir)) {
            return new PartnerSource(folder).load(db);
        } catch (SQLException e) {
            throw new SourceException("loading " + folder + " into " + embeddedUrl(workDir, name), e);
        }
    }
}
