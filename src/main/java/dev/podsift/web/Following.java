package dev.podsift.web;

import dev.podsift.app.App;
import dev.podsift.feed.Opml;
import dev.podsift.net.Address;
import dev.podsift.net.AddressPolicy;
import dev.podsift.net.FeedException;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredPodcast;
import dev.podsift.store.Subscriber;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Following feeds by URL, one at a time or from an OPML file. A request never reads the feed: it checks the address,
 * records the follow and queues the read for the background workers (the settings page shows each feed's state).
 * New feeds are metered: per subscriber, and per target host across everyone, so the server cannot be made to
 * hammer someone else's server.
 */
final class Following {
    /** New feeds a subscriber may add per 10 minutes. */
    static final int NEW_FEEDS = 20;
    /** Feeds nobody followed before that may be added on one host per 10 minutes, by everyone together. */
    static final int NEW_FEEDS_PER_HOST = 30;

    /** What an OPML import did. */
    record Imported(int added, int already, int deferred, List<String> refused) {
    }

    private final App app;
    private final LongConsumer readSoon;
    private final RateLimiter perSubscriber;
    private final RateLimiter perHost;

    Following(App app, LongConsumer readSoon) {
        this.app = app;
        this.readSoon = readSoon;
        this.perSubscriber = new RateLimiter(NEW_FEEDS, Duration.ofMinutes(10), app.clock());
        this.perHost = new RateLimiter(NEW_FEEDS_PER_HOST, Duration.ofMinutes(10), app.clock());
    }

    /** Follows {@code url} (checked, metered) and queues its first read; returns the podcast as stored. */
    StoredPodcast follow(Subscriber s, String given) throws StoreException {
        URI uri = checked(withScheme(given));
        String url = uri.toString();
        // an address found to be another stored feed's follows that one
        Optional<StoredPodcast> known = app.podcasts().findOrAlias(url);
        if (known.isPresent() && follows(s, known.get().id())) {
            return known.get();
        }
        if (!perSubscriber.allow("feed:" + s.id())) {
            throw new Refused(HttpStatus.TOO_MANY_REQUESTS, "Too many feeds added at once: at most " + NEW_FEEDS
                    + " per 10 minutes. Try again in 10 minutes.");
        }
        if (known.isEmpty() && !perHost.allow("host:" + uri.getHost().toLowerCase(Locale.ROOT))) {
            throw new Refused(HttpStatus.TOO_MANY_REQUESTS, "Many new feeds on " + uri.getHost() + " were added "
                    + "just now. Try again in 10 minutes.");
        }
        long id = known.isPresent() ? known.get().id() : app.podcasts().add(url);
        app.subscribers().follow(s.id(), id);
        if (known.isEmpty() || known.get().lastCheckedAt() == null) {
            readSoon.accept(id);
        }
        return app.podcasts().findOrAlias(url).orElseThrow();
    }

    /** Follows every feed of an OPML file, as far as the meter allows; the rest can be imported again later. */
    Imported importAll(Subscriber s, List<Opml.Outline> outlines) throws StoreException {
        int added = 0;
        int already = 0;
        int deferred = 0;
        List<String> refused = new ArrayList<>();
        for (Opml.Outline o : outlines) {
            try {
                Optional<StoredPodcast> known = app.podcasts().findOrAlias(stored(o.url()));
                if (known.isPresent() && follows(s, known.get().id())) {
                    already++;
                    continue;
                }
                StoredPodcast p = follow(s, o.url());
                if (p.title() == null && o.title() != null && !o.title().isBlank()) {
                    // the file's own name for the show, until the feed is read
                    app.podcasts().nameIfUnnamed(p.id(), o.title().strip());
                }
                added++;
            } catch (Refused e) {
                if (e.status == HttpStatus.TOO_MANY_REQUESTS) {
                    deferred++;
                } else {
                    refused.add(o.url() + ": " + e.getMessage());
                }
            }
        }
        return new Imported(added, already, deferred, refused);
    }

    private boolean follows(Subscriber s, long podcastId) throws StoreException {
        return app.subscribers().follows(s.id(), podcastId);
    }

    /** The form a URL is stored in (its scheme in lower case), or the text itself when it is not a URL. */
    private static String stored(String url) {
        try {
            return Address.isNetwork(url) ? Address.remote(url).toString() : url;
        } catch (FeedException e) {
            return url;
        }
    }

    /** "example.com/feed.xml", as people paste it from a show's page, is "https://example.com/feed.xml". */
    static String withScheme(String url) {
        if (!url.contains("://") && url.matches("[A-Za-z0-9][A-Za-z0-9-]*(\\.[A-Za-z0-9-]+)+(:\\d+)?(/\\S*)?")) {
            return "https://" + url;
        }
        return url;
    }

    /**
     * An http(s) URL (the scheme in any case, stored in lower case: one {@link Address} decides network or file)
     * whose host is not a private address (unless the operator allows those).
     */
    private URI checked(String url) {
        if (url.isEmpty() || url.length() > 2000 || !Address.isNetwork(url)) {
            // never a local path: the server's files are not the user's to read
            throw new Refused(HttpStatus.BAD_REQUEST, "Give a feed URL starting with http:// or https://.");
        }
        URI uri;
        try {
            uri = Address.remote(url).url();
        } catch (FeedException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, "That is not a URL: " + url);
        }
        if (uri.getHost() == null) {
            throw new Refused(HttpStatus.BAD_REQUEST, "Give a feed URL with a host name: " + url);
        }
        try {
            AddressPolicy.of(app.config().allowPrivateNetworks()).check(uri);
            return uri;
        } catch (FeedException e) {
            throw new Refused(HttpStatus.UNPROCESSABLE_CONTENT, "Cannot follow " + url + ": " + e.getMessage());
        }
    }
}
