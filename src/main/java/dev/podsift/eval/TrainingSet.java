package dev.podsift.eval;

import dev.podsift.insight.InsightExtractor;
import dev.podsift.insight.ModelTrainer;
import dev.podsift.model.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns labelled episodes into training examples: every candidate window is an insight when it is mostly a
 * labelled insight, not one when it touches no labelled insight, and is left out when in between (a lesson with
 * chit-chat around it teaches nothing clear) or past where the episode was labelled.
 */
public final class TrainingSet {
    private final InsightExtractor extractor;

    public TrainingSet(InsightExtractor extractor) {
        this.extractor = extractor;
    }

    public List<ModelTrainer.Example> examples(EvalEpisode episode, Transcript transcript) {
        InsightExtractor.Candidates all = extractor.candidates(transcript);
        List<int[]> labels = new ArrayList<>();
        for (EvalEpisode.Label l : episode.insights()) {
            String q = l.quote().replaceAll("\\s+", " ").trim();
            int at = all.plain().indexOf(q);
            if (at >= 0) {
                labels.add(new int[] {at, at + q.length()});
            }
        }
        double until = episode.labelledUntil() == null ? Double.MAX_VALUE : episode.labelledUntil();
        List<ModelTrainer.Example> out = new ArrayList<>();
        for (InsightExtractor.Candidate c : all.windows()) {
            if (c.wide() || all.sentences().get(c.from()).start() > until) {
                continue;
            }
            int from = all.sentences().get(c.from()).charStart();
            int to = all.sentences().get(c.to() - 1).charEnd();
            int best = 0;
            int labelLength = 1;
            for (int[] l : labels) {
                int overlap = Math.max(0, Math.min(to, l[1]) - Math.max(from, l[0]));
                if (overlap > best) {
                    best = overlap;
                    labelLength = l[1] - l[0];
                }
            }
            boolean insight = best > 0 && (best >= 0.5 * (to - from) || best >= 0.8 * labelLength && to - from < 3 * labelLength);
            if (best > 0 && !insight) {
                continue;
            }
            out.add(new ModelTrainer.Example(c.features(), all.embedding(c), insight));
        }
        return out;
    }
}
