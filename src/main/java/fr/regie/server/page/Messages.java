package fr.regie.server.page;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The texts of one feature's pages in one language: the bundle {@code messages_fr.properties} /
 * {@code messages_en.properties} beside the feature's classes (its package, as a resource
 * folder), read as UTF-8. A key missing in a language is a bug ({@code MessagesTest} compares
 * every bundle's two languages); it shows as {@code ⟦key⟧} rather than failing the page.
 */
public final class Messages {
    private final ResourceBundle bundle;
    private final Lang lang;

    private Messages(ResourceBundle bundle, Lang lang) {
        this.bundle = bundle;
        this.lang = lang;
    }

    /** The texts of the feature {@code owner} belongs to, in {@code lang}. */
    public static Messages of(Class<?> owner, Lang lang) {
        String name = owner.getPackageName() + ".messages";
        // No fallback to the JVM's default locale: French and English are both complete.
        ResourceBundle b = ResourceBundle.getBundle(name, lang.locale(), owner.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Messages(b, lang);
    }

    public Lang lang() {
        return lang;
    }

    /**
     * A moment as people read it in this language ({@code 5 déc. 2026, 02:29 UTC}), from the
     * {@code xsd:dateTime} text the metadata graph holds; a date alone is shown as a date, and
     * text that is neither is shown as it is.
     */
    public String dateTime(String iso) {
        try {
            java.time.ZonedDateTime t = java.time.OffsetDateTime.parse(iso).atZoneSameInstant(java.time.ZoneOffset.UTC);
            return java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM).withLocale(lang.locale()).format(t)
                    + ", " + java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(t) + " UTC";
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM).withLocale(lang.locale())
                        .format(java.time.LocalDate.parse(iso));
            } catch (java.time.format.DateTimeParseException e2) {
                return iso;
            }
        }
    }

    /** The text of {@code key}, with {@code {0}}, {@code {1}}… replaced by {@code args} (numbers in the language's format). */
    public String get(String key, Object... args) {
        String s;
        try {
            s = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "⟦" + key + "⟧";
        }
        return args.length == 0 ? s : new MessageFormat(s, lang.locale()).format(args);
    }
}
