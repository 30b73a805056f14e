package dev.podsift.transcript;

import dev.podsift.model.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects segments in order, filling unknown end times from the next start, and drops speech-recognition junk:
 * the repeated-token hallucination Whisper produces on music or silence (e.g. "Би Би Би …").
 */
final class SegmentBuilder {
    private final List<double[]> times = new ArrayList<>();
    private final List<String> speakers = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();

    /** Adds one segment; {@code end} may be NaN when the format gives only start times. */
    void add(double start, double end, String speaker, String text) {
        String t = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        if (t.isEmpty() || isHallucination(t)) {
            return;
        }
        times.add(new double[] {start, end});
        speakers.add(speaker == null || speaker.isBlank() ? null : speaker.trim());
        texts.add(t);
    }

    List<Segment> build() {
        List<Segment> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            double start = times.get(i)[0];
            double end = times.get(i)[1];
            if (Double.isNaN(end)) {
                double next = i + 1 < texts.size() ? times.get(i + 1)[0] : Double.NaN;
                // unknown end: the next start, or speaking time at ~2.5 words a second
                double spoken = start + Math.max(1, texts.get(i).split(" ").length / 2.5);
                end = Double.isNaN(next) || next < start ? spoken : next;
            }
            out.add(new Segment(start, Math.max(start, end), speakers.get(i), texts.get(i)));
        }
        return out;
    }

    /** True when one token makes up most of a long line: ASR looping on noise, not speech. */
    static boolean isHallucination(String text) {
        String[] tokens = text.toLowerCase().split("[\\s,.!?]+");
        if (tokens.length < 8) {
            return false;
        }
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        int max = 0;
        for (String tok : tokens) {
            if (!tok.isEmpty()) {
                max = Math.max(max, counts.merge(tok, 1, Integer::sum));
            }
        }
        return max >= 8 && max > tokens.length * 0.5;
    }
}
