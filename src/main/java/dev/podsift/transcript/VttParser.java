package dev.podsift.transcript;

import dev.podsift.model.Segment;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;

/**
 * WebVTT and SRT captions: timed cues, with speakers from {@code <v Name>} tags or a "Name:" prefix (Zoom). YouTube's
 * automatic captions (as yt-dlp saves them) roll up: each cue repeats the previous cue's last line before its new
 * words, and 10 ms cues repeat whole lines; a line said in the previous cue is not said again.
 */
final class VttParser {
    private static final Pattern TIMING = Pattern.compile(
            "^\\s*((?:\\d+:)?\\d{1,2}:\\d{2}[.,]\\d{1,3})\\s*-->\\s*((?:\\d+:)?\\d{1,2}:\\d{2}[.,]\\d{1,3})");
    private static final Pattern VOICE = Pattern.compile("<v(?:\\.[^ >]*)?\\s+([^>]+)>");
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^>]*>|<\\d[^>]*>");
    private static final Pattern NAME_PREFIX = Pattern.compile("^([A-Z][\\p{L}.'-]*(?: [A-Z][\\p{L}.'-]*){0,3}):\\s+(.*)$");

    private VttParser() {
    }

    static List<Segment> parse(String content) {
        SegmentBuilder out = new SegmentBuilder();
        String[] lines = content.replace("\r\n", "\n").replace('\r', '\n').split("\n");
        String speaker = null;
        java.util.Set<String> previous = java.util.Set.of();
        for (int i = 0; i < lines.length; i++) {
            Matcher t = TIMING.matcher(lines[i]);
            if (!t.find()) {
                continue;
            }
            double start = Timecodes.parse(t.group(1));
            double end = Timecodes.parse(t.group(2));
            StringBuilder text = new StringBuilder();
            java.util.Set<String> said = new java.util.HashSet<>();
            int j = i + 1;
            // YouTube's cues open with a line holding one space: not the end of the cue
            if (j + 1 < lines.length && !lines[j].isEmpty() && lines[j].isBlank() && !lines[j + 1].isBlank()) {
                j++;
            }
            for (; j < lines.length && !lines[j].isBlank(); j++) {
                if (TIMING.matcher(lines[j]).find()) {
                    break;
                }
                // the words and who says them: "<v Bob>Yeah." after "<v Ann>Yeah." is said again, not rolled up
                Matcher voice = VOICE.matcher(lines[j]);
                String line = (voice.find() ? voice.group(1).trim() + ": " : "")
                        + TAG.matcher(lines[j]).replaceAll("").trim();
                said.add(line);
                if (!previous.contains(line)) {
                    text.append(lines[j]).append(' ');
                }
            }
            i = j - 1;
            previous = said;
            String raw = text.toString();
            Matcher v = VOICE.matcher(raw);
            if (v.find()) {
                speaker = v.group(1).trim();
            }
            String plain = Parser.unescapeEntities(TAG.matcher(raw).replaceAll(""), false).trim();
            Matcher n = NAME_PREFIX.matcher(plain);
            if (n.matches()) {
                speaker = n.group(1);
                plain = n.group(2);
            }
            out.add(start, end, speaker, plain);
        }
        return out.build();
    }
}
