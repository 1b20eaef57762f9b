package fr.regie.server.tap;

import static fr.regie.server.http.Html.esc;

import java.util.List;

import fr.regie.server.assets.Assets;
import fr.regie.server.page.Layout;
import fr.regie.server.page.Messages;
import fr.regie.server.page.PageRequest;

/**
 * The API console, {@code /api} for browsers: Swagger UI ({@code #swagger-ui}) on
 * {@code /api/openapi.json}, started by {@code assets/api.js} with no request to any other host
 * (no validator badge). Each tap can be tried: Swagger UI calls it, shows the answer and the
 * equivalent {@code curl}; its "Authorize" button takes a partner's key.
 */
final class ApiConsolePage {
    static final String SCRIPT = Assets.own("api.js");

    private ApiConsolePage() {}

    static String render(PageRequest page, int taps) {
        Messages m = page.messages(ApiConsolePage.class);
        String openapi = page.url("api/openapi.json");
        String main = "<h1>" + esc(m.get("title")) + "</h1>"
                + "<p>" + esc(m.get("intro", page.territory(), taps)) + "</p>"
                + "<p>" + esc(m.get("openapi")) + " <a href=\"" + esc(openapi) + "\">" + esc(openapi) + "</a></p>\n"
                + "<div id=\"swagger-ui\" data-openapi=\"" + esc(openapi) + "\"></div>\n"
                + "<noscript><p>" + esc(m.get("noscript")) + "</p></noscript>";
        Layout.Head head = new Layout.Head(List.of(Assets.SWAGGER_UI_CSS), List.of(Assets.SWAGGER_UI_JS, SCRIPT), List.of())
                .withAlternate("application/json", page.url("api"))
                .withAlternate("application/vnd.oai.openapi+json", openapi);
        return Layout.render(page, Layout.Section.API, m.get("title"), head, main);
    }
}
