package fr.regie.server.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.riot.Lang;

import fr.regie.server.http.MediaFormat;

import fr.regie.registry.DatasetSpec;
import fr.regie.server.ServerContext;
import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.access.Caller;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /catalog}: the DCAT-AP catalog of the datasets the caller may see, as Turtle (the
 * default), JSON-LD, RDF/XML or N-Triples by {@code Accept}; {@code /catalog.ttl},
 * {@code /catalog.jsonld}, {@code /catalog.rdf} and {@code /catalog.nt} name one syntax (harvesters
 * such as data.gouv.fr's read the format from the suffix). The ETag changes when one of those
 * datasets moves to a new version.
 */
final class CatalogServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient ServerContext context;
    private final transient CatalogBuilder builder;
    private final transient List<MediaFormat> offers;

    /** A servlet offering {@code offers} (one for a suffixed path, all for {@code /catalog}). */
    CatalogServlet(ServerContext context, CatalogBuilder builder, List<MediaFormat> offers) {
        this.context = context;
        this.builder = builder;
        this.offers = offers;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        // A suffixed path names its syntax: Accept is not consulted.
        RdfResponse.varyByCaller(resp);
        Optional<Lang> lang = offers.size() == 1 ? Optional.of(offers.get(0).rdf()) : RdfResponse.negotiate(req, resp, offers);
        if (lang.isEmpty()) {
            return;
        }
        Caller caller = ApiKeyFilter.caller(req);
        List<DatasetSpec> visible = context.access().visibleDatasets(caller);
        String base = context.publicBase(req);
        if (RdfResponse.notModified(req, resp, etag(builder.versions(visible), base, lang.get()))) {
            return;
        }
        CatalogBuilder.Snapshot catalog = builder.snapshot(visible, base);
        // A refresh may have committed since the check above: the tag describes what is sent.
        resp.setHeader("ETag", etag(catalog.versions(), base, lang.get()));
        RdfResponse.send(req, resp, catalog.graph(), lang.get());
    }

    /** The entity tag of one representation: the visible datasets at their versions, the URLs' base, the syntax. */
    static String etag(Map<String, Long> versions, String base, Lang lang) {
        StringBuilder s = new StringBuilder(base).append('\n').append(lang.getName());
        versions.forEach((id, v) -> s.append('\n').append(id).append('@').append(v));
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(h, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
