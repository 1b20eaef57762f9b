package fr.regie.server.assets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.regie.server.http.Conditional;
import fr.regie.server.http.Problem;

/**
 * Serves {@code /assets/PATH} from the class path: {@code webjars/…} from the WebJars
 * ({@code META-INF/resources/webjars/…}), anything else from {@code fr/regie/assets/…}. Only
 * plain path segments and known file types are looked up; each file is read once, kept with its
 * gzip form and an entity tag, and answered compressed to clients that accept it. Versioned
 * files (WebJars, {@code vendor/NAME/VERSION/…}) are cached by browsers for a year; Régie's own
 * are revalidated.
 */
final class AssetServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Pattern SAFE = Pattern.compile("(?:[A-Za-z0-9_@][A-Za-z0-9_.@+-]*/){0,8}[A-Za-z0-9_@][A-Za-z0-9_.@+-]*");
    /** What a page loads; no HTML (a WebJar's own demo pages are not Régie's, and would load other hosts' files). */
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "png", "image/png", "svg", "image/svg+xml", "ico", "image/x-icon", "woff2", "font/woff2");
    /** At most this many files are kept (the assets are a fixed set; the bound keeps it so whatever is asked). */
    private static final int MAX_CACHED = 512;

    private record Asset(byte[] plain, byte[] gzip, String type, String etag) {}

    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        Optional<Asset> found = SAFE.matcher(path).matches() && !path.contains("..") ? lookup(path) : Optional.empty();
        if (found.isEmpty()) {
            Problem.send(resp, HttpServletResponse.SC_NOT_FOUND, "no asset " + path);
            return;
        }
        Asset a = found.get();
        boolean versioned = path.startsWith("webjars/") || path.startsWith("vendor/");
        resp.setHeader("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "public, max-age=300, must-revalidate");
        resp.setHeader("ETag", a.etag());
        resp.addHeader("Vary", "Accept-Encoding");
        if (Conditional.notModified(req, a.etag(), Optional.empty())) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        String ae = req.getHeader("Accept-Encoding");
        boolean gzip = a.gzip() != null && fr.regie.server.http.Accept.takesGzip(ae);
        byte[] body = gzip ? a.gzip() : a.plain();
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(a.type());
        if (gzip) {
            resp.setHeader("Content-Encoding", "gzip");
        }
        resp.setContentLength(body.length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(body);
        }
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        doGet(req, resp);
    }

    private Optional<Asset> lookup(String path) {
        Optional<Asset> a = cache.get(path);
        if (a != null) {
            return a;
        }
        a = load(path);
        // Misses are not kept: any number of wrong names must not grow the cache.
        if (a.isPresent() && cache.size() < MAX_CACHED) {
            cache.put(path, a);
        }
        return a;
    }

    private static Optional<Asset> load(String path) {
        int dot = path.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(path.substring(dot + 1));
        if (type == null) {
            return Optional.empty();
        }
        String res = path.startsWith("webjars/") ? "/META-INF/resources/" + path : "/fr/regie/assets/" + path;
        try (InputStream in = AssetServlet.class.getResourceAsStream(res)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] plain = in.readAllBytes();
            byte[] gz = null;
            if (type.startsWith("text/") || type.startsWith("application/json") || type.startsWith("image/svg")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 3 + 64);
                try (GZIPOutputStream g = new GZIPOutputStream(out)) {
                    g.write(plain);
                }
                gz = out.toByteArray();
            }
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain), 0, 12) + "\"";
            return Optional.of(new Asset(plain, gz, type, etag));
        } catch (IOException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
