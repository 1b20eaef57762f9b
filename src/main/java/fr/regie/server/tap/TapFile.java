package fr.regie.server.tap;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;

/**
 * Reads one tap file: the header comment (title, description, {@code @param} lines) and the
 * SPARQL query after it, checked whole. Every problem is a {@link TapException} naming the file
 * and line. The format is documented in {@code examples/plaine-commune/taps/README.md}.
 */
final class TapFile {
    /** Tap names: the file name without {@code .rq}. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** Parameter names the server keeps for pagination. */
    static final Set<String> RESERVED = Set.of("limit", "offset");

    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PARAM = Pattern.compile("@param\\s+(\\S+)\\s+(\\S+)(.*?)\\s+(?:—|--)\\s+(\\S.*)");

    private final String file;
    private final String base;

    private TapFile(String file, String base) {
        this.file = file;
        this.base = base;
    }

    /**
     * The tap a file declares.
     *
     * @param file the file's name, for messages ({@code taps/stations.rq})
     * @param name the tap's name (the file name without {@code .rq})
     * @param text the file's content
     * @param base the territory's base IRI, the query's base and the base of IRI parameters
     */
    static Tap parse(String file, String name, String text, String base) {
        return new TapFile(file, base).parse(name, text);
    }

    private Tap parse(String name, String text) {
        if (!NAME.matcher(name).matches()) {
            throw new TapException(file, 1, "a tap's file name is lower-case letters, digits and hyphens, then .rq");
        }
        String[] lines = text.split("\r?\n", -1);
        String title = null;
        StringBuilder description = new StringBuilder();
        List<TapParam> params = new ArrayList<>();
        List<Integer> paramLines = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < lines.length && lines[i].startsWith("#"); i++) {
            int line = i + 1;
            String content = lines[i].substring(1).strip();
            if (content.startsWith("@param")) {
                TapParam p = param(content, line);
                if (!names.add(p.name())) {
                    throw new TapException(file, line, "parameter " + p.name() + " is declared twice");
                }
                params.add(p);
                paramLines.add(line);
            } else if (content.startsWith("@")) {
                throw new TapException(file, line, "unknown annotation " + content.split("\\s")[0] + " (a header line may be @param)");
            } else if (title == null) {
                if (!content.isEmpty()) {
                    title = content;
                }
            } else if (content.isEmpty()) {
                if (!description.isEmpty() && !description.toString().endsWith("\n\n")) {
                    description.append("\n\n");
                }
            } else {
                if (!description.isEmpty() && !description.toString().endsWith("\n")) {
                    description.append(' ');
                }
                description.append(content);
            }
        }
        if (title == null) {
            throw new TapException(file, 1, "a tap opens with a comment whose first line is its title");
        }
        Query query = query(text);
        String serialized = query.serialize();
        for (int i = 0; i < params.size(); i++) {
            String var = params.get(i).name();
            if (!Pattern.compile("[?$]" + var + "(?![A-Za-z0-9_])").matcher(serialized).find()) {
                throw new TapException(file, paramLines.get(i), "parameter " + var + " is not a variable of the query (?" + var + ")");
            }
        }
        return new Tap(name, title, description.toString().strip(), List.copyOf(params), query, file);
    }

    private Query query(String text) {
        Query query;
        try {
            query = QueryFactory.create(text, base, Syntax.syntaxSPARQL_11);
        } catch (QueryParseException e) {
            int line = e.getLine() > 0 ? e.getLine() : 1;
            throw new TapException(file, line, "SPARQL syntax error: " + e.getMessage().strip().replace('\n', ' '));
        }
        if (!query.isSelectType() && !query.isConstructType()) {
            throw new TapException(file, 1, "a tap is a SELECT or a CONSTRUCT query");
        }
        if (query.hasLimit() || query.hasOffset()) {
            throw new TapException(file, 1, "a tap has no LIMIT or OFFSET: callers page with ?limit= and ?offset=");
        }
        if (query.hasDatasetDescription()) {
            throw new TapException(file, 1, "a tap has no FROM or FROM NAMED: it runs over the graphs its caller may see");
        }
        return query;
    }

    private TapParam param(String content, int line) {
        Matcher m = PARAM.matcher(content);
        if (!m.matches()) {
            throw new TapException(file, line, "expected '@param NAME TYPE [required] [default=V] [pattern=REGEX] [enum=A,B] — description'");
        }
        String name = m.group(1);
        if (!PARAM_NAME.matcher(name).matches()) {
            throw new TapException(file, line, "parameter name " + name + " is not a SPARQL variable name");
        }
        if (RESERVED.contains(name)) {
            throw new TapException(file, line, "parameter name " + name + " is reserved for pagination");
        }
        ParamType type = ParamType.of(m.group(2)).orElseThrow(() -> new TapException(file, line, "unknown type " + m.group(2)
                + " (xsd:string, xsd:token, xsd:integer, xsd:decimal, xsd:boolean, xsd:date or IRI)"));
        boolean required = false;
        Optional<String> defaultValue = Optional.empty();
        Optional<Pattern> pattern = Optional.empty();
        List<String> allowed = List.of();
        for (String option : m.group(3).strip().split("\\s+")) {
            if (option.isEmpty()) {
                continue;
            }
            if (option.equals("required")) {
                required = true;
            } else if (option.startsWith("default=")) {
                defaultValue = Optional.of(option.substring(8));
            } else if (option.startsWith("pattern=")) {
                try {
                    pattern = Optional.of(Pattern.compile(option.substring(8)));
                } catch (PatternSyntaxException e) {
                    throw new TapException(file, line, "bad pattern for " + name + ": " + e.getDescription());
                }
            } else if (option.startsWith("enum=")) {
                allowed = List.of(option.substring(5).split(","));
            } else {
                throw new TapException(file, line, "unknown option " + option + " (required, default=, pattern= or enum=)");
            }
        }
        if (required && defaultValue.isPresent()) {
            throw new TapException(file, line, "parameter " + name + " is required and has a default: choose one");
        }
        TapParam p = new TapParam(name, type, required, defaultValue, pattern, allowed, m.group(4).strip());
        defaultValue.ifPresent(d -> {
            try {
                p.bind(d, base);
            } catch (IllegalArgumentException e) {
                throw new TapException(file, line, "the default of " + name + " " + e.getMessage());
            }
        });
        return p;
    }
}
