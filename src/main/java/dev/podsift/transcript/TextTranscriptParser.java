package dev.podsift.transcript;

import dev.podsift.model.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain-text and Markdown transcripts in the conventions publishers and transcription tools use: "HH:MM:SS line",
 * "[MM:SS]" marks (also Markdown-escaped), "**Name:**" and "Name:" turns, "Name: 00:01:02" headers, Rev/Otter-style
 * "Name (HH:MM:SS):" turn lines with bare "(HH:MM:SS):" continuations, Otter's "Name  0:05" lines, YAML front
 * matter and "## headings". Speaker names and times go into segments, never into the text. Paragraphs without a
 * time get one interpolated from the marks around them by word count, never past the next mark; a transcript with
 * no time at all is timed at 150 words a minute, which is what the start seconds then mean.
 */
final class TextTranscriptParser {
    static final double WORDS_PER_SECOND = 2.5;
    private static final String TIME = "(\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,]\\d+)?)";
    /** A speaker's name as transcripts write it: "Lenny", "Sarah Tavel", "Speaker 1", "Dr. Jane O'Neil-Smith". */
    private static final String NAME = "([A-Z\\d][\\p{L}\\d.'’&-]*(?: (?:[A-Z\\d][\\p{L}\\d.'’&-]*|de|da|del|van|von|der|"
            + "la|le|bin|al)){0,5})";
    private static final Pattern BOLD_SPEAKER = Pattern.compile("^\\*\\*([^*]{1,60}?):?\\*\\*:?\\s*(.*)$");
    private static final Pattern SPEAKER_TIME_LINE =
            Pattern.compile("^" + NAME + ":\\s*\\(?" + TIME + "\\)?\\s*$");
    /**
     * "Name (00:32:46):" or "Name [32:46]" alone on a line (Rev, Descript), or "Name (00:32:46): words": a colon after
     * the time, since "Yeah. [12:30] And so" is a mark inside speech, not a turn.
     */
    private static final Pattern NAME_TIME = Pattern.compile("^" + NAME + "\\s*\\\\?[(\\[]" + TIME
            + "\\\\?[)\\]](?::\\s*(.*)|\\s*)$");
    /** "Name  0:05" alone on a line (Otter's export), the words on the next. */
    private static final Pattern NAME_BARE_TIME = Pattern.compile("^" + NAME + "\\s+" + TIME + "\\s*$");
    /** "00:12:34 text", "[00:06] text", "\\[04:01\\] text", "(00:32:46): text", or the time alone. */
    private static final Pattern LEADING_TIME =
            Pattern.compile("^\\\\?[\\[(]?" + TIME + "\\\\?[\\])]?:?(?:\\s+(.*))?$");
    private static final Pattern INLINE_TIME = Pattern.compile("\\\\?[\\[(]" + TIME + "\\\\?[\\])]");
    private static final Pattern NAME_PREFIX = Pattern.compile(
            "^([A-Z][\\p{L}.'-]*(?: (?:[A-Z][\\p{L}.'-]*|\\d{1,2})){0,3}):\\s+(.+)$");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]]{1,200})\\]\\((?:https?://|/)[^)\\s]*\\)");

    /** "Transcribed by https://otter.ai": the tool's signature, not speech. */
    private static final Pattern TOOL_CREDIT = Pattern.compile("(?i)^(?:transcribed|transcript) by https?://\\S+$");

    /**
     * Transcriber's notes, not speech: "[laughter]", "[crosstalk]", and any bracketed note carrying a time
     * ("[foreign language 01:07:58]", "[unintelligible 00:33:58.25]", "[Bezeras 01:20:51]", a guessed word).
     */
    private static final Pattern NOTES = Pattern.compile("\\\\?\\[(?i:unintelligible|inaudible|crosstalk|laughter|laughs|"
            + "music|silence|applause)[^\\]]*\\\\?\\]");
    /** A note's time is where it was said: it stays as a mark ("[inaudible 00:16:51]" becomes "[00:16:51]"). */
    private static final Pattern TIMED_NOTE = Pattern.compile("\\\\?\\[[^\\]\\[]{0,80}?(\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?)"
            + "[^\\]\\[]{0,80}?\\\\?\\]");
    /** "Adriel Frederick:" alone on a line: a turn whose words follow. */
    private static final Pattern SPEAKER_LINE = Pattern.compile("^" + NAME + ":$");

    private record Block(String speaker, double time, String text) {
    }

    private TextTranscriptParser() {
    }

    /** The segments of {@code content}; {@code endSeconds} (NaN if unknown) is when the episode ends. */
    static List<Segment> parse(String content, double endSeconds) {
        List<Block> blocks = new ArrayList<>();
        String speaker = null;
        double pendingTime = Double.NaN;
        for (String rawLine : FrontMatter.split(content).body().replace("\r\n", "\n").split("\n")) {
            String line = rawLine.trim();
            if (line.isEmpty() || line.startsWith("#") || line.equals("---") || TOOL_CREDIT.matcher(line).matches()) {
                continue;
            }
            line = TIMED_NOTE.matcher(line).replaceAll("[$1]");
            Matcher m;
            if ((m = SPEAKER_LINE.matcher(line)).matches()) {
                speaker = m.group(1).trim();
                continue;
            }
            if ((m = SPEAKER_TIME_LINE.matcher(line)).matches() || (m = NAME_BARE_TIME.matcher(line)).matches()) {
                speaker = m.group(1).trim();
                pendingTime = Timecodes.parse(m.group(2));
                continue;
            }
            // "[00:06] Name: text", "**Name:** [00:06] text", "Name (00:06): text" and "Name: text" all occur
            for (int pass = 0; pass < 2; pass++) {
                if ((m = NAME_TIME.matcher(line)).matches()) {
                    speaker = m.group(1).trim();
                    pendingTime = Timecodes.parse(m.group(2));
                    line = m.group(3) == null ? "" : m.group(3);
                } else if ((m = LEADING_TIME.matcher(line)).matches()) {
                    pendingTime = Timecodes.parse(m.group(1));
                    line = m.group(2) == null ? "" : m.group(2);
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
        return timed(blocks, endSeconds);
    }

    private static void addBlock(List<Block> blocks, String speaker, double time, String text) {
        String t = clean(text);
        if (!t.isEmpty()) {
            blocks.add(new Block(speaker, time, t));
        }
    }

    /**
     * Markdown escapes, emphasis and links are formatting, and "[unintelligible 00:33:58]"-style notes are not
     * speech.
     */
    private static String clean(String text) {
        String t = NOTES.matcher(text).replaceAll(" ");
        t = MARKDOWN_LINK.matcher(t).replaceAll("$1");
        return t.replaceAll("\\\\([\\[\\]*_()#`\\\\-])", "$1").replace("**", "").replace("__", "")
                .replaceAll("\\s+", " ").trim();
    }

    /**
     * Each block's start: its own mark, else interpolated by word count between the marks around it (the episode's
     * end counting as the last), else at speaking pace after the last mark.
     */
    private static boolean plausiblePace(double words, double seconds) {
        return seconds > 0 && words / seconds >= WORDS_PER_SECOND / 2 && words / seconds <= WORDS_PER_SECOND * 2;
    }

    private static List<Segment> timed(List<Block> blocks, double endSeconds) {
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
                } else if (next < n) {
                    t = t0; // the marks go back or stand still here: never guess past the next one
                } else if (plausiblePace(words - w0, endSeconds - t0)) {
                    // after the last mark, the words share the time left until the episode's end (the file's own
                    // duration), when that makes a speaking pace: otherwise the duration is not this speech's end
                    t = t0 + (endSeconds - t0) * (offsets[i] - w0) / Math.max(1, words - w0);
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
