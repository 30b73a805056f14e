package dev.podsift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.eval.EvalEpisode;
import dev.podsift.eval.EvalSet;
import dev.podsift.eval.Evaluator;
import dev.podsift.eval.JudgedEvaluator;
import dev.podsift.eval.JudgedSet;
import dev.podsift.insight.InsightExtractor;
import dev.podsift.insight.MiniLmEmbedder;
import dev.podsift.model.Insight;
import dev.podsift.model.Transcript;
import dev.podsift.transcript.TranscriptException;
import dev.podsift.transcript.TranscriptParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code podsift eval}: measures the insight extractor against the labelled evaluation set. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Measures insight extraction on the labelled episodes in eval/ (our own labels of corpus "
                + "transcripts): precision@5, recall@10, non-insights in the top 5, duplicates, verbatim quotes.",
                "Reported per episode and per split (tune: used to set weights; holdout: never tuned on).",
                "Then the reader-judged keep rate: the top 5 of every episode in eval/judged-fresh.json, each pick "
                        + "taking a reader's verdict (kept or rejected), or counted as unjudged (write those out "
                        + "with --picks, judge them, add them to the file)."})
public final class EvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @picocli.CommandLine.Mixin
    EvalOptions where;
    @Option(names = "--verbose", description = "also print each episode's top 5")
    boolean verbose;
    @Option(names = "--hero", description = "also send each episode's top candidates (PODSIFT_LLM_PER_EPISODE) with "
            + "their context to the hero editor configured by PODSIFT_LLM_*, one request per episode, and count its "
            + "rewrites, verdicts, grounding rejections (by reason) and failures")
    boolean hero;
    @Option(names = "--record", paramLabel = "DIR", description = "with --hero: write every request to the model "
            + "(and any answer) as files in DIR, to be answered offline and replayed with PODSIFT_LLM_PROVIDER=replay "
            + "PODSIFT_LLM_REPLAY_DIR=DIR")
    Path record;
    @Option(names = "--prior", paramLabel = "W", description = "weight of the hand-set prior averaged with the learned "
            + "model, 0 to 1 (default: the bundled setting, 0.5)")
    Double prior;
    @Option(names = "--picks", paramLabel = "FILE", description = "write every episode's top 10 as JSON lines (rank, score, "
            + "start, quote, and what the labels say of it: insight, non_insight, unlabelled, after_labels), to label "
            + "the extractor's own mistakes; and every judged episode's top 5 with its verdict (kept, rejected, "
            + "unjudged)")
    Path picks;
    @Option(names = "--model", paramLabel = "FILE|hand",
            description = "score with this model file, or 'hand' for the hand-set weights (default: the bundled model)")
    String model;
    @Option(names = "--held-back", description = "only the reader-judged measure on held-back episodes (skips the "
            + "labelled set and the episodes the judge was trained on)")
    boolean heldBackOnly;
    @Option(names = "--days", defaultValue = "4", description = "simulated days of held-back episodes (default: "
            + "${DEFAULT-VALUE})")
    int days;
    @Option(names = "--judge", paramLabel = "FILE|off",
            description = "re-rank with this judge model file, or 'off' for the first stage alone (default: the "
                    + "bundled judge)")
    String judge;
    @Option(names = "--taste", paramLabel = "held-back|trained-on", description = "instead: simulate readers with "
            + "hidden tastes voting on 14 days of digests (the bundled verdict base's held-back or trained-on "
            + "episodes) and print how many picks match their taste each day")
    String taste;
    @Option(names = "--readers", defaultValue = "50", description = "with --taste: simulated readers (default: "
            + "${DEFAULT-VALUE})")
    int readers;
    @Option(names = "--taste-picks", paramLabel = "DIR", description = "with --taste: write each reader's last digest "
            + "with the taste (DIR/taste.json) and without it (DIR/unmoved.json), {digest: [text, ...]}, for a blind "
            + "reader panel (eval/panels/)")
    Path tastePicks;
    @Option(names = "--seed", defaultValue = "1", description = "with --taste: the simulation's seed (default: "
            + "${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws IOException, dev.podsift.store.StoreException {
        if (taste != null) {
            return simulateTaste();
        }
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        if (record != null) {
            env.put("PODSIFT_LLM_RECORD_DIR", record.toString());
        }
        dev.podsift.llm.LlmSettings llm = dev.podsift.llm.LlmSettings.from(env);
        if (hero && !llm.enabled()) {
            System.err.println("podsift: --hero needs a model: set PODSIFT_LLM_PROVIDER (and _BASE_URL, _API_KEY, _MODEL), "
                    + "or --record DIR to write its requests for answering offline");
            return 1;
        }
        Path root = where.corpusRoot();
        List<EvalEpisode> episodes;
        try {
            episodes = EvalSet.load(where.set);
        } catch (IOException e) {
            System.err.println("podsift: " + e.getMessage());
            return 1;
        }
        if (!Files.isDirectory(root)) {
            System.err.println("podsift: corpus not found at " + root.toAbsolutePath() + " (use --corpus DIR)");
            return 1;
        }
        List<Evaluator.Result> results = new ArrayList<>();
        int problems = 0;
        Map<String, Integer> heroOutcomes = new java.util.TreeMap<>();
        int heroRequests = 0;
        Path heroDir = hero ? Files.createTempDirectory("podsift-eval-hero") : null;
        try (dev.podsift.insight.CachedEmbedder embedder = where.embedder();
             dev.podsift.store.Database heroDb = hero ? dev.podsift.store.Database.sqlite(heroDir) : null) {
            dev.podsift.llm.HeroEditor editor = !hero ? null : new dev.podsift.llm.HeroEditor(
                    dev.podsift.llm.LlmClients.of(llm), llm, embedder, new dev.podsift.store.LlmCacheStore(heroDb, java.time.InstantSource.system()));
            double w = prior == null ? InsightExtractor.PRIOR_WEIGHT : prior;
            dev.podsift.insight.ScoringModel first = model == null ? dev.podsift.insight.ScoringModel.bundled()
                    : model.equals("hand") ? null : dev.podsift.insight.ScoringModel.load(Path.of(model));
            dev.podsift.insight.JudgeModel judgeModel = judge == null ? dev.podsift.insight.JudgeModel.bundled()
                    : judge.equals("off") ? null : dev.podsift.insight.JudgeModel.load(Path.of(judge));
            InsightExtractor extractor = new InsightExtractor(embedder, first, model != null && model.equals("hand")
                    ? 1 : w, judgeModel);
            Evaluator evaluator = new Evaluator(extractor);
            System.out.printf("%-34s %-7s %6s %5s %5s %5s %5s %8s%n", "episode", "split", "labels", "P@5", "R@10",
                    "non@5", "dup@5", "verbatim");
            for (EvalEpisode ep : heldBackOnly ? List.<EvalEpisode>of() : episodes) {
                Path file = root.resolve(ep.transcript());
                Transcript t;
                try {
                    t = new TranscriptParser().parse(Files.readString(file), file.getFileName().toString());
                } catch (IOException | TranscriptException e) {
                    System.err.println("podsift: " + ep.id() + ": cannot read " + file + ": " + e.getMessage());
                    problems++;
                    continue;
                }
                Evaluator.Result r = evaluator.evaluate(ep, t);
                results.add(r);
                System.out.printf(Locale.ROOT, "%-34s %-7s %6d %5.2f %5.2f %5.2f %5.2f %8.2f%n", r.id(), r.split(),
                        r.labels(), r.precisionAt5(), r.recallAt10(), r.nonInsightRateAt5(), r.duplicateRateAt5(),
                        r.verbatimShare());
                for (String m : r.missingLabels()) {
                    System.err.println("podsift: " + ep.id() + ": label not found verbatim in the transcript: " + m);
                    problems++;
                }
                if (picks != null) {
                    writePicks(r);
                }
                if (verbose) {
                    for (int i = 0; i < Math.min(5, r.top().size()); i++) {
                        System.out.println("    " + (i + 1) + ". " + r.top().get(i).quote());
                    }
                }
                if (editor != null) {
                    List<dev.podsift.llm.HeroEditor.Candidate> cands = new ArrayList<>();
                    for (Insight in : r.top().subList(0, Math.min(llm.perEpisode(), r.top().size()))) {
                        cands.add(new dev.podsift.llm.HeroEditor.Candidate(cands.size(), in.text(), in.quote(),
                                in.startSeconds(), in.endSeconds()));
                    }
                    var info = t.info();
                    var batch = dev.podsift.llm.HeroEditor.Batch.of(info.show(),
                            info.title() != null ? info.title() : ep.id(), t, cands);
                    heroRequests++;
                    for (var e : editor.edit(List.of(batch)).edits().values()) {
                        heroOutcomes.merge(e.outcome().replaceAll(" \\(similarity [^)]*\\)", "")
                                .replaceAll("number \\S+", "number").replaceAll("name \\S+", "name")
                                .replaceAll("\\d+ words", "N words"), 1, Integer::sum);
                        if (verbose && !e.rewritten()) {
                            System.out.println("    hero: " + e.outcome());
                        }
                    }
                }
            }
            problems += judged(extractor, root, episodes, embedder);
        }
        if (hero && llm.provider().equals("none")) {
            System.out.printf(Locale.ROOT, "hero: %d request(s) recorded in %s to be answered offline (no "
                    + "provider: the workhorse text is kept); replay them with PODSIFT_LLM_PROVIDER=replay "
                    + "PODSIFT_LLM_REPLAY_DIR=%s%n", heroRequests, record, record);
        } else if (hero) {
            System.out.printf(Locale.ROOT, "hero %s:%s, each episode's top %d: %s%n", llm.provider(), llm.model(),
                    llm.perEpisode(), heroOutcomes);
        }
        Path pairs = where.set.resolve("pairs.json");
        if (Files.exists(pairs) && !heldBackOnly) {
            try (MiniLmEmbedder embedder = new MiniLmEmbedder()) {
                dev.podsift.eval.MergePairs m = new dev.podsift.eval.MergePairs(pairs, embedder);
                double used = dev.podsift.digest.RankingPolicy.defaults().mergeSimilarity();
                var now = m.at(used);
                var best = m.best();
                System.out.printf(Locale.ROOT, "merging same-idea pairs (%d pairs): at the threshold in use %.2f "
                        + "precision %.2f recall %.2f; best F1 at %.2f: precision %.2f recall %.2f%n", now.pairs(),
                        used, now.precision(), now.recall(), best.threshold(), best.precision(), best.recall());
            }
        }
        for (String split : new String[] {"tune", "holdout", "all"}) {
            List<Evaluator.Result> part = results.stream().filter(r -> split.equals("all") || split.equals(r.split())).toList();
            if (part.isEmpty()) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%-34s %-7s %6d %5.2f %5.2f %5.2f %5.2f %8.2f%n", "OVERALL (" + part.size()
                    + " episodes)", split, part.stream().mapToInt(Evaluator.Result::labels).sum(),
                    avg(part, Evaluator.Result::precisionAt5), avg(part, Evaluator.Result::recallAt10),
                    avg(part, Evaluator.Result::nonInsightRateAt5), avg(part, Evaluator.Result::duplicateRateAt5),
                    avg(part, Evaluator.Result::verbatimShare));
        }
        return problems == 0 ? 0 : 1;
    }

    /**
     * The reader-judged measure: the top 5 of every episode with verdicts ({@code verdicts/verdicts.jsonl}), split
     * into held-back episodes (never trained on) and the rest; simulated days; agreement with the hero editor's
     * recorded judgements; teacher coverage. Picks nobody has judged are counted apart (write them out with --picks).
     */
    private int judged(InsightExtractor extractor, Path root, List<EvalEpisode> labelled,
                       dev.podsift.insight.Embedder embedder) throws IOException {
        Map<String, List<JudgedSet.Passage>> byTranscript = JudgedSet.load(where.set);
        if (byTranscript.isEmpty()) {
            return 0;
        }
        dev.podsift.eval.HeldBack heldBack = dev.podsift.eval.HeldBack.of(labelled);
        JudgedEvaluator evaluator = new JudgedEvaluator(extractor);
        dev.podsift.eval.JudgedReport report = new dev.podsift.eval.JudgedReport(byTranscript);
        System.out.printf("%nreader-judged top 5 (%s, %d episodes)%n%-48s %-10s %5s %7s %9s%n", where.set.resolve(
                "verdicts"), byTranscript.size(), "episode", "split", "kept", "judged", "unjudged");
        int problems = 0;
        for (Map.Entry<String, List<JudgedSet.Passage>> e : byTranscript.entrySet()) {
            if (heldBackOnly && !heldBack.test(e.getKey())) {
                continue;
            }
            Path file = root.resolve(e.getKey());
            Transcript t;
            try {
                t = new TranscriptParser().parse(Files.readString(file), file.getFileName().toString());
            } catch (IOException | TranscriptException ex) {
                System.err.println("podsift: verdicts: cannot read " + file + ": " + ex.getMessage());
                problems++;
                continue;
            }
            JudgedEvaluator.Result r = evaluator.evaluate(e.getKey(), t, e.getValue());
            boolean held = heldBack.test(e.getKey());
            report.add(e.getKey(), held, t, r);
            System.out.printf(Locale.ROOT, "%-48s %-10s %5.1f %7d %9d%n", file.getFileName(),
                    held ? "held back" : "trained", r.kept(), r.judged(), r.top().size() - r.judged());
            if (verbose) {
                for (int i = 0; i < r.top().size(); i++) {
                    System.out.println("    " + (i + 1) + ". [" + r.verdicts().get(i) + "] " + r.top().get(i).text());
                }
            }
            if (picks != null) {
                writeJudgedPicks(r);
            }
        }
        report.printSplits(System.out);
        report.printDays(System.out, days);
        report.printHero(System.out, dev.podsift.eval.HeroLabels.load(where.set));
        report.printTeacher(System.out, root, embedder);
        return problems;
    }

    private static double avg(List<Evaluator.Result> rs, java.util.function.ToDoubleFunction<Evaluator.Result> f) {
        return rs.stream().mapToDouble(f).average().orElse(0);
    }

    private void writePicks(Evaluator.Result r) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < r.top().size(); i++) {
            Insight in = r.top().get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("episode", r.id());
            row.put("split", r.split());
            row.put("rank", i + 1);
            row.put("start", Math.round(in.startSeconds()));
            row.put("score", Math.round(in.score() * 1000) / 1000.0);
            row.put("verdict", r.verdicts().get(i));
            row.put("quote", in.quote());
            rows.add(row);
        }
        appendPicks(rows);
    }

    private void writeJudgedPicks(JudgedEvaluator.Result r) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < r.top().size(); i++) {
            Insight in = r.top().get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("transcript", r.transcript());
            row.put("rank", i + 1);
            row.put("score", Math.round(in.score() * 1000) / 1000.0);
            row.put("verdict", r.verdicts().get(i));
            row.put("keep", r.keep().get(i).isNaN() ? null : r.keep().get(i));
            row.put("quote", in.quote());
            row.put("text", in.text());
            rows.add(row);
        }
        appendPicks(rows);
    }

    /** Appends rows to the --picks file, one JSON object per line. */
    private void appendPicks(List<Map<String, Object>> rows) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> row : rows) {
            b.append(JSON.writeValueAsString(row)).append('\n');
        }
        Files.writeString(picks, b.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private int simulateTaste() throws IOException {
        if (!taste.equals("held-back") && !taste.equals("trained-on")) {
            System.err.println("podsift: --taste is held-back or trained-on, not " + taste);
            return 2;
        }
        var rows = dev.podsift.learn.VerdictBase.bundled();
        boolean held = taste.equals("held-back");
        try (var embedder = new dev.podsift.insight.MiniLmEmbedder()) {
            var s = new dev.podsift.eval.TasteSimulation.Settings(readers, 14, held ? 4 : 12, 0.2, seed, held);
            var r = new dev.podsift.eval.TasteSimulation(rows, embedder).run(s);
            System.out.printf("%d readers, %d days of %d %s episodes (%d candidates), %.0f%% of votes flipped%n",
                    readers, s.days(), s.episodesPerDay(), taste, r.candidates(), s.noise() * 100);
            System.out.println("day  with topics  without topics");
            for (int d = 0; d < s.days(); d++) {
                System.out.printf("%3d  %10.0f%%  %13.0f%%%n", d + 1, r.withTopics()[d] * 100, r.withoutTopics()[d] * 100);
            }
            System.out.printf("day 1 -> day %d: %+.0f points with topics, %+.0f without; never-voters moved: %d%n",
                    s.days(), (r.last(true) - r.first(true)) * 100, (r.last(false) - r.first(false)) * 100,
                    r.neverVotersMoved());
            if (tastePicks != null) {
                writeTastePicks(r);
            }
        }
        return 0;
    }

    private void writeTastePicks(dev.podsift.eval.TasteSimulation.Report r) throws IOException {
        java.util.Map<String, java.util.List<String>> taste = new java.util.LinkedHashMap<>();
        java.util.Map<String, java.util.List<String>> unmoved = new java.util.LinkedHashMap<>();
        for (var d : r.lastDay()) {
            String name = String.format("digest %02d", d.reader() + 1);
            taste.put(name, d.withTaste());
            unmoved.put(name, d.without());
        }
        Files.createDirectories(tastePicks);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter();
        json.writeValue(tastePicks.resolve("taste.json").toFile(), taste);
        json.writeValue(tastePicks.resolve("unmoved.json").toFile(), unmoved);
        System.out.println("wrote " + tastePicks.resolve("taste.json") + " and unmoved.json");
    }
}
