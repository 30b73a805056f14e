package dev.podsift.transcript;

import dev.podsift.model.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain-text and Markdown transcripts in the conventions publishers use: "HH:MM:SS line", "[MM:SS]" marks (also
 * Markdown-escaped), "**Name:**" and "Name:" turns, "Name: 00:01:02" headers, YAML front matter and "## headings".
 * Paragraphs without a time get one interpolated from their neighbours by word count; a transcript with no time
 * at all is timed at 150 words a minute, which is what the start seconds then mean.
 */
final class TextTranscriptParser {
    static final double WORDS_PER_SECOND = 2.5;
    private static final String TIME = "(\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,]\\d+)?)";
    private static final Pattern BOLD_SPEAKER = Pattern.compile("^\\*\\*([^*]{1,60}?):?\\*\\*:?\\s*(.*)$");
    private static final Pattern SPEAKER_TIME_LINE =
            Pattern.compile("^([A-Z][\\p{L}\\d .'-]{0,60}):\\s*\\(?" + TIME + "\\)?\\s*$");
    private static final Pattern LEADING_TIME = Pattern.compile("^\\\\?\\[?" + TIME + "\\\\?\\]?\\s+(.*)$");
    private static final Pattern INLINE_TIME = Pattern.compile("\\\\?\\[" + TIME + "\\\\?\\]");
    private static final Pattern NAME_PREFIX =
            Pattern.compile("^([A-Z][\\p{L}.'-]*(?: [A-Z][\\p{L}.'-]*){0,3}):\\s+(.+)$");

    private static final Pattern NOTES = Pattern.compile("\\\\?\\[(?i:unintelligible|inaudible|crosstalk|laughter|laughs|"
            + "music|silence|applause)[^\\]]*\\\\?\\]");

    private record Block(String speaker, double time, String text) {
    }

    private TextTranscriptParser() {
    }

    static List<Segment> parse(String content) {
        List<Block> blocks = new ArrayList<>();
        String speaker = null;
        double pendingTime = Double.NaN;
        for (String rawLine : stripFrontMatter(content).replace("\r\n", "\n").split("\n")) {
            String line = rawLine.trim();
            if (line.isEmpty() || line.startsWith("#") || line.equals("---")) {
                continue;
            }
            Matcher m;
            if ((m = SPEAKER_TIME_LINE.matcher(line)).matches()) {
                speaker = m.group(1).trim();
                pendingTime = Timecodes.parse(m.group(2));
                continue;
            }
            // "[00:06] Name: text", "**Name:** [00:06] text" and "Name: text" all occur
            for (int pass = 0; pass < 2; pass++) {
                if ((m = LEADING_TIME.matcher(line)).matches()) {
                    pendingTime = Timecodes.parse(m.group(1));
                    line = m.group(2);
                }
                if ((m = BOLD_SPEAKER.matcher(line)).matches()) {
                    speaker = m.group(1).trim();
                    line = m.group(2);
                } else if ((m = NAME_PREFIX.matcher(line)).matches()) {
                    speaker = m.group(1).trim();
                    line = m.group(2);
                }
            }
            // a time mark inside a paragraph starts a new block at that point
            Matcher inline = INLINE_TIME.matcher(line);
            int from = 0;
            while (inline.find()) {
                addBlock(blocks, speaker, pendingTime, line.substring(from, inline.start()));
                pendingTime = Timecodes.parse(inline.group(1));
                from = inline.end();
            }
            String rest = line.substring(from);
            if (!clean(rest).isEmpty()) {
                addBlock(blocks, speaker, pendingTime, rest);
                pendingTime = Double.NaN;
            }
        }
        return timed(blocks);
    }

    private static void addBlock(List<Block> blocks, String speaker, double time, String text) {
        String t = clean(text);
        if (!t.isEmpty()) {
            blocks.add(new Block(speaker, time, t));
        }
    }

    /** Markdown escapes and emphasis are formatting, and "[unintelligible 00:33:58]"-style notes are not speech. */
    private static String clean(String text) {
        return NOTES.matcher(text).replaceAll(" ").replaceAll("\\\\([\\[\\]*_()#`\\\\-])", "$1").replace("**", "").replaceAll("\\s+", " ").trim();
    }

    private static String stripFrontMatter(String content) {
        String c = content.stripLeading();
        if (c.startsWith("---")) {
            int end = c.indexOf("\n---", 3);
            if (end > 0) {
                return c.substring(end + 4);
            }
        }
        return content;
    }

    private static List<Segment> timed(List<Block> blocks) {
        int n = blocks.size();
        double[] offsets = new double[n];
        double words = 0;
        for (int i = 0; i < n; i++) {
            offsets[i] = words;
            words += blocks.get(i).text().split(" ").length;
        }
        SegmentBuilder out = new SegmentBuilder();
        int prevAnchor = -1;
        for (int i = 0; i < n; i++) {
            double t = blocks.get(i).time();
            if (Double.isNaN(t)) {
                int next = i + 1;
                while (next < n && Double.isNaN(blocks.get(next).time())) {
                    next++;
                }
                double t0 = prevAnchor < 0 ? 0 : blocks.get(prevAnchor).time();
                double w0 = prevAnchor < 0 ? 0 : offsets[prevAnchor];
                if (next < n && blocks.get(next).time() > t0) {
                    double t1 = blocks.get(next).time();
                    t = t0 + (t1 - t0) * (offsets[i] - w0) / Math.max(1, offsets[next] - w0);
                } else {
                    t = t0 + (offsets[i] - w0) / WORDS_PER_SECOND;
                }
            } else {
                prevAnchor = i;
            }
            out.add(t, Double.NaN, blocks.get(i).speaker(), blocks.get(i).text());
        }
        return out.build();
    }
}
