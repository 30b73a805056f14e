package dev.podsift.transcript;

import dev.podsift.asr.AsrException;
import dev.podsift.asr.SpeechService;
import dev.podsift.asr.Transcriber;
import dev.podsift.feed.FeedDecoder;
import dev.podsift.feed.FeedException;
import dev.podsift.feed.Fetcher;
import dev.podsift.model.Transcript;
import dev.podsift.store.EpisodeStore;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredEpisode;

/**
 * Gets a transcript for a NEW episode: the publisher's own, named by {@code <podcast:transcript>}, else speech
 * recognition of its audio (unless PODSIFT_ASR=off). An episode whose transcript cannot be had is marked FAILED
 * with the reason.
 */
public final class TranscriptService {
    private final Fetcher fetcher;
    private final TranscriptParser parser;
    private final EpisodeStore episodes;
    private final SpeechService speech;

    public TranscriptService(Fetcher fetcher, TranscriptParser parser, EpisodeStore episodes, SpeechService speech) {
        this.fetcher = fetcher;
        this.parser = parser;
        this.episodes = episodes;
        this.speech = speech;
    }

    /** True when this episode's transcript must come from speech recognition. */
    public boolean needsSpeech(StoredEpisode e) {
        return e.transcriptUrl() == null && e.enclosureUrl() != null && speech.settings().enabled();
    }

    /** Transcribes one episode; returns null on success, else the failure reason (already stored). */
    public String transcribe(StoredEpisode e, String feedRef) throws StoreException {
        String reason = null;
        if (e.transcriptUrl() == null) {
            reason = recognise(e, feedRef);
            if (reason == null) {
                return null;
            }
        } else if (!Fetcher.isLocal(feedRef) && Fetcher.isLocal(e.transcriptUrl())) {
            reason = "transcript URL '" + e.transcriptUrl() + "' is not http(s): a remote feed cannot name a local file";
        } else {
            try {
                Fetcher.Fetched f = fetcher.fetch(e.transcriptUrl(), Fetcher.Kind.TRANSCRIPT);
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

    private String recognise(StoredEpisode e, String feedRef) throws StoreException {
        if (e.enclosureUrl() == null) {
            return "the feed gives neither a transcript nor audio for this episode";
        }
        if (!speech.settings().enabled()) {
            return "no publisher transcript in the feed, and speech recognition is off (PODSIFT_ASR=off)";
        }
        if (!Fetcher.isLocal(feedRef) && Fetcher.isLocal(e.enclosureUrl())) {
            return "audio URL '" + e.enclosureUrl() + "' is not http(s): a remote feed cannot name a local file";
        }
        try {
            Transcriber.Result r = speech.transcribe(e.enclosureUrl(), "episode-" + e.id() + ".audio", (a, b) -> { });
            episodes.markTranscribed(e.id(), r.source() + " " + e.enclosureUrl(), r.transcript());
            return null;
        } catch (AsrException ex) {
            return "speech recognition: " + ex.getMessage();
        }
    }

    private static String hint(StoredEpisode e, Fetcher.Fetched f) {
        if (e.transcriptType() != null) {
            return e.transcriptType();
        }
        return f.contentType() != null ? f.contentType() : e.transcriptUrl();
    }
}
