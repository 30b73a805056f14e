package dev.podsift.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.digest.DigestBuilder;
import dev.podsift.digest.DigestItem;
import dev.podsift.digest.RankingPolicy;
import dev.podsift.insight.Embedder;
import dev.podsift.insight.Vectors;
import dev.podsift.model.EpisodeRef;
import dev.podsift.model.Insight;
import dev.podsift.model.Transcript;
import dev.podsift.store.StoredInsight;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reader-judged figures of one extractor, split by episode into held-back episodes (never trained on) and the
 * rest: the top 5's keep rate per episode, the same for simulated days (a digest made of two held-back episodes of
 * each of five shows), agreement with the hero editor's recorded judgements, and coverage of the teacher's ideas.
 */
public final class JudgedReport {
    /** Two passages restate one idea at or above this MiniLM cosine (used for the teacher's paraphrases). */
    static final double TEACHER_LIKENESS = 0.6;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One judged episode's result, with its show (the corpus folder) and whether it is held back. */
    public record Episode(String show, boolean heldBack, Transcript transcript, JudgedEvaluator.Result result) {
    }

    private final List<Episode> episodes = new ArrayList<>();
    private final Map<String, List<JudgedSet.Passage>> passages;

    public JudgedReport(Map<String, List<JudgedSet.Passage>> passages) {
        this.passages = passages;
    }

    public void add(String transcriptPath, boolean heldBack, Transcript transcript, JudgedEvaluator.Result result) {
        String[] parts = transcriptPath.split("/");
        String show = parts.length >= 2 ? (parts[0].equals("teacher") ? parts[1] : parts[parts.length - 2]) : "?";
        episodes.add(new Episode(show, heldBack, transcript, result));
    }

    public List<Episode> episodes() {
        return episodes;
    }

    /** Keep rate of the top 5 over the held-back or the trained-on episodes. */
    public void printSplits(PrintStream out) {
        for (boolean held : new boolean[] {true, false}) {
            List<Episode> part = episodes.stream().filter(e -> e.heldBack() == held).toList();
            double kept = part.stream().mapToDouble(e -> e.result().kept()).sum();
            long judged = part.stream().mapToLong(e -> e.result().judged()).sum();
            long picks = part.stream().mapToLong(e -> e.result().top().size()).sum();
            double perEpisode = part.stream().filter(e -> e.result().judged() > 0)
                    .mapToDouble(e -> e.result().kept() / e.result().judged()).average().orElse(0);
            out.printf(Locale.ROOT, "%-10s %3d episodes: kept %.1f of %d judged picks (%.2f), mean per episode %.2f, "
                    + "%d picks unjudged%n", held ? "held back" : "trained on", part.size(), kept, judged,
                    judged == 0 ? 0.0 : kept / judged, perEpisode, picks - judged);
        }
    }

    /**
     * Simulated days over the held-back episodes: each takes the next two episodes of each of the five shows with the
     * most held-back episodes (a show with fewer than the days need lends its episodes again), builds the digest's
     * top 5 from their top 5s as a digest does (same-idea merging, at most two per show), and judges the five.
     */
    public void printDays(PrintStream out, int days) {
        Map<String, List<Episode>> byShow = new TreeMap<>();
        for (Episode e : episodes) {
            if (e.heldBack()) {
                byShow.computeIfAbsent(e.show(), s -> new ArrayList<>()).add(e);
            }
        }
        List<String> shows = byShow.keySet().stream()
                .sorted((a, b) -> byShow.get(b).size() - byShow.get(a).size()).limit(5).toList();
        if (shows.size() < 5) {
            out.println("simulated days: held-back episodes of only " + shows.size() + " shows (5 needed)");
            return;
        }
        DigestBuilder builder = new DigestBuilder(RankingPolicy.defaults());
        double keptAll = 0;
        int judgedAll = 0;
        int fourOfFive = 0;
        for (int d = 0; d < days; d++) {
            List<StoredInsight> candidates = new ArrayList<>();
            Map<Long, Episode> byId = new LinkedHashMap<>();
            for (int s = 0; s < shows.size(); s++) {
                List<Episode> eps = byShow.get(shows.get(s));
                for (int k = 0; k < 2; k++) {
                    Episode e = eps.get((2 * d + k) % eps.size());
                    long id = byId.size() + 1;
                    if (byId.containsValue(e)) {
                        continue;
                    }
                    byId.put(id, e);
                    for (Insight in : e.result().top()) {
                        candidates.add(new StoredInsight(candidates.size() + 1, new EpisodeRef(id, shows.get(s),
                                e.result().transcript(), null, null), s + 1, in));
                    }
                }
            }
            List<DigestItem> digest = builder.build(candidates, List.of(), null, 5);
            double kept = 0;
            int judged = 0;
            StringBuilder marks = new StringBuilder();
            for (DigestItem item : digest) {
                Episode e = byId.get(item.insight().episode().episodeId());
                JudgedEvaluator.Result r = JudgedEvaluator.judge(e.result().transcript(), e.transcript(),
                        List.of(item.insight().insight()), passages.get(e.result().transcript()));
                double k = r.keep().get(0);
                if (!Double.isNaN(k)) {
                    kept += k;
                    judged++;
                }
                marks.append(Double.isNaN(k) ? '?' : k > 0.5 ? '+' : '-');
            }
            keptAll += kept;
            judgedAll += judged;
            fourOfFive += judged == 5 && kept >= 4 ? 1 : 0;
            out.printf(Locale.ROOT, "day %d (%d episodes, %d shows): %s kept %.1f of %d judged%n", d + 1, byId.size(),
                    shows.size(), marks, kept, judged);
        }
        out.printf(Locale.ROOT, "simulated days: kept %.1f of %d judged digest picks (%.2f); %d of %d days with at "
                + "least 4 of 5 kept%n", keptAll, judgedAll, judgedAll == 0 ? 0.0 : keptAll / judgedAll, fourOfFive, days);
    }

    /**
     * Agreement with the hero editor's recorded judgements ({@code eval/hero/labels.jsonl}) on the episodes it read:
     * of the picks it judged, the share it called a lesson scoring 7 or more, and how often its best candidate of an
     * episode is among the top 5.
     */
    public void printHero(PrintStream out, Map<String, List<JsonNode>> byTranscript) {
        for (boolean held : new boolean[] {true, false}) {
            int covered = 0;
            int chosen = 0;
            int bestIn = 0;
            int read = 0;
            for (Episode e : episodes) {
                List<JsonNode> ls = byTranscript.get(e.result().transcript());
                if (e.heldBack() != held || ls == null) {
                    continue;
                }
                read++;
                List<JudgedSet.Passage> asPassages = new ArrayList<>();
                JsonNode best = null;
                for (JsonNode l : ls) {
                    boolean lesson = l.path("lesson").asBoolean(false) && l.path("repeats").isNull();
                    int score = lesson ? l.path("score").asInt(0) : 0;
                    asPassages.add(new JudgedSet.Passage(e.result().transcript(), l.path("passage").asText(),
                            score >= 7 ? 1 : 0, score, 1, List.of()));
                    if (lesson && (best == null || score > best.path("score").asInt())) {
                        best = l;
                    }
                }
                JudgedEvaluator.Result r = JudgedEvaluator.judge(e.result().transcript(), e.transcript(),
                        e.result().top(), asPassages);
                covered += (int) r.judged();
                chosen += (int) Math.round(r.kept());
                if (best != null) {
                    JudgedEvaluator.Result b = JudgedEvaluator.judge(e.result().transcript(), e.transcript(),
                            e.result().top(), List.of(new JudgedSet.Passage(e.result().transcript(),
                                    best.path("passage").asText(), 1, 0, 1, List.of())));
                    bestIn += b.judged() > 0 ? 1 : 0;
                }
            }
            if (read > 0) {
                out.printf(Locale.ROOT, "hero agreement, %s (%d episodes the hero read): %d of %d judged picks a "
                        + "lesson scoring 7+ (%.2f); its best candidate in the top 5 in %d of %d%n",
                        held ? "held back" : "trained on", read, chosen, covered,
                        covered == 0 ? 0.0 : (double) chosen / covered, bestIn, read);
            }
        }
    }

    /** Share of the top 5 restating one of the teacher's ideas, on the episodes the teacher read. */
    public void printTeacher(PrintStream out, Path corpus, Embedder embedder) throws IOException {
        for (boolean held : new boolean[] {true, false}) {
            int picks = 0;
            int restating = 0;
            int read = 0;
            for (Episode e : episodes) {
                String path = e.result().transcript();
                if (e.heldBack() != held || !path.startsWith("teacher/lenny/transcripts/")) {
                    continue;
                }
                Path file = corpus.resolve("teacher/lenny/insights/"
                        + path.substring(path.lastIndexOf('/') + 1).replaceAll("\\.md$", ".json"));
                if (!Files.exists(file) || e.result().top().isEmpty()) {
                    continue;
                }
                List<String> ideas = new ArrayList<>();
                JSON.readTree(file.toFile()).path("insights").forEach(i -> ideas.add(i.path("text").asText()));
                float[][] v = embedder.embed(ideas);
                read++;
                for (Insight in : e.result().top()) {
                    picks++;
                    double best = 0;
                    for (float[] idea : v) {
                        best = Math.max(best, Vectors.dot(idea, in.embedding()));
                    }
                    restating += best >= TEACHER_LIKENESS ? 1 : 0;
                }
            }
            if (read > 0) {
                out.printf(Locale.ROOT, "teacher coverage, %s (%d episodes): %d of %d picks restate a teacher idea "
                        + "(cosine >= %.2f): %.2f%n", held ? "held back" : "trained on", read, restating, picks,
                        TEACHER_LIKENESS, (double) restating / picks);
            }
        }
    }
}
