package fr.regie.server.resource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.regie.server.http.Conditional;
import fr.regie.server.http.MediaFormat;
import fr.regie.server.http.Negotiation;

/**
 * A document that changes only when the registry is reloaded ({@code /context.jsonld},
 * {@code /ontology}): in one format, served whatever the {@code Accept} header says, or in
 * several chosen by content negotiation. Cacheable by anyone for a day, with an ETag per format
 * and 304 for a current copy. Each format is rendered once per public base URL (links in the
 * document depend on it).
 */
final class StaticRdfServlet extends HttpServlet {
    private record Rendered(byte[] body, String etag) {}

    private final transient List<MediaFormat> offered;
    private final transient BiFunction<MediaFormat, String, byte[]> render;
    private final transient Function<HttpServletRequest, String> publicBase;
    private final transient Map<String, Rendered> cache = new ConcurrentHashMap<>();
    private final transient java.util.function.Supplier<Object> generation;
    private transient volatile Object seen;

    /**
     * {@code render} gives the document in a format for a public base URL; {@code publicBase}
     * gives a request's.
     */
    StaticRdfServlet(List<MediaFormat> offered, BiFunction<MediaFormat, String, byte[]> render, Function<HttpServletRequest, String> publicBase) {
        this(offered, render, publicBase, () -> Boolean.TRUE);
    }

    /** As above, rendered again when {@code generation} gives another object (a registry reload changed the document). */
    StaticRdfServlet(List<MediaFormat> offered, BiFunction<MediaFormat, String, byte[]> render, Function<HttpServletRequest, String> publicBase,
                     java.util.function.Supplier<Object> generation) {
        this.offered = List.copyOf(offered);
        this.render = render;
        this.publicBase = publicBase;
        this.generation = generation;
        this.seen = generation.get();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, true);
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, false);
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp, boolean withBody) throws IOException {
        Optional<MediaFormat> format = offered.size() == 1 ? Optional.of(offered.get(0)) : Negotiation.negotiate(req, resp, offered);
        if (format.isEmpty()) {
            return;
        }
        String base = publicBase.apply(req);
        Object now = generation.get();
        if (now != seen) {
            cache.clear();
            seen = now;
        }
        Rendered r = cache.computeIfAbsent(format.get().name() + " " + base, k -> {
            byte[] body = render.apply(format.get(), base);
            return new Rendered(body, "\"" + Long.toHexString(Validators.fnv(new String(body, StandardCharsets.UTF_8))) + "\"");
        });
        resp.setHeader("ETag", r.etag());
        resp.setHeader("Cache-Control", "public, max-age=86400");
        if (Conditional.matches(req.getHeader("If-None-Match"), r.etag())) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentType(format.get().contentType());
        resp.setContentLength(r.body().length);
        if (withBody) {
            resp.getOutputStream().write(r.body());
        }
    }
}
