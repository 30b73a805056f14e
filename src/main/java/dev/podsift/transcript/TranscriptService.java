package dev.podsift.transcript;

import dev.podsift.feed.FeedDecoder;
import dev.podsift.feed.FeedException;
import dev.podsift.feed.Fetcher;
import dev.podsift.model.Transcript;
import dev.podsift.store.EpisodeStore;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredEpisode;

/**
 * Gets a transcript for a NEW episode: the publisher's own, named by {@code <podcast:transcript>}. An episode
 * without one, or whose transcript cannot be fetched or read, is marked FAILED with the reason.
 */
public final class TranscriptService {
    private final Fetcher fetcher;
    private final TranscriptParser parser;
    private final EpisodeStore episodes;

    public TranscriptService(Fetcher fetcher, TranscriptParser parser, EpisodeStore episodes) {
        this.fetcher = fetcher;
        this.parser = parser;
        this.episodes = episodes;
    }

    /** Transcribes one episode; returns null on success, else the failure reason (already stored). */
    public String transcribe(StoredEpisode e, String feedRef) throws StoreException {
        String reason = null;
        if (e.transcriptUrl() == null) {
            reason = "no publisher transcript in the feed (speech recognition is not available yet)";
        } else if (!Fetcher.isLocal(feedRef) && Fetcher.isLocal(e.transcriptUrl())) {
            reason = "transcript URL '" + e.transcriptUrl() + "' is not http(s): a remote feed cannot name a local file";
        } else {
            try {
                Fetcher.Fetched f = fetcher.fetch(e.transcriptUrl());
                String text = FeedDecoder.decodeText(f.body(), f.charset());
                Transcript t = parser.parse(text, hint(e, f));
                episodes.markTranscribed(e.id(), e.transcriptUrl(), t);
                return null;
            } catch (FeedException | TranscriptException ex) {
                reason = "transcript " + e.transcriptUrl() + ": " + ex.getMessage();
            }
        }
        episodes.markFailed(e.id(), reason);
        return reason;
    }

    private static String hint(StoredEpisode e, Fetcher.Fetched f) {
        if (e.transcriptType() != null) {
            return e.transcriptType();
        }
        return f.contentType() != null ? f.contentType() : e.transcriptUrl();
    }
}
