package fr.regie.server.page;

import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.regie.server.http.Accept;

/**
 * The languages pages are written in, and which one a reader gets: the {@code lang} parameter
 * of the request (the switch on every page sets it, and it is remembered in a cookie), else the
 * {@code lang} cookie, else the reader's {@code Accept-Language}, else French.
 */
public enum Lang {
    FR("fr", Locale.FRENCH),
    EN("en", Locale.ENGLISH);

    /** The request parameter and the cookie that choose a language. */
    public static final String PARAM = "lang";

    private final String code;
    private final Locale locale;

    Lang(String code, Locale locale) {
        this.code = code;
        this.locale = locale;
    }

    public String code() {
        return code;
    }

    public Locale locale() {
        return locale;
    }

    /** The other language (the one the switch offers). */
    public Lang other() {
        return this == FR ? EN : FR;
    }

    /** The language a code names ({@code fr}, {@code en-GB}…), if Régie writes it. */
    public static Optional<Lang> ofCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.trim().toLowerCase(Locale.ROOT);
        for (Lang l : values()) {
            if (c.equals(l.code) || c.startsWith(l.code + "-")) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /**
     * The reader's language for this request. When the request chose one with {@code ?lang=},
     * it is kept in a cookie for the next pages. Adds {@code Vary: Accept-Language, Cookie}.
     */
    public static Lang of(HttpServletRequest req, HttpServletResponse resp) {
        resp.addHeader("Vary", "Accept-Language, Cookie");
        Optional<Lang> asked = ofCode(req.getParameter(PARAM));
        if (asked.isPresent()) {
            Cookie c = new Cookie(PARAM, asked.get().code);
            c.setPath("/");
            c.setMaxAge(365 * 24 * 3600);
            c.setHttpOnly(true);
            c.setAttribute("SameSite", "Lax");
            resp.addCookie(c);
            return asked.get();
        }
        return of(req);
    }

    /** The reader's language without remembering a choice (cookie, then {@code Accept-Language}). */
    public static Lang of(HttpServletRequest req) {
        Optional<Lang> asked = ofCode(req.getParameter(PARAM));
        if (asked.isPresent()) {
            return asked.get();
        }
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (PARAM.equals(c.getName())) {
                    Optional<Lang> l = ofCode(c.getValue());
                    if (l.isPresent()) {
                        return l.get();
                    }
                }
            }
        }
        return fromAcceptLanguage(req.getHeader("Accept-Language"));
    }

    /** The preferred of French and English in an {@code Accept-Language} value; French when neither is asked. */
    public static Lang fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return FR;
        }
        Lang best = null;
        double bestQ = 0;
        // Ranges in order; the first of the highest weight wins (as Accept does).
        for (String part : header.split(",", 64)) {
            String[] p = part.trim().split(";");
            if (p.length == 0) {
                continue; // ";" alone: no language range
            }
            Optional<Lang> l = ofCode(p[0]);
            double q = Accept.weight(p);
            if (l.isPresent() && q > bestQ) {
                best = l.get();
                bestQ = q;
            }
        }
        return best == null ? FR : best;
    }
}
