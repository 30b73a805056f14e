package dev.podsift.web;

import java.net.URI;
import java.net.URISyntaxException;

/** Where to send a visitor back to: a page of ours only, by its path, never another host. */
final class SameSite {
    private SameSite() {
    }

    /**
     * The path (and query) of {@code referer} when it is on the same origin as {@code base} (scheme, host and port
     * equal, not merely a prefix: {@code http://host.evil.example} is not {@code http://host}); else {@code fallback}.
     */
    static String back(String referer, String base, String fallback) {
        if (referer == null || referer.length() > 2000) {
            return fallback;
        }
        try {
            URI r = new URI(referer);
            URI b = new URI(base);
            if (r.getScheme() == null || r.getHost() == null || !r.getScheme().equalsIgnoreCase(b.getScheme())
                    || !r.getHost().equalsIgnoreCase(b.getHost()) || port(r) != port(b)) {
                return fallback;
            }
            String path = r.getRawPath() == null || r.getRawPath().isEmpty() ? "/" : r.getRawPath();
            if (!path.startsWith("/") || path.startsWith("//")) {
                return fallback;
            }
            return path + (r.getRawQuery() == null ? "" : "?" + r.getRawQuery());
        } catch (URISyntaxException e) {
            return fallback;
        }
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
