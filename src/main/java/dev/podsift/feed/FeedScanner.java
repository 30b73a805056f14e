package dev.podsift.feed;

import dev.podsift.model.Feed;
import dev.podsift.model.FeedEpisode;
import dev.podsift.model.Stage;
import dev.podsift.model.TranscriptLink;
import dev.podsift.net.Address;
import dev.podsift.net.FeedException;
import dev.podsift.net.Fetcher;
import dev.podsift.store.EpisodeStore;
import dev.podsift.store.PodcastStore;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredPodcast;
import dev.podsift.transcript.TranscriptParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Scans one followed feed: fetches and parses it, stores episodes it has not seen before, and decides which are
 * worth processing. On a feed's first scan only the latest {@code backlog} episodes are queued (the rest are
 * remembered as SKIPPED so they never count as new); with {@code since}, everything published since then is queued.
 *
 * <p>Polling is polite: a conditional GET with the last ETag / Last-Modified (a 304 costs nothing), the next poll
 * no sooner than the interval or Cache-Control's max-age (capped at a day), 429/503 wait for Retry-After, errors
 * back off (interval × 2, × 4 … up to a day). A 301/308 moves the stored URL; 302/307 do not; a feed's
 * {@code itunes:new-feed-url} moves it too, unless the new address is not http(s), is refused by the address
 * policy, is already followed, or points back to where the feed came from (two feeds naming each other).
 */
public final class FeedScanner {
    private final Fetcher fetcher;
    private final FeedParser parser;
    private final PodcastStore podcasts;
    private final EpisodeStore episodes;
    private final int backlog;
    private final java.time.Duration interval;
    private final java.time.InstantSource clock;
    private final int maxItems;
    private final StormPolicy storms;
    /** The longest wait between polls, whatever the server or the back-off says. */
    static final java.time.Duration MAX_WAIT = java.time.Duration.ofDays(1);

    /** What one scan found: the feed's title, how many episodes were queued, or the error that stopped it. */
    public record Result(StoredPodcast podcast, String title, int queued, String error) {
    }

    public FeedScanner(Fetcher fetcher, FeedParser parser, PodcastStore podcasts, EpisodeStore episodes, int backlog) {
        this(fetcher, parser, podcasts, episodes, backlog, java.time.Duration.ofHours(1), java.time.Clock.systemUTC(),
                5000, 10);
    }

    /** With the poll interval (PODSIFT_POLL_MINUTES) and the clock that times the next poll. */
    public FeedScanner(Fetcher fetcher, FeedParser parser, PodcastStore podcasts, EpisodeStore episodes, int backlog,
                       java.time.Duration interval, java.time.InstantSource clock, int maxItems, int maxNew) {
        this.maxItems = maxItems;
        this.storms = new StormPolicy(maxNew);
        this.interval = interval;
        this.clock = clock;
        this.fetcher = fetcher;
        this.parser = parser;
        this.podcasts = podcasts;
        this.episodes = episodes;
        this.backlog = backlog;
    }

    /** Reads the feed at {@code ref} (URL or path) without storing anything; at most the newest cap of items. */
    public Feed read(String ref) throws FeedException {
        Fetcher.Fetched f = fetcher.fetch(ref);
        return parser.parse(f.body(), f.charset(), f.url(), maxItems).feed();
    }

    /** Scans {@code podcast}; a failure is recorded on the podcast and returned, never thrown. */
    public Result scan(StoredPodcast podcast, Instant since) throws StoreException {
        PodcastStore.PollState state = podcasts.pollState(podcast.id());
        Instant now = clock.instant();
        String url = podcast.url();
        FeedParser.Read read;
        String redirectedTo = null;
        Fetcher.Validators validators = Fetcher.Validators.NONE;
        java.time.Duration wait = interval;
        try {
            if (Fetcher.isLocal(url)) {
                Fetcher.Fetched f = fetcher.fetch(url);
                read = parser.parse(f.body(), f.charset(), f.url(), maxItems);
            } else {
                // a deliberate re-run (--since) reads the whole feed again: no validators
                Fetcher.Polled polled = fetcher.poll(url, since == null
                        ? new Fetcher.Validators(state.etag(), state.lastModified()) : Fetcher.Validators.NONE);
                if (polled.movedTo() != null && podcasts.moveTo(podcast.id(), polled.movedTo().toString())) {
                    url = polled.movedTo().toString();
                } else if (polled.movedTo() != null) {
                    redirectedTo = polled.movedTo().toString(); // moved for good to a feed stored already
                }
                if (polled.maxAge() != null && polled.maxAge().compareTo(wait) > 0) {
                    wait = min(polled.maxAge(), MAX_WAIT);
                }
                validators = polled.validators();
                if (polled.notModified()) {
                    podcasts.recordPoll(podcast.id(), validators.etag(), validators.lastModified(), now.plus(wait), 0);
                    podcasts.recordScan(podcast.id(), null, null, null);
                    return new Result(podcast, podcast.title(), 0, null);
                }
                read = parser.parse(polled.fetched().body(), polled.fetched().charset(), polled.fetched().url(),
                        maxItems);
            }
        } catch (Fetcher.Throttled e) {
            int errors = state.errorCount() + 1;
            java.time.Duration after = e.retryAfter() == null ? backoff(errors) : max(e.retryAfter(), interval);
            podcasts.recordPoll(podcast.id(), state.etag(), state.lastModified(), now.plus(min(after, MAX_WAIT)), errors);
            podcasts.recordScan(podcast.id(), null, null, e.getMessage());
            return new Result(podcast, podcast.title(), 0, e.getMessage());
        } catch (FeedException e) {
            int errors = state.errorCount() + 1;
            podcasts.recordPoll(podcast.id(), state.etag(), state.lastModified(), now.plus(backoff(errors)), errors);
            podcasts.recordScan(podcast.id(), null, null, e.getMessage());
            return new Result(podcast, podcast.title(), 0, e.getMessage());
        }
        Feed feed = read.feed();
        if (!Fetcher.isLocal(url)) {
            // one podcast per feed: the same feed under another address (http and https, a permanent redirect,
            // the address the feed gives for itself or says it moved to) is merged into the one stored
            java.util.List<String> names = new java.util.ArrayList<>(java.util.Arrays.asList(url, redirectedTo,
                    feed.selfUrl(), feed.newUrl()));
            Optional<StoredPodcast> same = podcasts.sameFeed(podcast.id(), names);
            if (same.isPresent()) {
                podcasts.mergeInto(podcast.id(), same.get().id());
                podcasts.recordPoll(podcast.id(), validators.etag(), validators.lastModified(), now.plus(wait), 0);
                podcasts.recordScan(podcast.id(), feed.title(), feed.link(), "the same feed as " + same.get().url()
                        + ": merged into it, its followers follow that one");
                return new Result(podcast, feed.title(), 0, null);
            }
        }
        // a feed listing more than the cap (a storm, or a runaway generator): the parser kept the newest, noted here
        String capped = read.listed() <= maxItems ? null : "the feed lists " + read.listed() + " items; only the newest "
                + maxItems + " were read (PODSIFT_MAX_FEED_ITEMS)";
        boolean firstScan = episodes.count(podcast.id()) == 0;
        Set<String> queue = chooseQueued(feed.episodes(), since, firstScan);
        String storm = null;
        if (!firstScan && since == null) {
            StormPolicy.Decision d = stormCheck(podcast.id(), feed.episodes());
            queue.removeAll(d.reissued());
            queue.removeAll(d.heldBack());
            storm = d.note();
        }
        Feed parsed = feed;
        int queued = episodes.batch(() -> {
            int n = 0;
            Set<String> seen = new HashSet<>();
            for (FeedEpisode e : parsed.episodes()) {
                if (!seen.add(e.identity())) {
                    continue; // a duplicate guid in the feed: the first occurrence wins
                }
                Stage stage = queue.contains(e.identity()) ? Stage.NEW : Stage.SKIPPED;
                if (episodes.insertIfAbsent(podcast.id(), e, bestTranscript(e), stage).isPresent()
                        && stage == Stage.NEW) {
                    n++;
                }
            }
            return n;
        });
        String moved = Fetcher.isLocal(url) ? null : moveToNewFeedUrl(podcast.id(), url, feed.newUrl(), state);
        if (storm != null) {
            podcasts.recordStorm(podcast.id(), storm);
        }
        String note = join(join(storm, capped), moved);
        podcasts.recordPoll(podcast.id(), validators.etag(), validators.lastModified(), now.plus(wait), 0);
        podcasts.recordScan(podcast.id(), feed.title(), feed.link(), note);
        return new Result(podcast, feed.title(), queued, null);
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }

    /** The storm policy's decision on the episodes of {@code all} that are not stored yet. */
    private StormPolicy.Decision stormCheck(long podcastId, List<FeedEpisode> all) throws StoreException {
        List<EpisodeStore.Seen> seen = episodes.seen(podcastId);
        Set<String> stored = new HashSet<>();
        List<StormPolicy.Known> known = new ArrayList<>();
        for (EpisodeStore.Seen s : seen) {
            stored.add(s.identity());
            known.add(new StormPolicy.Known(s.enclosureUrl(), s.title(), s.published()));
        }
        List<FeedEpisode> fresh = new ArrayList<>();
        Set<String> once = new HashSet<>();
        for (FeedEpisode e : all) {
            if (!stored.contains(e.identity()) && once.add(e.identity())) {
                fresh.add(e);
            }
        }
        return storms.decide(fresh, known);
    }

    /** Follows {@code itunes:new-feed-url} when it is safe; returns why not (kept as the feed's note), or null. */
    private String moveToNewFeedUrl(long id, String url, String newUrl, PodcastStore.PollState state)
            throws StoreException {
        if (newUrl == null || newUrl.isBlank() || newUrl.strip().equals(url)) {
            return null;
        }
        String target = newUrl.strip();
        String refused = null;
        if (!Address.isNetwork(target)) {
            refused = "not an http(s) URL"; // never a local path, whatever its spelling
        } else if ((target = addressOrSelf(target)).equals(state.previousUrl())) {
            refused = "it points back to " + target + ", which moved here: two feeds naming each other";
        } else {
            try {
                fetcher.check(target);
            } catch (FeedException e) {
                refused = e.getMessage();
            }
        }
        if (refused == null && !podcasts.moveTo(id, target)) {
            refused = "that feed is already followed";
        }
        return refused == null ? null : "itunes:new-feed-url " + target + " not followed: " + refused;
    }

    /** The URL as {@link Address} spells it (scheme in lower case); as given when it does not parse. */
    private static String addressOrSelf(String url) {
        try {
            return Address.remote(url).toString();
        } catch (FeedException e) {
            return url; // the policy check that follows names the fault
        }
    }

    /** interval × 2^(errors−1), at most a day. */
    java.time.Duration backoff(int errors) {
        java.time.Duration d = interval.multipliedBy(1L << Math.min(Math.max(errors - 1, 0), 10));
        return min(d, MAX_WAIT);
    }

    private static java.time.Duration min(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static java.time.Duration max(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private Set<String> chooseQueued(List<FeedEpisode> all, Instant since, boolean firstScan) {
        Set<String> out = new HashSet<>();
        if (since != null) {
            for (FeedEpisode e : all) {
                if (e.published() != null && !e.published().isBefore(since)) {
                    out.add(e.identity());
                }
            }
            return out;
        }
        if (!firstScan) {
            for (FeedEpisode e : all) {
                out.add(e.identity());
            }
            return out;
        }
        List<FeedEpisode> sorted = new ArrayList<>(all);
        // newest first; undated episodes count as older than any dated one
        sorted.sort(Comparator.comparing(FeedEpisode::published, Comparator.nullsFirst(Comparator.naturalOrder()))
                .reversed());
        for (int i = 0; i < Math.min(backlog, sorted.size()); i++) {
            out.add(sorted.get(i).identity());
        }
        return out;
    }

    /** The publisher transcript with the most precise timing (JSON > WebVTT > SRT > HTML > text), or null. */
    static TranscriptLink bestTranscript(FeedEpisode e) {
        TranscriptLink best = null;
        for (TranscriptLink t : e.transcripts()) {
            if (best == null || TranscriptParser.preference(typeOf(t)) < TranscriptParser.preference(typeOf(best))) {
                best = t;
            }
        }
        return best;
    }

    private static String typeOf(TranscriptLink t) {
        if (t.type() != null) {
            return t.type();
        }
        String u = t.url().toLowerCase(java.util.Locale.ROOT);
        return u.endsWith(".json") ? "application/json" : u.endsWith(".vtt") ? "text/vtt"
                : u.endsWith(".srt") ? "application/srt" : u.endsWith(".html") ? "text/html" : "text/plain";
    }
}
