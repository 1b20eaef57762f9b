package fr.regie.r2rml.conformance;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.SqlScript;
import fr.regie.r2rml.Dialect;
import fr.regie.r2rml.SourceException;

/**
 * Where the test cases run: each case gets a database that holds the tables of its script and
 * nothing else the case could see.
 */
public interface TestDatabases {

    /** Opens a database for one case and loads nothing yet; the runner loads the script. */
    Database open(SqlScript script);

    /** Gives the database back once the case is over. */
    void release(Database db, SqlScript script);

    /** The dialect of the databases handed out. */
    Dialect dialect();

    /** A fresh in-memory H2 database per case, gone when the case ends. */
    static TestDatabases freshH2() {
        AtomicLong counter = new AtomicLong();
        return new TestDatabases() {
            @Override
            public Database open(SqlScript script) {
                return Database.connect("jdbc:h2:mem:regie-case-" + ProcessHandle.current().pid() + "-" + counter.incrementAndGet(), "sa", "");
            }

            @Override
            public void release(Database db, SqlScript script) {
                db.close();
            }

            @Override
            public Dialect dialect() {
                return Dialect.H2;
            }
        };
    }

    /**
     * A database given by URL that the runner may create and drop tables in. The tables of each
     * script are dropped before the case (left-overs of an interrupted run) and after it.
     */
    static TestDatabases shared(String url, String user, String password) {
        Dialect dialect;
        try (Database probe = Database.connect(url, user, password)) {
            dialect = probe.dialect();
        }
        return new TestDatabases() {
            @Override
            public Database open(SqlScript script) {
                Database db = Database.connect(url, user, password);
                drop(db, script.createdTables());
                return db;
            }

            @Override
            public void release(Database db, SqlScript script) {
                try {
                    drop(db, script.createdTables());
                } finally {
                    db.close();
                }
            }

            @Override
            public Dialect dialect() {
                return dialect;
            }
        };
    }

    private static void drop(Database db, List<String> tables) {
        try (Statement st = db.connection().createStatement()) {
            if (!db.connection().getAutoCommit()) {
                db.connection().rollback();
                db.connection().setAutoCommit(true);
            }
            for (int i = tables.size() - 1; i >= 0; i--) {
                for (String sql : db.dialect().dropTable(tables.get(i))) {
                    st.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new SourceException(db.description() + ": dropping the tables of a test case", e);
        }
    }
}
