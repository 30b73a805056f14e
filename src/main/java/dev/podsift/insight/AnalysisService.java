package dev.podsift.insight;

import dev.podsift.model.Transcript;
import dev.podsift.store.EpisodeStore;
import dev.podsift.store.InsightStore;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredEpisode;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Moves a TRANSCRIBED episode to ANALYZED: extracts its insights and stores them. One episode's analysis is bounded:
 * at most {@code maxSentences} of its transcript are read (the episode notes it when there were more), and it stops
 * after {@code timeLimit} (the episode fails with that reason).
 */
public final class AnalysisService {
    private final InsightExtractor extractor;
    private final EpisodeStore episodes;
    private final InsightStore insights;
    private final int perEpisode;
    private final int maxSentences;
    private final Duration timeLimit;
    private final InstantSource clock;

    public AnalysisService(InsightExtractor extractor, EpisodeStore episodes, InsightStore insights, int perEpisode,
                           int maxSentences, Duration timeLimit, InstantSource clock) {
        this.extractor = extractor;
        this.episodes = episodes;
        this.insights = insights;
        this.perEpisode = perEpisode;
        this.maxSentences = maxSentences;
        this.timeLimit = timeLimit;
        this.clock = clock;
    }

    /** Analyzes one episode; returns null on success, else the failure reason (already stored). */
    public String analyze(StoredEpisode e) throws StoreException {
        Optional<Transcript> t = episodes.transcript(e.id());
        if (t.isEmpty()) {
            String reason = "episode is TRANSCRIBED but its transcript is missing";
            episodes.markFailed(e.id(), reason);
            return reason;
        }
        InsightExtractor.Extraction found;
        try {
            found = extractor.extract(t.get(), perEpisode, new InsightExtractor.Limits(maxSentences,
                    new Deadline(clock, clock.instant().plus(timeLimit))));
        } catch (Deadline.Passed tooLong) {
            episodes.markFailed(e.id(), tooLong.getMessage());
            return tooLong.getMessage();
        }
        if (found.insights().isEmpty()) {
            String reason = "no sentences to extract insights from";
            episodes.markFailed(e.id(), reason);
            return reason;
        }
        insights.saveAnalysis(e.id(), found.insights(), found.truncated() ? note(found) : null);
        return null;
    }

    private static String note(InsightExtractor.Extraction found) {
        return "analysed the first " + found.analysed() + " of " + found.sentences() + " sentences (the limit, "
                + "PODSIFT_MAX_ANALYSED_SENTENCES); the rest of this very long transcript was not read";
    }
}
