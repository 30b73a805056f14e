package dev.podsift.insight;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.model.Insight;
import dev.podsift.model.Transcript;
import dev.podsift.support.Corpus;
import dev.podsift.transcript.TranscriptParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every transcript of the corpus (publishers' Markdown, captions, plain text and the 176 Rev-style teacher files),
 * through the real parser and extractor: no pick carries a speaker label, a time mark or markup, and where the file
 * marks times, each pick starts within the marked turn it was said in (a quarter of the teacher files, every fourth).
 * Slow (a few minutes): tagged "corpus".
 */
@Tag("corpus")
class CorpusExtractionTest {
    private static final Pattern LEAK = Pattern.compile("\\(\\d{1,2}:\\d{2}(?::\\d{2})?\\)|\\[\\d{1,2}:\\d{2}|"
            + "\\d{1,2}:\\d{2}:\\d{2}|\\*\\*|(?:^|\\s)#{1,6}\\s|\\\\[\\[\\]*_]|</?c>|<\\d|^[A-Z][\\w .'-]{0,40}:\\s");
    /**
     * A time the file marks: "(00:15:19)", "[12:30]", "\[04:01\]", "[inaudible 00:16:51]", "00:01:02 text" or a
     * cue's start at the start of a line; not a time said in passing ("at 2:00 AM").
     */
    private static final Pattern MARK = Pattern.compile("(?:^|[\\[(]|\\s(?=\\d{1,2}:\\d{2}:\\d{2}))"
            + "(\\d{1,2}:\\d{2}(?::\\d{2})?)(?:[.,]\\d+)?(?=[\\])\\s\\\\]|$)", Pattern.MULTILINE);
    private static MiniLmEmbedder embedder;
    private static InsightExtractor extractor;

    @BeforeAll
    static void load() {
        embedder = new MiniLmEmbedder();
        extractor = new InsightExtractor(embedder);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    private static List<Path> transcripts() throws Exception {
        List<Path> out = new ArrayList<>();
        for (String dir : new String[] {"transcripts", "teacher"}) {
            List<Path> files = new ArrayList<>();
            try (Stream<Path> s = Files.walk(Corpus.file(dir))) {
                s.filter(p -> p.toString().matches(".*\\.(md|vtt|srt|txt|html)$"))
                        .filter(p -> !p.getFileName().toString().equals("README.md")).sorted().forEach(files::add);
            }
            // the 176 teacher files are one format (Rev-style, about an hour each): every fourth of them is enough,
            // and all of them took most of the suite's time once the judge read each episode again
            for (int k = 0; k < files.size(); k++) {
                if (dir.equals("transcripts") || k % 4 == 0) {
                    out.add(files.get(k));
                }
            }
        }
        return out;
    }

    @Test
    void everyPickIsCleanAndAtItsMarkedTime() throws Exception {
        List<String> problems = new ArrayList<>();
        int files = 0;
        int picks = 0;
        int timed = 0;
        for (Path p : transcripts()) {
            String raw = Files.readString(p);
            Transcript t = new TranscriptParser().parse(raw, p.getFileName().toString());
            List<Insight> top = extractor.extract(t, 5);
            files++;
            Marks marks = Marks.of(raw);
            for (Insight in : top) {
                picks++;
                for (String s : new String[] {in.text(), in.quote()}) {
                    Matcher m = LEAK.matcher(s);
                    if (m.find()) {
                        problems.add(p.getFileName() + ": label, mark or markup '" + m.group() + "' in: " + s);
                    }
                }
                double[] turn = marks.turnOf(in.quote());
                if (turn != null) {
                    timed++;
                    if (in.startSeconds() < turn[0] - 1 || in.startSeconds() > turn[1] + 1) {
                        problems.add(p.getFileName() + ": picked at " + in.startSeconds() + " s, marked between "
                                + turn[0] + " and " + turn[1] + ": " + in.quote());
                    }
                }
            }
        }
        assertTrue(files > 150, "every transcript of the corpus and a quarter of the teacher's were read: " + files);
        assertTrue(timed > picks / 2, "most picks sit in files with time marks: " + timed + " of " + picks);
        assertTrue(problems.isEmpty(), problems.size() + " problems in " + picks + " picks:\n"
                + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
    }

    /** The time marks of a raw file, and where in its text (markup removed) each stands. */
    private record Marks(String text, List<int[]> positions, List<Double> times) {
        static Marks of(String raw) {
            String r = raw.replaceAll("-->\\s*\\S+", " ").replaceAll("<[^>]{0,200}>", " ").replace("\\", "")
                    .replace("**", "");
            StringBuilder text = new StringBuilder();
            List<int[]> positions = new ArrayList<>();
            List<Double> times = new ArrayList<>();
            Matcher m = MARK.matcher(r);
            int from = 0;
            while (m.find()) {
                String w = words(r.substring(from, m.start())).trim();
                text.append(w).append(w.isEmpty() ? "" : " ");
                positions.add(new int[] {text.length()});
                String[] parts = m.group(1).split(":");
                double secs = 0;
                for (String part : parts) {
                    secs = secs * 60 + Integer.parseInt(part);
                }
                times.add(secs);
                from = m.end();
            }
            text.append(words(r.substring(from)).trim());
            return new Marks(text.toString(), positions, times);
        }

        private static String words(String s) {
            return s.toLowerCase().replaceAll("[^\\p{L}\\p{N}']+", " ").replaceAll("\\s+", " ");
        }

        /** The marks before and after where the quote starts; null when the file has no marks or it is not found. */
        double[] turnOf(String quote) {
            if (times.size() < 2) {
                return null;
            }
            String[] w = words(quote).trim().split(" ");
            if (w.length < 6) {
                return null;
            }
            String head = " " + String.join(" ", List.of(w).subList(0, 6)) + " ";
            int at = (" " + text + " ").indexOf(head);
            if (at < 0 || (" " + text + " ").indexOf(head, at + 1) >= 0) {
                return null; // not found, or said twice: no way to tell which turn it is
            }
            int k = 0;
            while (k < positions.size() && positions.get(k)[0] <= at) {
                k++;
            }
            if (k == 0) {
                return new double[] {0, times.get(0)};
            }
            double before = times.get(k - 1);
            double after = k < times.size() ? times.get(k) : Double.MAX_VALUE;
            return new double[] {before, Math.max(before, after)};
        }
    }
}
