package dev.podsift.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.model.Segment;
import java.util.List;

/**
 * The Podcasting 2.0 JSON transcript ({@code {"segments":[{"speaker","startTime","endTime","body"}]}}). Publishers
 * often emit one segment per word; consecutive words of one speaker are joined into sentence-sized segments.
 */
final class JsonTranscriptParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonTranscriptParser() {
    }

    static List<Segment> parse(String content) throws TranscriptException {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new TranscriptException("not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode segments = root == null ? null : root.get("segments");
        if (segments == null || !segments.isArray()) {
            throw new TranscriptException("JSON without a \"segments\" array: not a Podcasting 2.0 transcript");
        }
        SegmentBuilder out = new SegmentBuilder();
        StringBuilder text = new StringBuilder();
        double start = 0;
        double end = 0;
        String speaker = null;
        for (JsonNode s : segments) {
            String body = s.path("body").asText("");
            String who = s.hasNonNull("speaker") ? s.get("speaker").asText() : speaker;
            double st = s.path("startTime").asDouble(end);
            double en = s.path("endTime").asDouble(st);
            boolean newSpeaker = text.length() > 0 && who != null && !who.equals(speaker);
            if (newSpeaker || (text.length() > 0 && endsSentence(text) && text.length() > 200)) {
                out.add(start, end, speaker, text.toString());
                text.setLength(0);
            }
            if (text.length() == 0) {
                start = st;
            }
            text.append(text.length() == 0 ? "" : " ").append(body.trim());
            end = en;
            speaker = who;
        }
        if (text.length() > 0) {
            out.add(start, end, speaker, text.toString());
        }
        return out.build();
    }

    private static boolean endsSentence(CharSequence s) {
        char c = s.charAt(s.length() - 1);
        return c == '.' || c == '?' || c == '!';
    }
}
