package dev.podsift.llm;

import dev.podsift.model.Segment;
import dev.podsift.model.Transcript;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the hero editor reads around a candidate, and where its answer is found again: the turns within some
 * seconds of a passage, speakers named, and the exact place in the transcript of a span the editor quotes.
 */
public final class TranscriptWindow {
    /** Characters of context kept on each side of a passage, so one long monologue cannot blow up a request. */
    static final int MAX_SIDE_CHARS = 1000;

    private final List<Segment> segments;

    public TranscriptWindow(Transcript transcript) {
        this.segments = transcript.segments();
    }

    /** A verbatim stretch of the transcript: its words as the transcript has them, and when they were said. */
    public record Span(String quote, double startSeconds, double endSeconds, String speaker) {
    }

    /** The people who speak most, most first (at most {@code max}). */
    public List<String> speakers(int max) {
        Map<String, Integer> words = new LinkedHashMap<>();
        for (Segment s : segments) {
            if (s.speaker() != null && !s.speaker().isBlank()) {
                words.merge(s.speaker().trim(), s.text().split("\\s+").length, Integer::sum);
            }
        }
        return words.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(max)
                .map(Map.Entry::getKey).toList();
    }

    /**
     * The turns said from {@code seconds} before {@code start} to {@code seconds} after {@code end}, one line per
     * turn as "[m:ss] Speaker: words", at most {@link #MAX_SIDE_CHARS} on each side of the passage. The passage
     * ({@code quote}, found in its turn) is a line of its own starting with "&gt;&gt; "; when it cannot be found,
     * the turns said between {@code start} and {@code end} are marked instead.
     */
    public String around(String quote, double start, double end, double seconds) {
        List<Turn> turns = new ArrayList<>();
        Turn turn = null;
        for (Segment s : segments) {
            if (s.end() < start - seconds || s.start() > end + seconds || s.text().isBlank()) {
                continue;
            }
            String who = s.speaker() == null || s.speaker().isBlank() ? null : s.speaker().trim();
            // a segment that ends where the passage starts (or starts where it ends) is its neighbour, not part of it
            int part = s.end() <= start && s.start() < start ? 0 : s.start() >= end && s.end() > end ? 2 : 1;
            if (turn == null || part != turn.part || !java.util.Objects.equals(who, turn.speaker)) {
                turn = new Turn(part, who, s.start());
                turns.add(turn);
            }
            turn.words.append(turn.words.length() == 0 ? "" : " ").append(normal(s.text()).trim());
        }
        List<String> before = new ArrayList<>();
        List<String> passage = new ArrayList<>();
        List<String> after = new ArrayList<>();
        String wanted = normal(quote == null ? "" : quote).trim().toLowerCase(Locale.ROOT);
        for (Turn t : turns) {
            String words = t.words.toString();
            int at = t.part != 1 || wanted.isEmpty() ? -1 : words.toLowerCase(Locale.ROOT).indexOf(wanted);
            if (at >= 0) {
                String head = words.substring(0, at).trim();
                String tail = words.substring(at + wanted.length()).trim();
                if (!head.isEmpty()) {
                    before.add(t.line(head));
                }
                passage.add(">> " + new Turn(1, t.speaker, Math.max(t.start, start)).line(
                        words.substring(at, at + wanted.length())));
                if (!tail.isEmpty()) {
                    after.add(t.line(tail));
                }
            } else {
                (t.part == 0 ? before : t.part == 1 ? passage : after).add(t.part == 1 ? ">> " + t.line(words)
                        : t.line(words));
            }
        }
        StringBuilder out = new StringBuilder(tail(String.join("\n", before)));
        for (String part : List.of(String.join("\n", passage), head(String.join("\n", after)))) {
            if (!part.isEmpty()) {
                out.append(out.length() == 0 ? "" : "\n").append(part);
            }
        }
        return out.toString();
    }

    /**
     * Where {@code span} was said, looking only between {@code from} and {@code to} seconds: found word for word
     * once whitespace, typographic quotes and dashes, and letter case are set aside. Empty when it is not there.
     */
    public Optional<Span> find(String span, double from, double to) {
        String wanted = normal(span).trim();
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        List<int[]> owners = new ArrayList<>(); // {segment index, start offset in text}
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s.end() < from || s.start() > to || s.text().isBlank()) {
                continue;
            }
            if (text.length() > 0) {
                text.append(' ');
            }
            owners.add(new int[] {i, text.length()});
            text.append(normal(s.text()).trim());
        }
        String hay = text.toString();
        int at = hay.toLowerCase(Locale.ROOT).indexOf(wanted.toLowerCase(Locale.ROOT));
        if (at < 0) {
            return Optional.empty();
        }
        int endAt = at + wanted.length();
        return Optional.of(new Span(hay.substring(at, endAt), time(owners, hay, at), time(owners, hay, endAt),
                segments.get(owner(owners, at)[0]).speaker()));
    }

    /** The second at character {@code offset} of the joined text, interpolated within its segment. */
    private double time(List<int[]> owners, String hay, int offset) {
        int[] o = owner(owners, offset);
        Segment s = segments.get(o[0]);
        int next = owners.indexOf(o) + 1 < owners.size() ? owners.get(owners.indexOf(o) + 1)[1] - 1 : hay.length();
        double share = next <= o[1] ? 0 : Math.min(1, (offset - o[1]) / (double) (next - o[1]));
        return s.start() + share * Math.max(0, s.end() - s.start());
    }

    private static int[] owner(List<int[]> owners, int offset) {
        int[] found = owners.get(0);
        for (int[] o : owners) {
            if (o[1] > offset) {
                break;
            }
            found = o;
        }
        return found;
    }

    /** Whitespace collapsed, curly quotes straight, dashes plain: the differences a model's copy may introduce. */
    static String normal(String s) {
        return s.replaceAll("[\u2018\u2019\u201B\u2032]", "'").replaceAll("[\u201C\u201D\u201F\u2033]", "\"")
                .replaceAll("[\u2013\u2014\u2212]", "-").replace('\u2026', '.').replaceAll("\\s+", " ");
    }

    private static String tail(String s) {
        if (s.length() <= MAX_SIDE_CHARS) {
            return s;
        }
        int cut = s.indexOf(' ', s.length() - MAX_SIDE_CHARS);
        return "…" + s.substring(cut < 0 ? s.length() - MAX_SIDE_CHARS : cut + 1);
    }

    private static String head(String s) {
        if (s.length() <= MAX_SIDE_CHARS) {
            return s;
        }
        int cut = s.lastIndexOf(' ', MAX_SIDE_CHARS);
        return s.substring(0, cut < 0 ? MAX_SIDE_CHARS : cut) + "…";
    }

    private static final class Turn {
        final int part;
        final String speaker;
        final double start;
        final StringBuilder words = new StringBuilder();

        Turn(int part, String speaker, double start) {
            this.part = part;
            this.speaker = speaker;
            this.start = start;
        }

        String line(String text) {
            return "[" + dev.podsift.model.Clock.of(start) + "] " + (speaker == null ? "" : speaker + ": ") + text;
        }
    }
}
