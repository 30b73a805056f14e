package dev.podsift.digest;

/** Escaping for everything strangers wrote (titles, show notes, transcript text) before it goes into HTML. */
public final class Html {
    private Html() {
    }

    /** Text made safe for element content and quoted attribute values. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** {@code url} when it is a plain http(s) link, else null: javascript:, data: and the like are never linked. */
    public static String safeUrl(String url) {
        if (url == null) {
            return null;
        }
        String u = url.strip();
        String lower = u.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? u : null;
    }

    /** A link when {@code url} is safe, else just the escaped label. */
    public static String link(String url, String label) {
        String safe = safeUrl(url);
        return safe == null ? esc(label) : "<a href=\"" + esc(safe) + "\">" + esc(label) + "</a>";
    }
}
