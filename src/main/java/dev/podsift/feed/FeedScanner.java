package dev.podsift.feed;

import dev.podsift.model.Feed;
import dev.podsift.model.FeedEpisode;
import dev.podsift.model.Stage;
import dev.podsift.model.TranscriptLink;
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
import java.util.Set;

/**
 * Scans one followed feed: fetches and parses it, stores episodes it has not seen before, and decides which are
 * worth processing. On a feed's first scan only the latest {@code backlog} episodes are queued (the rest are
 * remembered as SKIPPED so they never count as new); with {@code since}, everything published since then is queued.
 */
public final class FeedScanner {
    private final Fetcher fetcher;
    private final FeedParser parser;
    private final PodcastStore podcasts;
    private final EpisodeStore episodes;
    private final int backlog;

    /** What one scan found: the feed's title, how many episodes were queued, or the error that stopped it. */
    public record Result(StoredPodcast podcast, String title, int queued, String error) {
    }

    public FeedScanner(Fetcher fetcher, FeedParser parser, PodcastStore podcasts, EpisodeStore episodes, int backlog) {
        this.fetcher = fetcher;
        this.parser = parser;
        this.podcasts = podcasts;
        this.episodes = episodes;
        this.backlog = backlog;
    }

    /** Reads the feed at {@code ref} (URL or path) without storing anything. */
    public Feed read(String ref) throws FeedException {
        Fetcher.Fetched f = fetcher.fetch(ref);
        return parser.parse(FeedDecoder.decode(f.body(), f.charset()), f.url());
    }

    /** Scans {@code podcast}; a failure is recorded on the podcast and returned, never thrown. */
    public Result scan(StoredPodcast podcast, Instant since) throws StoreException {
        Feed feed;
        try {
            feed = read(podcast.url());
        } catch (FeedException e) {
            podcasts.recordScan(podcast.id(), null, null, e.getMessage());
            return new Result(podcast, podcast.title(), 0, e.getMessage());
        }
        boolean firstScan = episodes.count(podcast.id()) == 0;
        Set<String> queue = chooseQueued(feed.episodes(), since, firstScan);
        int queued = 0;
        Set<String> seen = new HashSet<>();
        for (FeedEpisode e : feed.episodes()) {
            if (!seen.add(e.identity())) {
                continue; // a duplicate guid in the feed: the first occurrence wins
            }
            Stage stage = queue.contains(e.identity()) ? Stage.NEW : Stage.SKIPPED;
            if (episodes.insertIfAbsent(podcast.id(), e, bestTranscript(e), stage).isPresent() && stage == Stage.NEW) {
                queued++;
            }
        }
        podcasts.recordScan(podcast.id(), feed.title(), feed.link(), null);
        return new Result(podcast, feed.title(), queued, null);
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
