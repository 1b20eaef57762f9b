package fr.regie.server.http;

/** HTML text escaping, and links that can only point to web pages. */
public final class Html {
    private Html() {}

    /** Escapes text for an element's content or a quoted attribute value. */
    public static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A link to {@code url} showing {@code text}; plain text when the URL is not http(s). */
    public static String link(String url, String text) {
        if (!(url.startsWith("http://") || url.startsWith("https://"))) {
            return esc(text);
        }
        return "<a href=\"" + esc(url) + "\">" + esc(text) + "</a>";
    }
}
