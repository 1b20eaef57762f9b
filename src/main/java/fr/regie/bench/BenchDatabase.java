package fr.regie.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.SourceException;

/** A database the benchmark runs against: its kind and JDBC URL (credentials, if any, in the URL). */
public record BenchDatabase(Kind kind, String url) {
    /** The databases the benchmark knows how to fill. */
    public enum Kind { H2, POSTGRESQL }

    private static final String H2_NAME = "regie-bench";

    /**
     * An H2 file database under {@code dir}: on disk rather than in memory, so that the heap
     * measured holds what the engine holds, not the table.
     */
    public static BenchDatabase h2(Path dir) {
        return new BenchDatabase(Kind.H2, "jdbc:h2:file:" + dir.resolve(H2_NAME).toAbsolutePath());
    }

    public static BenchDatabase postgresql(String url) {
        return new BenchDatabase(Kind.POSTGRESQL, url);
    }

    /** A short name for tables of results. */
    public String label() {
        return kind == Kind.H2 ? "h2" : "postgresql";
    }

    /** Fails now, with a {@link SourceException}, rather than after the other databases were measured. */
    public void checkReachable() {
        try (Connection c = open()) {
            c.getMetaData();
        } catch (SQLException e) {
            throw new SourceException("database " + Database.redact(url), e);
        }
    }

    /** A plain JDBC connection, for setting up tables and for the baseline. */
    Connection open() {
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw new SourceException("cannot connect to database " + Database.redact(url), e);
        }
    }

    /** A connection wrapped for the engine, opened the same way as {@code regie map} does. */
    Database connectEngine() {
        return Database.connect(url, null, null);
    }

    /** Deletes the H2 database files once the benchmark is over; they hold only generated rows. */
    void deleteFiles(Path dir) {
        if (kind != Kind.H2 || !Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, H2_NAME + ".*")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // Best effort: leftover files under target/ are harmless and rebuilt by the next run.
        }
    }
}
