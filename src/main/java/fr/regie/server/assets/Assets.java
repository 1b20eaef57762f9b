package fr.regie.server.assets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where each front-end file is served, as a path relative to the server's base URL. WebJar
 * versions are read from the WebJar itself (its {@code pom.properties}), so that a version is
 * written once, in {@code pom.xml}; vendored libraries carry theirs in their folder's name
 * ({@code bin/vendor-assets} writes both).
 */
public final class Assets {
    private Assets() {}

    /** The prefix every asset path starts with. */
    public static final String PREFIX = "assets/";

    /** Vendored from npm: {@code @zazuko/yasgui} (MIT). */
    public static final String YASGUI_VERSION = "4.6.2";

    public static final String LEAFLET_VERSION = webjarVersion("org.webjars.npm", "leaflet");
    public static final String SWAGGER_UI_VERSION = webjarVersion("org.webjars", "swagger-ui");

    public static final String LEAFLET_JS = PREFIX + "webjars/leaflet/" + LEAFLET_VERSION + "/dist/leaflet.js";
    public static final String LEAFLET_CSS = PREFIX + "webjars/leaflet/" + LEAFLET_VERSION + "/dist/leaflet.css";
    public static final String SWAGGER_UI_JS = PREFIX + "webjars/swagger-ui/" + SWAGGER_UI_VERSION + "/swagger-ui-bundle.js";
    public static final String SWAGGER_UI_CSS = PREFIX + "webjars/swagger-ui/" + SWAGGER_UI_VERSION + "/swagger-ui.css";
    public static final String YASGUI_JS = PREFIX + "vendor/yasgui/" + YASGUI_VERSION + "/yasgui.min.js";
    public static final String YASGUI_CSS = PREFIX + "vendor/yasgui/" + YASGUI_VERSION + "/yasgui.min.css";

    /** A file of Régie's own ({@code src/main/resources/fr/regie/assets/NAME}). */
    public static String own(String name) {
        return PREFIX + name;
    }

    private static String webjarVersion(String group, String artifact) {
        String res = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Assets.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IllegalStateException("the WebJar " + group + ":" + artifact + " is not on the class path (" + res + ")");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
