package dev.podsift.cli;

import dev.podsift.eval.EvalEpisode;
import dev.podsift.eval.EvalSet;
import dev.podsift.eval.TrainingSet;
import dev.podsift.insight.InsightExtractor;
import dev.podsift.insight.MiniLmEmbedder;
import dev.podsift.insight.ModelTrainer;
import dev.podsift.insight.ScoringModel;
import dev.podsift.transcript.TranscriptParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code podsift train}: fits the insight scoring model on the tuning half of the evaluation set. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fits the insight scoring model (logistic regression on window features and embeddings) on the "
                + "episodes of eval/ marked \"tune\", and writes it where the build bundles it.",
                "With --votes: refits the vote layer from readers' votes in the database (see the README: what is "
                + "learned from whom).",
                "Held-out episodes are never used; measure the result with 'podsift eval'."})
public final class TrainCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    EvalOptions where;
    @Option(names = "--out", paramLabel = "FILE", defaultValue = "src/main/resources/dev/podsift/insight/scoring-model.json",
            description = "where to write the model (default: ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--l2", defaultValue = "0.01", description = "L2 regularisation (default: ${DEFAULT-VALUE})")
    double l2;
    @Option(names = "--embedding-l2", paramLabel = "L2",
            description = "L2 regularisation of the embedding's weights (default: the same as --l2)")
    Double embeddingL2;
    @Option(names = "--iterations", defaultValue = "400", description = "gradient steps (default: ${DEFAULT-VALUE})")
    int iterations;
    @Option(names = "--judge-data", paramLabel = "FILE", description = "instead: write the judge's examples (every "
            + "passage with reader verdicts, every candidate the hero editor judged, as the judge sees it) as JSON "
            + "lines to FILE, for train/judge.py")
    Path judgeData;
    @Option(names = "--verdict-base", paramLabel = "FILE", description = "instead: write every passage readers judged, "
            + "as the shipped judge scores it, as gzipped JSON lines to FILE (bundled as "
            + "src/main/resources/dev/podsift/learn/verdict-base.jsonl.gz: what the vote layer is refitted and gated on)")
    Path verdictBase;
    @Option(names = "--votes", description = "instead: refit the vote layer now from everyone's votes in the database "
            + "(--data) and the bundled reader verdicts, adopting it only if it does at least as well on the held-back "
            + "verdicts (what the service does once a day when 50 new votes from 3 readers arrived)")
    boolean votes;
    @picocli.CommandLine.Mixin
    AppOptions app;

    @Override
    public Integer call() throws Exception {
        Path root = where.corpusRoot();
        List<EvalEpisode> episodes = EvalSet.load(where.set);
        if (judgeData != null) {
            return writeJudgeData(root, episodes);
        }
        if (verdictBase != null) {
            return writeVerdictBase(root);
        }
        if (votes) {
            try (dev.podsift.app.App a = app.open()) {
                var o = a.retrainer(line -> { }).run(true);
                System.out.println(o.state() + ": " + o.note());
                return 0;
            }
        }
        List<ModelTrainer.Example> examples = new ArrayList<>();
        List<String> used = new ArrayList<>();
        try (MiniLmEmbedder embedder = new MiniLmEmbedder()) {
            // features come from the hand-set scorer only, never from a previously trained model
            TrainingSet builder = new TrainingSet(new InsightExtractor(embedder, null));
            for (EvalEpisode ep : episodes) {
                if (!"tune".equals(ep.split())) {
                    continue;
                }
                Path file = root.resolve(ep.transcript());
                var t = new TranscriptParser().parse(Files.readString(file), file.getFileName().toString());
                List<ModelTrainer.Example> ex = builder.examples(ep, t);
                long pos = ex.stream().filter(ModelTrainer.Example::insight).count();
                System.out.printf("%-34s %6d windows, %4d insight%n", ep.id(), ex.size(), pos);
                examples.addAll(ex);
                used.add(ep.id());
            }
        }
        if (examples.isEmpty()) {
            System.err.println("podsift: no episodes marked \"tune\" in " + where.set);
            return 1;
        }
        ScoringModel model = new ModelTrainer(l2, embeddingL2 == null ? l2 : embeddingL2, iterations).train(examples, String.join(",", used));
        Files.createDirectories(out.toAbsolutePath().getParent());
        model.save(out);
        System.out.println("wrote " + out + " (" + examples.size() + " windows from " + used.size() + " episodes)");
        return 0;
    }

    private int writeVerdictBase(Path root) throws Exception {
        try (var embedder = where.embedder();
             var out = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(Files.newOutputStream(
                     verdictBase)), java.nio.charset.StandardCharsets.UTF_8)) {
            int[] n = new dev.podsift.eval.VerdictBaseWriter(where.set, root, embedder).write(out,
                    done -> System.err.print("."));
            System.out.printf("%nwrote %s: %d passages (%d not found in their transcript)%n", verdictBase, n[0], n[1]);
        }
        return 0;
    }

    private int writeJudgeData(Path root, List<EvalEpisode> episodes) throws Exception {
        var verdicts = dev.podsift.eval.JudgedSet.load(where.set);
        var heldBack = dev.podsift.eval.HeldBack.of(episodes);
        var hero = dev.podsift.eval.HeroLabels.load(where.set);
        java.util.Set<String> transcripts = new java.util.TreeSet<>(verdicts.keySet());
        transcripts.addAll(hero.keySet());
        int[] missing = {0};
        int written = 0;
        try (var embedder = where.embedder();
             var out = Files.newBufferedWriter(judgeData)) {
            var data = new dev.podsift.eval.JudgeData(new InsightExtractor(embedder, ScoringModel.bundled(),
                    InsightExtractor.PRIOR_WEIGHT, null), embedder);
            // the first line names the inputs, so the fitted model records what it was trained on
            out.write(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(java.util.Map.of("inputs",
                    dev.podsift.insight.JudgeModel.inputNames(embedder.embed(List.of("x"))[0].length))));
            out.newLine();
            for (String path : transcripts) {
                Path file = root.resolve(path);
                var t = new TranscriptParser().parse(Files.readString(file), file.getFileName().toString());
                for (var e : data.examples(path, heldBack.test(path), t, verdicts.getOrDefault(path, List.of()),
                        hero.getOrDefault(path, List.of()), missing)) {
                    out.write(dev.podsift.eval.JudgeData.json(e));
                    out.newLine();
                    written++;
                }
                System.err.print(".");
            }
        }
        System.out.printf("%nwrote %s: %d examples from %d episodes (%d passages not found in their transcript)%n",
                judgeData, written, transcripts.size(), missing[0]);
        return 0;
    }
}
