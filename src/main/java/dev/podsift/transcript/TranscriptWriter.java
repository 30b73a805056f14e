package dev.podsift.transcript;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podsift.asr.Word;
import dev.podsift.model.Segment;
import dev.podsift.model.Transcript;
import java.util.List;
import java.util.Locale;

/**
 * Writes a transcript out: plain text (one sentence a line), WebVTT, SRT, or Podcasting 2.0 JSON (sentence
 * segments, plus the recogniser's words with their times and confidence when there are any). Each format reads
 * back with {@link TranscriptParser}.
 */
public final class TranscriptWriter {
    public enum Format { TXT, VTT, SRT, JSON }

    private static final ObjectMapper JSON = new ObjectMapper();

    public String write(Transcript t, List<Word> words, Format format) {
        return switch (format) {
            case TXT -> txt(t);
            case VTT -> cues(t, true);
            case SRT -> cues(t, false);
            case JSON -> json(t, words);
        };
    }

    private static String txt(Transcript t) {
        StringBuilder sb = new StringBuilder();
        for (Segment s : t.segments()) {
            sb.append(s.text()).append('\n');
        }
        return sb.toString();
    }

    private static String cues(Transcript t, boolean vtt) {
        StringBuilder sb = new StringBuilder(vtt ? "WEBVTT\n\n" : "");
        int n = 0;
        for (Segment s : t.segments()) {
            if (!vtt) {
                sb.append(++n).append('\n');
            }
            sb.append(time(s.start(), vtt)).append(" --> ").append(time(Math.max(s.end(), s.start()), vtt)).append('\n')
                    .append(s.text().replace("-->", "->")).append("\n\n");
        }
        return sb.toString();
    }

    private static String json(Transcript t, List<Word> words) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0.0");
        ArrayNode segs = root.putArray("segments");
        for (Segment s : t.segments()) {
            ObjectNode o = segs.addObject();
            if (s.speaker() != null) {
                o.put("speaker", s.speaker());
            }
            o.put("startTime", round(s.start())).put("endTime", round(s.end())).put("body", s.text());
        }
        if (!words.isEmpty()) {
            ArrayNode ws = root.putArray("words");
            for (Word w : words) {
                ws.addObject().put("word", w.text()).put("start", round(w.start())).put("end", round(w.end()))
                        .put("confidence", Math.round(w.confidence() * 1000) / 1000.0);
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a transcript always encodes", e);
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    /** 3725.5 → "01:02:05.500" (WebVTT) or "01:02:05,500" (SRT). */
    static String time(double seconds, boolean vtt) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%s%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                vtt ? "." : ",", ms % 1000);
    }
}
