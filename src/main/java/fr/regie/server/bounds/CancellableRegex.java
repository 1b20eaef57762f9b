package fr.regie.server.bounds;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.RegexEngine;
import org.apache.jena.sparql.expr.nodevalue.NodeValueOps;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.sparql.util.Context;

/**
 * The matching, replacing and splitting Jena does with {@code java.util.regex} for REGEX,
 * REPLACE, {@code fn:matches}, {@code fn:replace} and {@code apf:strSplit}, with the same
 * patterns, flags and results, over a {@link CancellableText}: a match stops when its query is
 * cancelled. The engine stays Java's (back-references and look-arounds keep working); what
 * changes is that it can no longer outlive the query.
 */
final class CancellableRegex {
    /** Flags SPARQL allows (XPath's); Jena checks the same set. */
    private static final String FLAGS = "smixq";

    private CancellableRegex() {}

    /** The query's cancel signal, as the execution context carries it; a dead flag outside a query. */
    static AtomicBoolean signal(FunctionEnv env) {
        if (env instanceof ExecutionContext ec && ec.getCancelSignal() != null) {
            return ec.getCancelSignal();
        }
        AtomicBoolean s = env == null ? null : Context.getCancelSignal(env.getContext());
        return s != null ? s : new AtomicBoolean();
    }

    /** Compiles a pattern as Jena's REGEX does (flags limited to {@code smixq}; {@code q} quotes it). */
    static Pattern compile(String function, String pattern, String flags) {
        if (flags != null && !flags.chars().allMatch(c -> FLAGS.indexOf(c) >= 0)) {
            throw new ExprEvalException(function + ": only 'smixq' are legal as pattern flags: got \"" + flags + "\"");
        }
        return RegexEngine.makePattern(function, pattern, flags);
    }

    /** The pattern of a REGEX or REPLACE call from its argument values. */
    static Pattern compile(String function, NodeValue pattern, NodeValue flags) {
        String p = NodeValueOps.checkAndGetStringLiteral(function, pattern).getLiteralLexicalForm();
        String f = flags == null ? null : NodeValueOps.checkAndGetStringLiteral(function, flags).getLiteralLexicalForm();
        return compile(function, p, f);
    }

    /** Whether the pattern occurs in the text (REGEX, {@code fn:matches}). */
    static boolean find(Pattern pattern, String text, AtomicBoolean cancel) {
        try {
            return pattern.matcher(new CancellableText(text, cancel)).find();
        } catch (StackOverflowError e) {
            throw tooDeep(pattern, text);
        }
    }

    /**
     * REPLACE and {@code fn:replace}: Jena's semantics (a zero-length match replaced once only;
     * the result keeps the input's language and datatype; the input itself when nothing changed).
     */
    static NodeValue replace(NodeValue input, Pattern pattern, NodeValue replacement, AtomicBoolean cancel) {
        Node n = NodeValueOps.checkAndGetStringLiteral("replace", input);
        String text = n.getLiteralLexicalForm();
        String rep = NodeValueOps.checkAndGetStringLiteral("replace", replacement).getLiteralLexicalForm();
        Matcher m = pattern.matcher(new CancellableText(text, cancel));
        StringBuilder out = null;
        try {
            while (m.find()) {
                if (out == null) {
                    out = new StringBuilder();
                } else if (m.start() == m.end()) {
                    continue;
                }
                m.appendReplacement(out, rep);
                ValueBounds.checkString("REPLACE", out.length());
            }
        } catch (StackOverflowError e) {
            throw tooDeep(pattern, text);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            // A replacement naming a group the pattern lacks: an error of this value, as in Jena.
            throw new ExprEvalException("REPLACE: " + e.getMessage());
        }
        if (out == null) {
            return input;
        }
        m.appendTail(out);
        String result = out.toString();
        return result.equals(text) ? input
                : NodeValue.makeNode(NodeFactory.createLiteral(result, n.getLiteralLanguage(), n.getLiteralBaseDirection(), n.getLiteralDatatype()));
    }

    /** {@code apf:strSplit}: the pieces between matches, trimmed, as {@code String.split} gives them. */
    static String[] split(Pattern pattern, String text, AtomicBoolean cancel) {
        try {
            return Arrays.stream(pattern.split(new CancellableText(text, cancel))).map(String::trim).toArray(String[]::new);
        } catch (StackOverflowError e) {
            throw tooDeep(pattern, text);
        }
    }

    private static QueryTooComplexException tooDeep(Pattern pattern, String text) {
        return new QueryTooComplexException("the regular expression \"" + pattern.pattern() + "\" recursed too deeply on a value of "
                + text.length() + " characters; use possessive or reluctant quantifiers, or the s flag instead of (.|\\n)");
    }
}
