package dev.podsift.net;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A feed, transcript or audio reference read once: a network URL (scheme http or https, in any case; kept with
 * its scheme in lower case) or a local file (a {@code file:} URI or a path). Every place that chooses between the
 * network and the disk asks this, so {@code HTTP://host/feed} cannot be a URL to one check and a path to another.
 * What a remote party supplies (a redirect, {@code itunes:new-feed-url}, a feed's links) goes through
 * {@link #remote}, which only ever gives a network URL.
 */
public final class Address {
    private final URI url;
    private final Path path;

    private Address(URI url, Path path) {
        this.url = url;
        this.path = path;
    }

    /** A reference an operator gave (command line, OPML on disk): an http(s) URL, a file: URI or a path. */
    public static Address of(String ref) throws FeedException {
        String r = ref.strip();
        if (isNetwork(r)) {
            return remote(r);
        }
        try {
            return new Address(null, "file".equals(scheme(r)) ? Path.of(URI.create("file" + r.substring(4)))
                    : Path.of(r));
        } catch (IllegalArgumentException e) { // a malformed file: URI or an impossible path
            throw new FeedException("'" + ref + "' is neither an http(s) URL nor a readable file path");
        }
    }

    /** A reference from the network (a redirect, a feed's new address or links): an http(s) URL or an error. */
    public static Address remote(String ref) throws FeedException {
        String r = ref.strip();
        if (!isNetwork(r)) {
            throw new FeedException("'" + ref + "' is not an http(s) URL");
        }
        try {
            return new Address(URI.create(scheme(r) + r.substring(r.indexOf(':'))), null);
        } catch (IllegalArgumentException e) {
            throw new FeedException("invalid URL '" + ref + "': " + e.getMessage());
        }
    }

    /** True when {@code ref}'s scheme is http or https, in any case: the network, never the disk. */
    public static boolean isNetwork(String ref) {
        String s = scheme(ref.strip());
        return s.equals("http") || s.equals("https");
    }

    /** The scheme before the first colon, lower case; empty when there is none (a path). */
    private static String scheme(String ref) {
        int colon = ref.indexOf(':');
        if (colon < 1) {
            return "";
        }
        for (int i = 0; i < colon; i++) {
            char c = ref.charAt(i);
            boolean ok = c < 128 && (Character.isLetter(c) || i > 0 && (Character.isDigit(c) || c == '+' || c == '-'
                    || c == '.'));
            if (!ok) {
                return "";
            }
        }
        return ref.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    public boolean isLocal() {
        return path != null;
    }

    /** The URL of a network address (null for a local one). */
    public URI url() {
        return url;
    }

    /** The file of a local address (null for a network one). */
    public Path path() {
        return path;
    }

    /** The URL (scheme in lower case) or the path. */
    @Override
    public String toString() {
        return url != null ? url.toString() : path.toString();
    }
}
