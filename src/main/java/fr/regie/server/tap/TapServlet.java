package fr.regie.server.tap;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.apache.jena.query.QueryCancelledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.regie.server.http.MediaFormat;
import fr.regie.server.http.Negotiation;
import fr.regie.server.ServerContext;
import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.bounds.QueryTooComplexException;
import fr.regie.server.http.Problem;
import fr.regie.server.page.Layout;
import fr.regie.server.page.PageRequest;
import fr.regie.server.sparql.ClientWatch;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /api} (the taps, JSON; for browsers, the API console, {@link ApiConsolePage}), {@code /api/openapi.json} (their OpenAPI description) and
 * {@code /api/{name}} (one page of a tap, by {@code Accept}). Every answer of a tap is counted in
 * the meter {@code regie.tap.requests} (tags {@code tap}, {@code status}).
 */
final class TapServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TapServlet.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The tap tag of requests for a tap that does not exist. */
    static final String UNKNOWN = "unknown";

    private final transient ServerContext ctx;
    private final transient Supplier<Taps> taps;
    private final transient TapContexts context;

    TapServlet(ServerContext ctx, Supplier<Taps> taps, TapContexts context) {
        this.ctx = ctx;
        this.taps = taps;
        this.context = context;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (path.isEmpty() || path.equals("/")) {
            resp.addHeader("Vary", "Accept");
            if (Negotiation.prefersHtml(req.getHeader("Accept"), List.of(MediaFormat.JSON.mediaType()))) {
                PageRequest page = PageRequest.of(ctx, req, resp);
                Layout.send(req, resp, ApiConsolePage.render(page, taps.get().taps().size()));
            } else {
                json(resp, listing(req));
            }
        } else if (path.equals("/openapi.json")) {
            json(resp, OpenApi.of(taps.get(), context, ctx.graphs().base(), ctx.publicBase(req), ctx.registry().territory().name(),
                    ctx.settings().resultLimit()));
        } else {
            String name = path.substring(1);
            Optional<Tap> tap = taps.get().tap(name);
            try {
                if (tap.isEmpty()) {
                    Problem.send(resp, 404, "no tap named " + name + "; GET /api lists them");
                } else {
                    answer(tap.get(), req, resp);
                }
            } finally {
                ctx.meters().counter("regie.tap.requests", "tap", tap.map(Tap::name).orElse(UNKNOWN),
                        "status", Integer.toString(resp.getStatus())).increment();
            }
        }
    }

    private void answer(Tap tap, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<MediaFormat> offers = tap.graph() ? TapOutput.GRAPH : TapOutput.ROWS;
        resp.setHeader("Vary", "Accept");
        Optional<MediaFormat> type = Negotiation.choose(req.getHeader("Accept"), offers);
        if (type.isEmpty()) {
            Problem.send(resp, 406, "tap " + tap.name() + " answers in " + String.join(", ", offers.stream().map(MediaFormat::mediaType).toList()));
            return;
        }
        String base = ctx.graphs().base();
        TapCall call;
        try {
            call = TapCall.of(tap, req.getParameterMap(), base, ctx.settings().resultLimit());
        } catch (TapCall.BadCall e) {
            Problem.send(resp, 400, e.getMessage());
            return;
        }
        TapRunner.Page page;
        AtomicBoolean cancel = new AtomicBoolean();
        try (ClientWatch watch = ClientWatch.start(req, cancel)) {
            Optional<TapParam> unknown = TapRunner.unknownResource(ctx, ApiKeyFilter.caller(req), tap, call);
            if (unknown.isPresent()) {
                Problem.send(resp, 404, "parameter " + unknown.get().name() + ": "
                        + call.bindings().get(org.apache.jena.sparql.core.Var.alloc(unknown.get().name())).getURI()
                        + " names no resource (none the caller may see)");
                return;
            }
            page = TapRunner.run(ctx, ApiKeyFilter.caller(req), tap, call, cancel);
        } catch (QueryCancelledException e) {
            Problem.send(resp, 503, "tap " + tap.name() + " ran past the time limit of " + ctx.settings().queryTimeout().toSeconds()
                    + " s; ask for a smaller page or narrower parameters");
            return;
        } catch (QueryTooComplexException e) {
            // The call's parameters asked for more than the bounds allow (a value too large…).
            Problem.send(resp, 400, "tap " + tap.name() + ": " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.error("tap {} failed", tap.name(), e);
            Problem.send(resp, 500, "tap " + tap.name() + " failed; the server's log says why");
            return;
        }
        String tapUrl = ctx.publicBase(req) + "api/" + tap.name();
        resp.setStatus(200);
        resp.setHeader("Link", call.links(tapUrl, page.more()));
        resp.setContentType(type.get().mediaType());
        resp.setCharacterEncoding("UTF-8");
        OutputStream out = resp.getOutputStream();
        if (tap.graph()) {
            TapOutput.graph(out, type.get(), page.graph(tap.query()), context.forTap(tap));
        } else {
            TapOutput.rows(out, type.get(), tapUrl + "#", page.vars(), page.rows());
        }
    }

    private ObjectNode listing(HttpServletRequest req) {
        String api = ctx.publicBase(req) + "api/";
        ObjectNode root = JSON.createObjectNode();
        root.put("openapi", api + "openapi.json");
        ArrayNode list = root.putArray("taps");
        for (Tap tap : taps.get().taps()) {
            ObjectNode t = list.addObject();
            t.put("name", tap.name());
            t.put("url", api + tap.name());
            t.put("title", tap.title());
            t.put("description", tap.description());
            t.put("answers", tap.graph() ? "graph" : "rows");
            ArrayNode params = t.putArray("parameters");
            for (TapParam p : tap.params()) {
                ObjectNode o = params.addObject();
                o.put("name", p.name());
                o.put("type", p.type().label());
                o.put("required", p.required());
                p.defaultValue().ifPresent(d -> o.put("default", d));
                p.pattern().ifPresent(r -> o.put("pattern", r.pattern()));
                if (!p.allowed().isEmpty()) {
                    ArrayNode e = o.putArray("enum");
                    p.allowed().forEach(e::add);
                }
                o.put("description", p.description());
            }
        }
        return root;
    }

    private static void json(HttpServletResponse resp, ObjectNode body) throws IOException {
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        JSON.writeValue(resp.getOutputStream(), body);
    }
}
