package fr.regie.server.tap;

import java.math.BigDecimal;
import java.util.List;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.regie.server.http.JsonLdContext;
import fr.regie.server.http.MediaFormat;

/**
 * The OpenAPI 3.0 description of the taps ({@code /api/openapi.json}): one GET operation per tap,
 * its parameters with their schema (type, pattern, enumeration, default), the page parameters,
 * the answers (rows or graph by media type, problem details for errors), the API-key schemes.
 */
final class OpenApi {
    static final String VERSION = "3.0.3";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = "application/problem+json";

    private OpenApi() {}

    /**
     * The description.
     *
     * @param contexts the JSON-LD contexts of the taps (they tell the types of row columns)
     * @param base the territory's base IRI (IRI parameters take the full IRI under it)
     * @param publicBase the URL the server is reached at, ending with a slash
     * @param territory the territory's name
     * @param maxLimit the largest page
     */
    static ObjectNode of(Taps taps, TapContexts contexts, String base, String publicBase, String territory, long maxLimit) {
        ObjectNode root = JSON.createObjectNode();
        root.put("openapi", VERSION);
        ObjectNode info = root.putObject("info");
        info.put("title", territory + " — Régie taps");
        info.put("version", "1");
        info.put("description", "Named SPARQL queries of the territory served as REST endpoints. Without a key a caller sees the"
                + " public datasets; a partner's key (X-API-Key header or Authorization: Bearer) shows what the partner may see.");
        root.putArray("servers").addObject().put("url", publicBase.substring(0, publicBase.length() - 1));
        ArrayNode security = root.putArray("security");
        security.addObject();
        security.addObject().putArray("apiKey");
        security.addObject().putArray("bearer");
        ObjectNode paths = root.putObject("paths");
        listing(paths.putObject("/api").putObject("get"));
        ObjectNode self = paths.putObject("/api/openapi.json").putObject("get");
        self.put("operationId", "openapi");
        self.put("summary", "This description");
        self.putObject("responses").putObject("200").put("description", "OpenAPI 3 description")
                .putObject("content").putObject("application/json").putObject("schema").put("type", "object");
        for (Tap tap : taps.taps()) {
            paths.set("/api/" + tap.name(), JSON.createObjectNode().set("get", operation(tap, contexts.forTap(tap), base)));
        }
        components(root.putObject("components"), maxLimit);
        return root;
    }

    private static void listing(ObjectNode op) {
        op.put("operationId", "taps");
        op.put("summary", "The taps: name, title, description, parameters, URL");
        op.putObject("responses").putObject("200").put("description", "The taps")
                .putObject("content").putObject("application/json").putObject("schema").put("type", "object");
    }

    private static ObjectNode operation(Tap tap, JsonLdContext context, String base) {
        ObjectNode op = JSON.createObjectNode();
        op.put("operationId", tap.name());
        op.put("summary", tap.title());
        if (!tap.description().isEmpty()) {
            op.put("description", tap.description());
        }
        ArrayNode params = op.putArray("parameters");
        for (TapParam p : tap.params()) {
            ObjectNode o = params.addObject();
            o.put("name", p.name());
            o.put("in", "query");
            o.put("required", p.required());
            o.put("description", p.description());
            schema(o.putObject("schema"), p, base);
        }
        params.addObject().put("$ref", "#/components/parameters/limit");
        params.addObject().put("$ref", "#/components/parameters/offset");
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject("200");
        ok.put("description", tap.graph() ? "One page of the graph" : "One page of rows");
        ok.putObject("headers").putObject("Link").put("description", "Pages: rel=\"first\", \"prev\", \"next\" (RFC 8288)")
                .putObject("schema").put("type", "string");
        ObjectNode content = ok.putObject("content");
        if (tap.graph()) {
            for (MediaFormat f : TapOutput.GRAPH) {
                content.putObject(f.mediaType()).putObject("schema").put("type", f.lang().isPresent() && f != MediaFormat.JSONLD ? "string" : "object");
            }
        } else {
            ObjectNode rows = rowsSchema(tap, context);
            for (MediaFormat f : TapOutput.ROWS) {
                if (f == MediaFormat.CSV) {
                    content.putObject(f.mediaType()).putObject("schema").put("type", "string");
                } else if (f == MediaFormat.GEOJSON) {
                    content.putObject(f.mediaType()).putObject("schema").put("type", "object").put("description",
                            "A GeoJSON FeatureCollection: a Feature per row, its geometry the row's first WKT value (null without), its properties the other values");
                } else {
                    content.putObject(f.mediaType()).set("schema", rows.deepCopy());
                }
            }
        }
        for (String status : new String[] {"400", "401", "404", "406", "429", "503"}) {
            responses.putObject(status).put("$ref", "#/components/responses/Problem" + status);
        }
        List<String> iris = tap.params().stream().filter(p -> p.type() == ParamType.IRI).map(TapParam::name).toList();
        if (!iris.isEmpty()) {
            responses.putObject("404").put("description", "No such tap, or " + String.join(", ", iris)
                    + " names no resource the caller may see (the detail names the parameter)")
                    .putObject("content").putObject(PROBLEM).putObject("schema").put("$ref", "#/components/schemas/Problem");
        }
        return op;
    }

    private static ObjectNode rowsSchema(Tap tap, JsonLdContext context) {
        ObjectNode s = JSON.createObjectNode();
        s.put("type", "object");
        s.putArray("required").add("@graph");
        ObjectNode props = s.putObject("properties");
        props.putObject("@context").put("type", "object");
        ObjectNode graph = props.putObject("@graph");
        graph.put("type", "array");
        ObjectNode row = graph.putObject("items");
        row.put("type", "object");
        row.put("description", "One row: IRIs as {\"@id\": IRI}, numbers and booleans as such, other values as strings; unbound values left out");
        ObjectNode cols = row.putObject("properties");
        RowTypes.of(tap, context).forEach((name, kind) -> column(cols.putObject(name), kind));
        return s;
    }

    /** The schema of a column of rows, as {@link TapOutput#value} writes its values. */
    static void column(ObjectNode c, RowTypes.Kind kind) {
        switch (kind) {
            case IRI -> {
                c.put("type", "object");
                c.putArray("required").add("@id");
                c.putObject("properties").putObject("@id").put("type", "string").put("format", "iri");
            }
            case INTEGER -> c.put("type", "integer");
            case NUMBER -> c.put("type", "number");
            case BOOLEAN -> c.put("type", "boolean");
            case STRING -> c.put("type", "string");
            case ANY -> c.put("description", "Any JSON value: {\"@id\": IRI}, a number, a boolean or a string");
        }
    }

    private static void schema(ObjectNode s, TapParam p, String base) {
        switch (p.type()) {
            case INTEGER -> {
                s.put("type", "integer");
                p.pattern().flatMap(PatternBounds::of).ifPresent(b -> s.put("minimum", b.min()).put("maximum", b.max()));
            }
            case DECIMAL -> s.put("type", "number");
            case BOOLEAN -> s.put("type", "boolean");
            case DATE -> s.put("type", "string").put("format", "date");
            case IRI -> s.put("type", "string").put("format", "iri-reference");
            default -> s.put("type", "string");
        }
        // OpenAPI patterns (ECMA-262) apply to strings and match anywhere: anchor the whole value.
        if (s.get("type").asText().equals("string")) {
            s.put("maxLength", ParamType.MAX_LENGTH);
            if (p.type() == ParamType.IRI) {
                s.put("pattern", iriPattern(p, base));
            } else {
                p.pattern().ifPresent(r -> s.put("pattern", "^(?:" + r.pattern() + ")$"));
            }
        }
        if (!p.allowed().isEmpty()) {
            ArrayNode e = s.putArray("enum");
            p.allowed().forEach(e::add);
        }
        p.defaultValue().ifPresent(d -> {
            switch (p.type()) {
                case INTEGER, DECIMAL -> s.put("default", new BigDecimal(d));
                case BOOLEAN -> s.put("default", d.equals("true") || d.equals("1"));
                default -> s.put("default", d);
            }
        });
    }

    /**
     * What an IRI parameter accepts, as one regular expression: the full IRI under
     * {@code {base}id/} or its short form, the short form made of the characters
     * {@link ParamType#parse} takes and matching the declared pattern.
     */
    static String iriPattern(TapParam p, String base) {
        // Only the characters that are syntax are escaped: ECMA-262 in Unicode mode refuses other escapes.
        StringBuilder prefix = new StringBuilder();
        for (char ch : (base + "id/").toCharArray()) {
            prefix.append("^$\\.*+?()[]{}|/".indexOf(ch) >= 0 ? "\\" + ch : String.valueOf(ch));
        }
        String shortForm = "(?:" + ParamType.SHORT_IRI.pattern() + ")";
        return "^(?:" + prefix + ")?" + p.pattern().map(r -> "(?=" + shortForm + "$)(?:" + r.pattern() + ")").orElse(shortForm) + "$";
    }

    private static void components(ObjectNode c, long maxLimit) {
        ObjectNode params = c.putObject("parameters");
        ObjectNode limit = params.putObject("limit");
        limit.put("name", "limit").put("in", "query").put("required", false)
                .put("description", "Rows (or solutions, for a graph) per page");
        limit.putObject("schema").put("type", "integer").put("minimum", 1).put("maximum", maxLimit)
                .put("default", Math.min(TapCall.DEFAULT_LIMIT, maxLimit));
        ObjectNode offset = params.putObject("offset");
        offset.put("name", "offset").put("in", "query").put("required", false).put("description", "Rows to skip");
        offset.putObject("schema").put("type", "integer").put("minimum", 0).put("default", 0);

        ObjectNode problem = c.putObject("schemas").putObject("Problem");
        problem.put("type", "object");
        problem.put("description", "RFC 9457 problem details");
        problem.putArray("required").add("status").add("title").add("detail");
        ObjectNode pp = problem.putObject("properties");
        pp.putObject("status").put("type", "integer");
        pp.putObject("title").put("type", "string");
        pp.putObject("detail").put("type", "string");

        ObjectNode responses = c.putObject("responses");
        problem(responses, "400", "A parameter is unknown, missing or not valid (the detail names it)");
        problem(responses, "401", "Unknown API key");
        problem(responses, "404", "No such tap");
        problem(responses, "406", "None of the accepted media types is available");
        problem(responses, "429", "Too many requests: see Retry-After");
        problem(responses, "503", "The query ran past the server's time limit");

        ObjectNode schemes = c.putObject("securitySchemes");
        schemes.putObject("apiKey").put("type", "apiKey").put("in", "header").put("name", "X-API-Key");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
    }

    private static void problem(ObjectNode responses, String status, String description) {
        ObjectNode r = responses.putObject("Problem" + status);
        r.put("description", description);
        r.putObject("content").putObject(PROBLEM).putObject("schema").put("$ref", "#/components/schemas/Problem");
    }
}
