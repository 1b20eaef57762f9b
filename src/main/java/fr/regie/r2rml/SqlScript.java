package fr.regie.r2rml;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SQL script split into statements, with the line each starts on (0 when unknown) and the
 * tables it creates.
 */
public record SqlScript(List<String> statements, List<Integer> lines) {
    private static final Pattern CREATE = Pattern.compile("(?is)^\\s*CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\"(?:[^\"]|\"\")+\"|[\\w$]+)");

    public SqlScript {
        statements = List.copyOf(statements);
        lines = List.copyOf(lines);
    }

    /** Statements whose lines are not known. */
    public SqlScript(List<String> statements) {
        this(statements, statements.stream().map(s -> 0).toList());
    }

    /**
     * Splits on semicolons outside quotes and drops {@code --} comments, so the statements can be
     * sent one by one to any JDBC driver.
     */
    public static SqlScript parse(String text) {
        List<String> out = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        int line = 1;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (start == 0 && !Character.isWhitespace(c) && !(quote == 0 && c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-')
                    && !(quote == 0 && c == ';')) {
                start = line;
            }
            if (c == '\n') {
                line++;
            }
            if (quote != 0) {
                cur.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                cur.append(c);
            } else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                    i++;
                }
            } else if (c == ';') {
                add(out, lines, cur, start);
                start = 0;
            } else {
                cur.append(c);
            }
        }
        add(out, lines, cur, start);
        return new SqlScript(out, lines);
    }

    private static void add(List<String> out, List<Integer> lines, StringBuilder cur, int line) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
            lines.add(line);
        }
        cur.setLength(0);
    }

    /** The tables created, as SQL text (quoted if they were), in order of creation. */
    public List<String> createdTables() {
        Set<String> tables = new LinkedHashSet<>();
        for (String s : statements) {
            Matcher m = CREATE.matcher(s);
            if (m.find()) {
                tables.add(m.group(1));
            }
        }
        return new ArrayList<>(tables);
    }

    /** The created tables' names as the database stores them (quotes removed). */
    public List<String> createdTableNames() {
        return createdTables().stream()
                .map(t -> t.startsWith("\"") ? t.substring(1, t.length() - 1).replace("\"\"", "\"") : t)
                .toList();
    }

    /** Runs every statement; the first failure names the statement number. */
    public void run(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (int i = 0; i < statements.size(); i++) {
                try {
                    st.execute(statements.get(i));
                } catch (SQLException e) {
                    throw new SQLException("statement " + (i + 1) + " of the script: " + e.getMessage(), e.getSQLState(), e);
                }
            }
        }
    }
}
