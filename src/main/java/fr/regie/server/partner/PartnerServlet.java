package fr.regie.server.partner;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import fr.regie.registry.Partner;
import fr.regie.server.ServerContext;
import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.http.MediaFormat;
import fr.regie.server.http.Negotiation;
import fr.regie.server.http.Problem;
import fr.regie.server.page.Layout;
import fr.regie.server.page.PageRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /partners/{id}} (JSON or HTML by {@code Accept}, or by the suffix {@code .json} /
 * {@code .html}; {@code ?page=N} for older versions) and {@code /partners/{id}/check}. The caller
 * is checked first ({@link PartnerGate}), so that nothing else (method, path, parameters) is
 * answered to someone who may not open the page.
 */
final class PartnerServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** The page's formats: JSON first (a client with a key and no preference is a tool), then HTML. */
    private static final List<MediaFormat> OFFERED = List.of(MediaFormat.JSON, MediaFormat.HTML);

    private final transient ServerContext context;
    private final int perPage;
    private final transient CheckHistory checks;
    private final transient Optional<CheckEndpoint> check;

    PartnerServlet(ServerContext context, int perPage, CheckHistory checks, Optional<CheckEndpoint> check) {
        this.context = context;
        this.perPage = perPage;
        this.checks = checks;
        this.check = check;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
        String[] parts = path.substring(1).split("/", -1);
        String first = parts[0];
        Optional<MediaFormat> suffix = Optional.empty();
        for (MediaFormat f : List.of(MediaFormat.JSON, MediaFormat.HTML)) {
            if (parts.length == 1 && first.endsWith(f.suffix())) {
                suffix = Optional.of(f);
                first = first.substring(0, first.length() - f.suffix().length());
            }
        }
        Optional<Partner> partner = PartnerGate.open(ApiKeyFilter.caller(req), context.registry(), first, resp);
        if (partner.isEmpty()) {
            return;
        }
        boolean page = parts.length == 1;
        boolean checking = parts.length == 2 && parts[1].equals("check");
        if (!page && !checking) {
            Problem.send(resp, 404, "nothing at " + req.getRequestURI() + " (GET /partners/" + first + ", POST /partners/" + first + "/check)");
            return;
        }
        String allow = page ? "GET, HEAD, OPTIONS" : "POST, OPTIONS";
        if (req.getMethod().equals("OPTIONS")) {
            resp.setHeader("Allow", allow);
            resp.setStatus(204);
            return;
        }
        if (checking) {
            if (!req.getMethod().equals("POST")) {
                resp.setHeader("Allow", allow);
                Problem.send(resp, 405, req.getMethod() + " is not allowed on " + req.getRequestURI() + ": POST a mapping");
            } else if (check.isEmpty()) {
                Problem.send(resp, 503, "checks are not available on this server");
            } else {
                check.get().handle(req, resp, partner.get());
            }
            return;
        }
        if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
            resp.setHeader("Allow", allow);
            Problem.send(resp, 405, req.getMethod() + " is not allowed on " + req.getRequestURI() + " (read-only: GET or HEAD)");
            return;
        }
        page(req, resp, partner.get(), suffix);
    }

    private void page(HttpServletRequest req, HttpServletResponse resp, Partner partner, Optional<MediaFormat> suffix) throws IOException {
        Optional<MediaFormat> format = suffix.isPresent() ? suffix : Negotiation.negotiate(req, resp, OFFERED);
        if (format.isEmpty()) {
            return;
        }
        String pageParam = req.getParameter("page");
        int page = 1;
        if (pageParam != null) {
            if (!pageParam.matches("[1-9][0-9]{0,6}")) {
                Problem.send(resp, 400, "page: a whole number from 1 to 9999999");
                return;
            }
            page = Integer.parseInt(pageParam);
        }
        PartnerView view = PartnerRecords.read(context.store().dataset(), context.graphs(), context.registry(), partner, page, perPage);
        long pages = Math.max(1, view.datasets().stream().mapToLong(d -> (d.versionCount() + perPage - 1) / perPage).max().orElse(1));
        if (page > pages) {
            Problem.send(resp, 404, "page: " + page + " is beyond the last page of versions (" + pages + ")");
            return;
        }
        List<CheckHistory.Kept> kept = checks.recent(partner.id(), CheckHistory.SHOWN);
        if (format.get() == MediaFormat.HTML) {
            PageRequest p = PageRequest.of(context, req, resp);
            Layout.send(req, resp, new PartnerPage(p).render(view, kept.stream().map(k -> k.html(p)).toList()));
            return;
        }
        byte[] body = PartnerJson.MAPPER.writeValueAsBytes(PartnerJson.of(view, kept.stream().map(CheckHistory.Kept::json).toList()));
        resp.setStatus(200);
        resp.setContentType(MediaFormat.JSON.contentType());
        resp.setHeader("Cache-Control", "no-cache");
        resp.setContentLength(body.length);
        if (!req.getMethod().equals("HEAD")) {
            resp.getOutputStream().write(body);
        }
    }
}
