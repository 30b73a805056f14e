package dev.podsift.transcript;

import dev.podsift.asr.AsrException;
import dev.podsift.asr.SpeechService;
import dev.podsift.asr.Transcriber;
import dev.podsift.model.Transcript;
import dev.podsift.net.FeedDecoder;
import dev.podsift.net.FeedException;
import dev.podsift.net.Fetcher;
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
    private final java.time.InstantSource clock;
    private final RetryPolicy retries = new RetryPolicy();

    public TranscriptService(Fetcher fetcher, TranscriptParser parser, EpisodeStore episodes, SpeechService speech,
                             java.time.InstantSource clock) {
        this.fetcher = fetcher;
        this.parser = parser;
        this.episodes = episodes;
        this.speech = speech;
        this.clock = clock;
    }

    /** Why an episode's transcript could not be had, and whether trying again later may help. */
    private record Failure(String reason, boolean temporary) {
    }

    /** True when this episode's transcript must come from speech recognition. */
    public boolean needsSpeech(StoredEpisode e) {
        return e.transcriptUrl() == null && e.enclosureUrl() != null && speech.settings().enabled();
    }

    /**
     * Transcribes one episode; returns null on success, else the failure reason (already stored). A temporary
     * failure leaves the episode NEW to be tried again after the {@link RetryPolicy}'s wait; the last try, or any
     * other failure, marks it FAILED.
     */
    public String transcribe(StoredEpisode e, String feedRef) throws StoreException {
        Failure failure;
        if (e.transcriptUrl() == null) {
            failure = recognise(e, feedRef);
        } else if (!Fetcher.isLocal(feedRef) && Fetcher.isLocal(e.transcriptUrl())) {
            failure = new Failure("transcript URL '" + e.transcriptUrl() + "' is not http(s): a remote feed cannot "
                    + "name a local file", false);
        } else {
            failure = publisherTranscript(e);
        }
        return failure == null ? null : record(e, failure);
    }

    private Failure publisherTranscript(StoredEpisode e) throws StoreException {
        try {
            Fetcher.Fetched f = fetcher.fetch(e.transcriptUrl(), Fetcher.Kind.TRANSCRIPT);
            String text = FeedDecoder.decodeText(f.body(), f.charset());
            Transcript t = parser.parse(text, hint(e, f));
            episodes.markTranscribed(e.id(), e.transcriptUrl(), t);
            return null;
        } catch (FeedException ex) {
            return new Failure("transcript " + e.transcriptUrl() + ": " + ex.getMessage(), ex.isTemporary());
        } catch (TranscriptException ex) {
            return new Failure("transcript " + e.transcriptUrl() + ": " + ex.getMessage(), false);
        }
    }

    /** Stores the failure: a retry later when it is temporary and tries are left, else FAILED. */
    private String record(StoredEpisode e, Failure failure) throws StoreException {
        String reason = failure.reason();
        if (failure.temporary()) {
            int tries = episodes.attempts(e.id()) + 1;
            java.time.Duration wait = retries.waitAfter(tries);
            if (wait != null) {
                String retry = reason + " (try " + tries + " of " + RetryPolicy.MAX_TRIES + "; tried again in "
                        + (wait.toHours() >= 1 ? wait.toHours() + " h" : wait.toMinutes() + " min") + ")";
                episodes.markRetry(e.id(), retry, clock.instant().plus(wait));
                return retry;
            }
            reason = reason + " (gave up after " + tries + " tries)";
        }
        episodes.markFailed(e.id(), reason);
        return reason;
    }

    private Failure recognise(StoredEpisode e, String feedRef) throws StoreException {
        if (e.enclosureUrl() == null) {
            return new Failure("the feed gives neither a transcript nor audio for this episode", false);
        }
        if (!speech.settings().enabled()) {
            return new Failure("no publisher transcript in the feed, and speech recognition is off (PODSIFT_ASR=off)",
                    false);
        }
        if (!Fetcher.isLocal(feedRef) && Fetcher.isLocal(e.enclosureUrl())) {
            return new Failure("audio URL '" + e.enclosureUrl() + "' is not http(s): a remote feed cannot name a "
                    + "local file", false);
        }
        try {
            Transcriber.Result r = speech.transcribe(e.enclosureUrl(), "episode-" + e.id() + ".audio", (a, b) -> { });
            episodes.markTranscribed(e.id(), r.source() + " " + e.enclosureUrl(), r.transcript());
            return null;
        } catch (AsrException ex) {
            return new Failure("speech recognition: " + ex.getMessage(), ex.isTemporary());
        }
    }

    private static String hint(StoredEpisode e, Fetcher.Fetched f) {
        if (e.transcriptType() != null) {
            return e.transcriptType();
        }
        return f.contentType() != null ? f.contentType() : e.transcriptUrl();
    }
}
