package dev.podsift.web;

import dev.podsift.digest.DigestRenderer;
import dev.podsift.digest.Html;
import dev.podsift.model.Segment;
import dev.podsift.model.Transcript;
import dev.podsift.store.StoredInsight;
import java.util.ArrayList;
import java.util.List;

/** An episode's transcript as lines, with the lines inside one of its insights marked (and anchored by insight). */
public final class EpisodeView {
    /** One transcript line; {@code anchor} is "i{insightId}" on an insight's first line, else "t{seconds}". */
    public record Line(String at, String listenUrl, String speaker, String text, boolean insight, String anchor) {
    }

    private EpisodeView() {
    }

    static List<Line> lines(Transcript t, List<StoredInsight> insights, String audioUrl) {
        String audio = Html.safeUrl(audioUrl);
        if (audio != null && audio.indexOf('#') >= 0) {
            audio = audio.substring(0, audio.indexOf('#'));
        }
        List<Line> out = new ArrayList<>();
        java.util.Set<Long> anchored = new java.util.HashSet<>();
        for (Segment s : t.segments()) {
            StoredInsight hit = null;
            for (StoredInsight i : insights) {
                var in = i.insight();
                if (s.start() < in.endSeconds() - 0.01 && s.end() > in.startSeconds() + 0.01) {
                    hit = i;
                    break;
                }
            }
            String anchor = hit != null && anchored.add(hit.id()) ? "i" + hit.id() : "t" + (long) s.start();
            out.add(new Line(DigestRenderer.timestamp(s.start()), audio == null ? null
                    : audio + "#t=" + (long) Math.floor(s.start()), s.speaker(), s.text(), hit != null, anchor));
        }
        return out;
    }
}
