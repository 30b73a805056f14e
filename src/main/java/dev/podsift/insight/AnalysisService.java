package dev.podsift.insight;

import dev.podsift.model.Insight;
import dev.podsift.model.Transcript;
import dev.podsift.store.EpisodeStore;
import dev.podsift.store.InsightStore;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredEpisode;
import java.util.List;
import java.util.Optional;

/** Moves a TRANSCRIBED episode to ANALYZED: extracts its insights and stores them. */
public final class AnalysisService {
    private final InsightExtractor extractor;
    private final EpisodeStore episodes;
    private final InsightStore insights;
    private final int perEpisode;

    public AnalysisService(InsightExtractor extractor, EpisodeStore episodes, InsightStore insights, int perEpisode) {
        this.extractor = extractor;
        this.episodes = episodes;
        this.insights = insights;
        this.perEpisode = perEpisode;
    }

    /** Analyzes one episode; returns null on success, else the failure reason (already stored). */
    public String analyze(StoredEpisode e) throws StoreException {
        Optional<Transcript> t = episodes.transcript(e.id());
        if (t.isEmpty()) {
            String reason = "episode is TRANSCRIBED but its transcript is missing";
            episodes.markFailed(e.id(), reason);
            return reason;
        }
        List<Insight> found = extractor.extract(t.get(), perEpisode);
        if (found.isEmpty()) {
            String reason = "no sentences to extract insights from";
            episodes.markFailed(e.id(), reason);
            return reason;
        }
        insights.saveAnalysis(e.id(), found);
        return null;
    }
}
