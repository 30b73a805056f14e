package dev.podsift.net;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;

/**
 * The per-hop rules for one request whose redirects we follow ourselves: every hop is checked by the address policy,
 * at most {@link #MAX} redirects, no loops, no step down from https to http, and only to http(s) URLs. Also tells
 * where the resource moved when every redirect on the way was permanent (301/308).
 */
final class Redirects {
    static final int MAX = 5;
    private final String url;
    private final AddressPolicy policy;
    private final Set<URI> seen = new HashSet<>();
    private int followed;
    private boolean permanent = true;
    private URI movedTo;

    /** The rules for a request to {@code url} (named in the errors). */
    Redirects(String url, AddressPolicy policy) {
        this.url = url;
        this.policy = policy;
    }

    /** Checks a hop before it is requested: the policy must allow its address, and it must be new to this request. */
    void check(URI hop) throws FeedException {
        policy.check(hop);
        if (!seen.add(hop)) {
            throw new FeedException("redirect loop: " + url + " leads back to " + hop);
        }
    }

    /** True when a response with this status and Location header is a redirect to follow. */
    static boolean isRedirect(int status, String location) {
        return (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) && location != null;
    }

    /** Where the redirect from {@code from} leads, or a {@link FeedException} saying why it is not followed. */
    URI next(URI from, int status, String location) throws FeedException {
        if (followed >= MAX) {
            throw new FeedException("more than " + MAX + " redirects from " + url);
        }
        followed++;
        URI next;
        try {
            // only ever to the network: a Location of file:… or FILE:… is refused, HTTP://… read as http://…
            next = Address.remote(from.resolve(location.trim()).toString()).url();
        } catch (IllegalArgumentException e) {
            throw new FeedException(from + " redirects to an invalid URL '" + location + "'");
        } catch (FeedException e) {
            throw new FeedException(from + " redirects to " + location.trim() + ", which is not an http(s) "
                    + "URL: refused");
        }
        if ("https".equalsIgnoreCase(from.getScheme()) && "http".equalsIgnoreCase(next.getScheme())) {
            throw new FeedException(from + " redirects from https down to http (" + next + "): refused");
        }
        // 301/308 move the feed for good (the stored URL follows); 302/303/307 are for this request only
        permanent = permanent && (status == 301 || status == 308);
        movedTo = permanent ? next : movedTo;
        return next;
    }

    /** The URL the redirects followed so far moved the resource to for good, or null unless all were permanent. */
    URI movedTo() {
        return permanent ? movedTo : null;
    }
}
