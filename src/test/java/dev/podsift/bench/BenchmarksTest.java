package dev.podsift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.feed.FeedParser;
import dev.podsift.insight.InsightExtractor;
import dev.podsift.insight.MiniLmEmbedder;
import dev.podsift.insight.Sentence;
import dev.podsift.insight.SentenceSplitter;
import dev.podsift.model.Transcript;
import dev.podsift.support.Corpus;
import dev.podsift.transcript.TranscriptParser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The benchmarks behind BENCHMARKS.md ({@code ./mvnw -B -Pbench verify}). Each figure is a median of several runs
 * with its same-run ratio to a reference, because absolute times drift on shared machines while ratios hold.
 */
@Tag("bench")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BenchmarksTest {
    private static final List<String> SECTIONS = new ArrayList<>();
    private static final int ROUNDS = 7;

    @Test
    @Order(1)
    void feedParsingThroughputAgainstPythonParsers() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Corpus.file("feeds"))) {
            files = s.sorted().toList();
        }
        List<byte[]> bodies = new ArrayList<>();
        long bytes = 0;
        for (Path f : files) {
            bodies.add(Files.readAllBytes(f));
            bytes += bodies.get(bodies.size() - 1).length;
        }
        FeedParser parser = new FeedParser();
        for (int warm = 0; warm < 20; warm++) {
            parseAll(parser, bodies);
        }
        double[] secs = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            parseAll(parser, bodies);
            secs[r] = (System.nanoTime() - t0) / 1e9;
        }
        double ours = files.size() / median(secs);

        Path script = Files.createTempFile("parse_python", ".py");
        try (InputStream in = getClass().getResourceAsStream("/bench/parse_python.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), "3"));
        files.forEach(f -> cmd.add(f.toString()));
        StringBuilder rows = new StringBuilder();
        rows.append(String.format(Locale.ROOT, "| Podsift FeedParser (jsoup, JVM warm) | %.1f | 1.00 | 0 |%n", ours));
        double feedparserRate = Double.NaN;
        if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            for (String line : out.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode j = new ObjectMapper().readTree(line);
                if (j.has("error")) {
                    rows.append("| python3-").append(j.get("parser").asText()).append(" | not installed (apt-get install python3-")
                            .append(j.get("parser").asText()).append(") | | |\n");
                    continue;
                }
                double rate = j.get("files_per_s").asDouble();
                if (j.get("parser").asText().equals("feedparser")) {
                    feedparserRate = rate;
                }
                rows.append(String.format(Locale.ROOT, "| python3-%s %s | %.1f | %.2f | %d |%n", j.get("parser").asText(),
                        j.get("version").asText(), rate, rate / ours, j.get("failures").asInt()));
            }
        }
        String verdict = Double.isNaN(feedparserRate) ? "python3-feedparser not installed: no ratio"
                : String.format(Locale.ROOT, "Podsift parses **%.1f×** as many files per second as feedparser "
                + "(target ≥ 10×)", ours / feedparserRate);
        SECTIONS.add("## Feed parsing throughput\n\nAll " + files.size() + " files of `../shared/corpus/feeds` ("
                + (bytes / 1024) + " KiB, broken ones included), parsed from bytes to episodes. Podsift: median of "
                + ROUNDS + " rounds after 20 warm-up rounds in one JVM. Python parsers (Debian packages, in-process, "
                + "median of 3 rounds after a warm-up) run in the same benchmark on the same files. "
                + "\"Failures\" are files the parser raised on.\n\n"
                + "| parser | files/second | ratio to Podsift | failures |\n|---|---|---|---|\n" + rows + "\n" + verdict + ".\n");
    }

    private static void parseAll(FeedParser parser, List<byte[]> bodies) {
        for (byte[] b : bodies) {
            try {
                parser.parse(b, null, "https://bench.example/feed.xml");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    @Order(2)
    void extractionOfAnHourLongTranscriptAgainstRawEmbedding() throws Exception {
        Path file = Corpus.file("transcripts/talkpython/545-owasp-top-10-transcript-final.vtt");
        Transcript t = new TranscriptParser().parse(Files.readString(file), "text/vtt");
        List<String> sentences = new SentenceSplitter().split(t).sentences().stream().map(Sentence::text).toList();
        try (MiniLmEmbedder embedder = new MiniLmEmbedder()) {
            long[] inModel = new long[1];
            dev.podsift.insight.Embedder timed = texts -> {
                long s0 = System.nanoTime();
                try {
                    return embedder.embed(texts);
                } finally {
                    inModel[0] += System.nanoTime() - s0;
                }
            };
            InsightExtractor extractor = new InsightExtractor(timed);
            extractor.extract(new TranscriptParser().parse(Files.readString(
                    Corpus.file("transcripts/changelog/practical-ai-300.md")), "x.md"), 10); // warm-up
            InsightExtractor firstStage = new InsightExtractor(timed, dev.podsift.insight.ScoringModel.bundled(),
                    InsightExtractor.PRIOR_WEIGHT, null);
            double[] raw = new double[3];
            double[] full = new double[3];
            double[] first = new double[3];
            double[] oneByOne = new double[3];
            double[] outside = new double[3];
            var wrapper = new dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel();
            List<dev.langchain4j.data.segment.TextSegment> segments =
                    sentences.stream().map(dev.langchain4j.data.segment.TextSegment::from).toList();
            wrapper.embedAll(segments.subList(0, 50));
            for (int r = 0; r < 3; r++) {
                long w0 = System.nanoTime();
                wrapper.embedAll(segments);
                oneByOne[r] = (System.nanoTime() - w0) / 1e9;
                long t0 = System.nanoTime();
                embedder.embed(sentences);
                raw[r] = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                inModel[0] = 0;
                assertTrue(extractor.extract(t, 10).size() >= 8, "the judge may find fewer than asked");
                full[r] = (System.nanoTime() - t0) / 1e9;
                outside[r] = full[r] - inModel[0] / 1e9;
                t0 = System.nanoTime();
                assertEquals(10, firstStage.extract(t, 10).size());
                first[r] = (System.nanoTime() - t0) / 1e9;
            }
            double rawS = median(raw);
            double fullS = median(full);
            // the same on a Rev-style Markdown transcript ("Name (HH:MM:SS):" turns, front matter, a cold open)
            Path rev = Corpus.file("teacher/lenny/transcripts/adam-fishman.md");
            Transcript r = new TranscriptParser().parse(Files.readString(rev), "adam-fishman.md");
            List<String> revSentences = new SentenceSplitter().split(r).sentences().stream().map(Sentence::text).toList();
            double[] revRaw = new double[3];
            double[] revFull = new double[3];
            for (int k = 0; k < 3; k++) {
                long t0 = System.nanoTime();
                embedder.embed(revSentences);
                revRaw[k] = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                assertTrue(extractor.extract(r, 10).size() >= 8, "the judge may find fewer than asked");
                revFull[k] = (System.nanoTime() - t0) / 1e9;
            }
            SECTIONS.add(String.format(Locale.ROOT, "## Insight extraction, one hour of speech\n\n"
                    + "Talk Python #545 (WebVTT, %.0f minutes, %d sentences), model loaded and warmed up; median of 3.\n\n"
                    + "| step | seconds | ratio to raw embedding |\n|---|---|---|\n"
                    + "| langchain4j's own wrapper, one call per sentence, same %d sentences | %.2f | %.2f |\n"
                    + "| raw embedding of the same %d sentences, batched (the reference) | %.2f | 1.00 |\n"
                    + "| first stage alone (split, embed, score %s windows, re-embed winners) | %.2f | %.2f |\n"
                    + "| full extraction (the same, and the judge reads and re-embeds the windows around the best 15 "
                    + "spots) | %.2f | %.2f |\n\n"
                    + "The judge costs **%.2f×** the first stage alone (target ≤ 1.5×). Target ≤ 5 s: **%.2f s**. Pipeline overhead, measured inside the same extraction runs as the time "
                    + "spent outside the model over the time in it: **%.0f%%** (target ≤ 20%%). The ratio in the table "
                    + "compares separately timed runs and moves by ±10%% with the machine's load.\n\n"
                    + "The same on a Rev-style Markdown transcript (Lenny's Podcast, adam-fishman.md, %.0f minutes, %d "
                    + "sentences: \"Name (HH:MM:SS):\" turns, front matter, a cold open): raw embedding %.2f s, full "
                    + "extraction %.2f s, **%.2f×** raw embedding.\n",
                    t.durationSeconds() / 60, sentences.size(), sentences.size(), median(oneByOne),
                    median(oneByOne) / rawS, sentences.size(), rawS, "~5×" + sentences.size(), median(first),
                    median(first) / rawS, fullS, fullS / rawS, fullS / median(first), fullS, 100 * median(outside) / (fullS - median(outside)),
                    r.durationSeconds() / 60, revSentences.size(), median(revRaw), median(revFull),
                    median(revFull) / median(revRaw)));
        }
    }

    @Test
    @Order(3)
    void aDayOfFiftyEpisodesIntoATopFive() throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Corpus.file("transcripts"))) {
            files.addAll(s.filter(p -> p.toString().matches(".*(talkpython/5[0-9]{2}-.*\\.vtt|practicalai/.*\\.md"
                    + "|changelog/.*\\.md|bitcointranscripts/.*\\.md|conduit/.*\\.md)$")).sorted().toList());
        }
        Path dir = Files.createTempDirectory("bench-day");
        java.time.InstantSource clock = java.time.InstantSource.system();
        double totalHours = 0;
        long t0 = System.nanoTime();
        long embedNanos;
        int insights;
        try (dev.podsift.store.Database db = dev.podsift.store.Database.sqlite(dir);
             MiniLmEmbedder raw = new MiniLmEmbedder()) {
            long[] spent = new long[1];
            dev.podsift.insight.Embedder timed = texts -> {
                long s = System.nanoTime();
                try {
                    return raw.embed(texts);
                } finally {
                    spent[0] += System.nanoTime() - s;
                }
            };
            var podcasts = new dev.podsift.store.PodcastStore(db, clock);
            var episodes = new dev.podsift.store.EpisodeStore(db, clock);
            var store = new dev.podsift.store.InsightStore(db, clock);
            var extractor = new InsightExtractor(timed);
            var analysis = new dev.podsift.insight.AnalysisService(extractor, episodes, store, 10, 6000,
                    java.time.Duration.ofMinutes(10), clock);
            List<dev.podsift.store.StoredPodcast> shows = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Path f = files.get(i % files.size());
                int show = i % 5;
                long pid = podcasts.add("https://bench.example/show-" + show + ".xml");
                Transcript t = new TranscriptParser().parse(Files.readString(f), f.getFileName().toString());
                totalHours += t.durationSeconds() / 3600;
                var ep = new dev.podsift.model.FeedEpisode("ep-" + i, "ep-" + i, f.getFileName().toString(),
                        java.time.Instant.now(), null, "https://bench.example/" + i + ".mp3", "audio/mpeg", null, null,
                        null, List.of(), null, List.of(), null, null, null);
                long id = episodes.insertIfAbsent(pid, ep, null, dev.podsift.model.Stage.NEW).orElseThrow();
                episodes.markTranscribed(id, f.toString(), t);
                analysis.analyze(episodes.find(id).orElseThrow());
            }
            for (int show = 0; show < 5; show++) {
                shows.add(podcasts.find("https://bench.example/show-" + show + ".xml").orElseThrow());
            }
            var digest = new dev.podsift.digest.DigestService(episodes, store, new dev.podsift.store.DigestStore(db, clock),
                    new dev.podsift.digest.DigestBuilder(dev.podsift.digest.RankingPolicy.defaults()), clock);
            insights = digest.make("bench", shows, null, null, 5).size();
            embedNanos = spent[0];
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        assertEquals(5, insights);
        SECTIONS.add(String.format(Locale.ROOT, "## A day: 50 episodes into a top 5\n\n50 episodes (%.0f hours of speech: "
                + "the corpus's Talk Python, Practical AI, Changelog, Chaincode, Bitcoin Review and Conduit transcripts, "
                + "cycled) across 5 shows, each parsed, stored, extracted and analysed into SQLite, then ranked into one "
                + "top 5. One run. Target ≤ 5 minutes on 2 cores.\n\n| total | in the embedding model | outside it |\n"
                + "|---|---|---|\n| %.0f s | %.0f s (%.0f%%) | %.0f s (%.0f%%) |\n", totalHours, secs, embedNanos / 1e9,
                100 * embedNanos / 1e9 / secs, secs - embedNanos / 1e9, 100 * (1 - embedNanos / 1e9 / secs)));
    }

    @Test
    @Order(4)
    void clusteringCandidateInsights() throws Exception {
        // real sentences from the corpus transcripts, embedded once, stand in for a day's candidate insights
        List<String> texts = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Corpus.file("transcripts"))) {
            for (Path f : s.filter(p -> p.toString().matches(".*\\.(vtt|md|srt|txt)$")).sorted().toList()) {
                Transcript t = new TranscriptParser().parse(Files.readString(f), f.getFileName().toString());
                for (Sentence x : new SentenceSplitter().split(t).sentences()) {
                    if (x.words() >= 12) {
                        texts.add(x.text());
                    }
                }
            }
        }
        int big = Math.min(10_000, texts.size());
        float[][] vectors;
        try (MiniLmEmbedder embedder = new MiniLmEmbedder()) {
            vectors = embedder.embed(texts.subList(0, big));
        }
        dev.podsift.digest.DigestBuilder builder = new dev.podsift.digest.DigestBuilder(
                dev.podsift.digest.RankingPolicy.defaults());
        StringBuilder rows = new StringBuilder();
        double previous = 0;
        for (int n : new int[] {2_500, 5_000, big}) {
            List<dev.podsift.store.StoredInsight> candidates = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                var ref = new dev.podsift.model.EpisodeRef(i / 10, "Show " + (i / 100), "Episode " + (i / 10), null, null);
                candidates.add(new dev.podsift.store.StoredInsight(i, ref, i / 100, new dev.podsift.model.Insight(
                        texts.get(i), texts.get(i), 0, 1, (i * 7919 % 1000) / 1000.0, null, vectors[i])));
            }
            double[] secs = new double[3];
            for (int r = 0; r < 3; r++) {
                long t0 = System.nanoTime();
                builder.build(candidates, List.of(), null, 5);
                secs[r] = (System.nanoTime() - t0) / 1e9;
            }
            double m = median(secs);
            rows.append(String.format(Locale.ROOT, "| %d | %.2f | %s |%n", n, m,
                    previous == 0 ? "" : String.format(Locale.ROOT, "%.1f× the previous row", m / previous)));
            previous = m;
        }
        SECTIONS.add("## Clustering a day's candidate insights\n\nMerging near-duplicates (single linkage over all "
                + "pairs from different episodes) and ranking, on real corpus sentences as candidates (10 per episode, "
                + "10 episodes per show), median of 3. Target for 5,000: ≤ 10 s.\n\n| candidates | seconds | growth |\n"
                + "|---|---|---|\n" + rows + "\nIt grows with the square of the candidates (all pairs are compared): "
                + "50,000 would take about 100× the 5,000 figure, so a day that large needs a blocking step "
                + "(e.g. compare only within embedding buckets) before the pairwise pass.\n");
    }

    @Test
    @Order(5)
    void peakMemoryOfTheDemo() throws Exception {
        Path jar = Path.of("target", "podsift.jar");
        assertTrue(Files.exists(jar), "run through 'verify' so the jar is packaged first");
        Path time = Path.of("/usr/bin/time");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long[] peaks = new long[3];
        double[] secs = new double[3];
        for (int r = 0; r < 3; r++) {
            Path report = Files.createTempFile("time", ".txt");
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(time)) {
                cmd.addAll(List.of(time.toString(), "-f", "%M %e", "-o", report.toString()));
            }
            cmd.addAll(List.of(java, "-Xmx1g", "-jar", jar.toString(), "demo"));
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long t0 = System.nanoTime();
            assertEquals(0, p.waitFor());
            secs[r] = (System.nanoTime() - t0) / 1e9;
            String[] parts = Files.readString(report).trim().split("\\s+");
            peaks[r] = parts.length > 0 && !parts[0].isEmpty() ? Long.parseLong(parts[0]) : -1;
        }
        Arrays.sort(peaks);
        long peakMiB = peaks[1] / 1024;
        SECTIONS.add(String.format(Locale.ROOT, "## Peak memory of `./podsift demo`\n\n"
                + "Maximum resident set size of the whole JVM process (GNU time `%%M`) running the demo end to end "
                + "(launcher's default `-Xmx1g`), median of 3: **%d MiB** (target ≤ 1024 MiB, ratio %.2f of the "
                + "target). Wall time median %.1f s (target < 60 s).\n", peakMiB, peakMiB / 1024.0, median(secs)));
    }

    @Test
    @Order(6)
    void speechRecognitionThroughput() throws Exception {
        Path data = Path.of("target", "asr-test-data");
        dev.podsift.asr.Ffmpeg ffmpeg = dev.podsift.asr.Ffmpeg.locate(null, data);
        // about ten minutes of speech with known words: our spoken fixture and the corpus's real English
        // recordings (JFK, "one two three", the CMU digit string), in turn, with pauses
        Map<Path, String> sources = new java.util.LinkedHashMap<>();
        sources.put(Path.of("src/test/resources/audio/speech.opus"),
                Files.readString(Path.of("src/test/resources/audio/speech.txt")));
        for (String name : List.of("whisper__jfk", "speech_recognition__english", "vosk__test")) {
            sources.put(Corpus.file("audio/" + name + (name.startsWith("whisper") ? ".flac" : ".wav")),
                    Files.readString(Corpus.file("audio/" + name + ".ref.txt")));
        }
        java.io.ByteArrayOutputStream pcm = new java.io.ByteArrayOutputStream();
        StringBuilder reference = new StringBuilder();
        for (int round = 0; round < 6; round++) {
            for (var src : sources.entrySet()) {
                try (dev.podsift.asr.Ffmpeg.Pcm p = ffmpeg.decode(src.getKey())) {
                    pcm.write(p.stream().readAllBytes());
                    p.finish();
                }
                pcm.write(new byte[dev.podsift.asr.Ffmpeg.BYTES_PER_SECOND * 3 / 2]);
                reference.append(src.getValue()).append(' ');
            }
        }
        Path wav = Files.createTempFile("bench-speech", ".wav");
        try (var out = Files.newOutputStream(wav)) {
            out.write(dev.podsift.asr.Wav.header(pcm.size()));
            pcm.writeTo(out);
        }
        double audio = pcm.size() / (double) dev.podsift.asr.Ffmpeg.BYTES_PER_SECOND;
        Path tuned = dev.podsift.asr.VoskModels.resolve(null, data);
        Path stock = Files.createTempDirectory("vosk-stock");
        try (Stream<Path> files = Files.walk(tuned)) {
            for (Path f : files.toList()) {
                Path to = stock.resolve(tuned.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        Files.writeString(stock.resolve("conf/model.conf"), Files.readString(stock.resolve("conf/model.conf"))
                .replace("--max-active=1000", "--max-active=3000").replace("--beam=8.0", "--beam=10.0"));
        int cores = Runtime.getRuntime().availableProcessors();
        String[][] runs = {{"stock search settings, one stream, uncut", stock.toString(), "1", "1"},
                {"Podsift's search settings, one stream, uncut (the reference)", tuned.toString(), "1", "1"},
                {cores + " recognisers on 60 s pieces sharing one model", tuned.toString(), String.valueOf(cores), "1"},
                {cores + " recognisers on 60 s pieces, a model each", tuned.toString(),
                        String.valueOf(cores), String.valueOf(cores), "60"},
                {cores + " recognisers on 180 s pieces, a model each (the default)", tuned.toString(),
                        String.valueOf(cores), String.valueOf(cores), "180"}};
        double[] secs = new double[runs.length];
        String[] texts = new String[runs.length];
        for (int i = 0; i < runs.length; i++) {
            try (dev.podsift.asr.VoskEngine engine = new dev.podsift.asr.VoskEngine(Path.of(runs[i][1]),
                    Integer.parseInt(runs[i][3]))) {
                var t = new dev.podsift.asr.Transcriber(ffmpeg, engine, Integer.parseInt(runs[i][2]),
                        runs[i].length > 4 ? Integer.parseInt(runs[i][4]) : 60, 5 * 3600);
                long t0 = System.nanoTime();
                texts[i] = t.transcribe(wav, (a, b) -> { }).transcript().plainText();
                secs[i] = (System.nanoTime() - t0) / 1e9;
            }
        }
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < runs.length; i++) {
            rows.append(String.format(Locale.ROOT, "| %s | %.1f | %.3f | %.1f | %.2f | %.3f |%n", runs[i][0], secs[i],
                    secs[i] / audio, audio / secs[i], secs[1] / secs[i],
                    dev.podsift.support.Wer.rate(reference.toString(), texts[i])));
        }
        double hoursPerHour = audio / secs[4];
        SECTIONS.add(String.format(Locale.ROOT, "## Speech recognition throughput\n\n"
                + "%.1f minutes of speech with known words (our espeak-ng paragraph, then the JFK clip, \"one two "
                + "three\" and the CMU digit string from `../shared/corpus/audio`, six times over, with pauses; "
                + "mostly synthetic speech, which the small model finds harder than people) decoded from WAV and "
                + "recognised with "
                + "the bundled Vosk small English model; one run each, model loaded beforehand. Target on 2 cores: "
                + "≥ 16 hours of audio per hour (≤ 0.0625 × real time).\n\n"
                + "| run | seconds | × real time | audio hours per hour | speed vs reference | word error rate |\n|---|---|---|---|---|---|\n%s\n"
                + "Default (parallel pieces): **%.1f hours of audio per hour** (%.3f × real time), **%.2f×** the "
                + "single-stream reference in the same run. Each piece starts without the speaker adaptation an "
                + "uncut stream has built up and pays a recogniser's start-up, so short pieces cost accuracy and "
                + "speed (compare the 60 s and 180 s rows); a model shared by both recognisers costs speed.\n",
                audio / 60, rows, hoursPerHour, secs[4] / audio, secs[1] / secs[4]));
        Files.deleteIfExists(wav);
    }

    /** Runs a benchmark program in its own JVM (heap capped like the launcher) under GNU time; returns its RESULT line and peak RSS. */
    @Test
    @Order(9)
    void peakHeapOnAHugeFeedAndAGzipBomb() throws Exception {
        byte[] feed = HostileBench.bigFeed(Path.of(System.getProperty("podsift.corpus", "../shared/corpus"),
                "feeds", "pfp__the-daily.xml"), 50_000_000);
        byte[] bomb = dev.podsift.support.Bombs.gzip(10L << 30);
        try (dev.podsift.support.LocalHttpServer server = new dev.podsift.support.LocalHttpServer(null)) {
            server.route("/big.xml", new dev.podsift.support.LocalHttpServer.Route(200, "application/rss+xml", feed, 0));
            server.handler("/bomb.xml", ex -> {
                ex.getResponseHeaders().set("Content-Encoding", "gzip");
                ex.sendResponseHeaders(200, bomb.length);
                try (var out = ex.getResponseBody()) {
                    out.write(bomb);
                } catch (java.io.IOException ignored) {
                    // the client hangs up at its cap
                }
            });
            List<String> rows = new ArrayList<>();
            List<dev.podsift.support.HostileHttpServer> liars = new ArrayList<>();
            List<String> liarUrls = new ArrayList<>();
            for (int i = 0; i < 36; i++) { // 36 servers: each its own route, so no connection pool queues them
                dev.podsift.support.HostileHttpServer liar = new dev.podsift.support.HostileHttpServer(
                        java.net.InetAddress.getLoopbackAddress(), null);
                // every fetch holds whatever it allocated at once, for 1.5 s, before the server hangs up
                liar.on("/liar.xml", dev.podsift.support.HostileHttpServer.announcing(50L << 20, new byte[50], 1500));
                liars.add(liar);
                liarUrls.add("http://127.0.0.1:" + liar.port() + "/liar.xml");
            }
            for (String[] c : new String[][] {{"feed", server.url("/big.xml")}, {"bomb", server.url("/bomb.xml")},
                    {"liars", String.join(",", liarUrls)}}) {
                String[] free = child("dev.podsift.bench.HostileBench", List.of(c[0], c[1]), "1g");
                // the same work again in a JVM whose whole heap is 256 MiB above a fresh JVM's idle heap
                String capped;
                try {
                    child("dev.podsift.bench.HostileBench", List.of(c[0], c[1]), "288m");
                    capped = "passes";
                } catch (AssertionError e) {
                    capped = "runs out of memory";
                }
                rows.add(String.format(Locale.ROOT, "| %s | %s | %.2f | %.1f | %.1f | %.1f | %.2f | %s |",
                        c[0].equals("feed") ? "read and parse a 50 MB feed (" + feed.length / 1_000_000 + " MB, "
                                + (int) field(free[0], "outcome") + " episodes)"
                                : c[0].equals("bomb") ? "reject a 10 GiB gzip bomb (" + bomb.length / 1_000_000
                                + " MB on the wire)" : "36 fetches at once from 36 servers, each announcing 50 MiB "
                                + "(Content-Length) and sending 50 bytes",
                        c[0].equals("feed") ? "parsed" : c[0].equals("bomb") ? "refused at PODSIFT_MAX_DOWNLOAD_BYTES"
                                : (int) field(free[0], "outcome") + " refused: body cut short",
                        field(free[0], " s"), field(free[0], "idle_mib"), field(free[0], "sampled_above_mib"),
                        field(free[0], "pools_above_mib"), field(free[0], "sampled_above_mib") / 256, capped));
            }
            SECTIONS.add("## Peak heap on hostile input\n\nThe production fetcher over real HTTP on 127.0.0.1 (the files "
                    + "are served by the benchmark's JVM, the measured work runs in its own `-Xmx1g` JVM after one warm-up "
                    + "run). \"Sampled\" is the heap in use read every millisecond, minus the idle heap after a full GC; "
                    + "\"pools\" adds up the heap pools' peaks (an upper bound). The last column runs the same work in a "
                    + "JVM capped at `-Xmx288m`, i.e. 256 MiB above a fresh JVM's idle heap. Target: ≤ 256 MiB above "
                    + "idle.\n\n| work | outcome | seconds | idle MiB | sampled above idle MiB | pools above idle MiB "
                    + "| ratio to 256 MiB (sampled) | with -Xmx288m |\n|---|---|---|---|---|---|---|---|\n"
                    + String.join("\n", rows) + "\n");
            for (dev.podsift.support.HostileHttpServer liar : liars) {
                liar.close();
            }
        }
    }

    private static String[] child(String main, List<String> args) throws Exception {
        return child(main, args, "1g");
    }

    private static String[] child(String main, List<String> args, String heap) throws Exception {
        Path time = Path.of("/usr/bin/time");
        Path report = Files.createTempFile("time", ".txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(time)) {
            cmd.addAll(List.of(time.toString(), "-f", "%M", "-o", report.toString()));
        }
        cmd.addAll(List.of(java, "-Xmx" + heap, "-cp", "target/test-classes" + System.getProperty("path.separator")
                + "target/podsift.jar", main));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        String result = out.lines().filter(l -> l.startsWith("RESULT")).findFirst().orElseThrow(() -> new AssertionError(out));
        String rss = Files.readString(report).trim();
        return new String[] {result, rss.isEmpty() ? "-1" : rss.lines().reduce((a, b) -> b).orElse("-1").trim()};
    }

    private static double field(String result, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(name + "=([0-9.]+)").matcher(result);
        assertTrue(m.find(), name + " in " + result);
        return Double.parseDouble(m.group(1));
    }

    @Test
    @Order(7)
    void pollingTenThousandFeeds() throws Exception {
        // real corpus bodies up to 300 KB, served from 50 loopback hosts (127.0.0.1–50): 59% plain 200, 35% with an
        // ETag (304 on the second pass), 5% failing (500, 404, connection cut), 1% slow (2 s before answering)
        List<byte[]> bodies = new ArrayList<>();
        try (Stream<Path> s = Files.list(Corpus.file("feeds"))) {
            for (Path f : s.sorted().toList()) {
                if (Files.size(f) <= 300_000) {
                    bodies.add(Files.readAllBytes(f));
                }
            }
        }
        int feeds = 10_000;
        final int hostCount = 50;
        List<com.sun.net.httpserver.HttpServer> servers = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(64);
        int port = 0;
        com.sun.net.httpserver.HttpHandler handler = ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                int i = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
                int kind = (i / hostCount) % 100; // every host gets every kind: slow feeds spread over hosts
                if (kind == 0) {
                    try {
                        Thread.sleep(2000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (kind >= 1 && kind <= 5) {
                    if (kind == 5) {
                        ex.getResponseHeaders().set("Content-Length", "100000");
                        ex.sendResponseHeaders(200, 100000);
                        ex.getResponseBody().write("<rss".getBytes(StandardCharsets.UTF_8));
                        return; // cut off
                    }
                    ex.sendResponseHeaders(kind <= 2 ? 500 : 404, -1);
                    return;
                }
                String etag = "\"v" + i + "\"";
                if (kind <= 40 && etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                    ex.sendResponseHeaders(304, -1);
                    return;
                }
                byte[] body = bodies.get(i % bodies.size());
                if (kind <= 40) {
                    ex.getResponseHeaders().set("ETag", etag);
                }
                ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            } catch (java.io.IOException e) {
                // the client went away
            }
        };
        try {
            for (int h = 1; h <= hostCount; h++) {
                com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                        new java.net.InetSocketAddress(java.net.InetAddress.getByName("127.0.0." + h), port), 100);
                server.setExecutor(pool);
                server.createContext("/f/", handler);
                server.start();
                port = server.getAddress().getPort();
                servers.add(server);
            }
            Path data = Files.createTempDirectory("podsift-poll-bench");
            String[] r = child("dev.podsift.bench.PollBench", List.of(data.toString(), String.valueOf(port),
                    String.valueOf(feeds), String.valueOf(hostCount)));
            double first = field(r[0], "pass1");
            double second = field(r[0], "pass2");
            long peakMiB = Long.parseLong(r[1]) / 1024;
            SECTIONS.add(String.format(Locale.ROOT, "## Polling 10,000 feeds\n\n"
                    + "One process (`-Xmx1g`, %d threads, at most %d per host) polls %,d feeds on a local HTTP server: real "
                    + "corpus bodies up to 300 KB (%d files) from 50 loopback hosts; 59%% plain 200, 35%% with an ETag, "
                    + "5%% failing (500, 404, a body cut off), 1%% slow (2 s before answering). Each pass reads, parses "
                    + "and stores (episodes; no transcription).\n\n"
                    + "| pass | wall time | errors | target |\n|---|---|---|---|\n"
                    + "| first follow (%,d episodes stored) | %.1f s | %d | |\n"
                    + "| steady state (ETags answered 304) | **%.1f s** | %d | ≤ 120 s (ratio %.2f) |\n\n"
                    + "Peak memory of the whole process (GNU time `%%M`): **%d MiB** (target ≤ 1024 MiB, ratio %.2f).\n",
                    16, 2, feeds, bodies.size(), (long) field(r[0], "episodes"), first, (long) field(r[0], "errors1"),
                    second, (long) field(r[0], "errors2"), second / 120, peakMiB, peakMiB / 1024.0));
        } finally {
            for (var s : servers) {
                s.stop(0);
            }
            pool.shutdownNow();
        }
    }

    @Test
    @Order(8)
    void tenThousandSubscribersDigestsToSmtp() throws Exception {
        try (dev.podsift.support.ScriptedSmtpServer smtp = new dev.podsift.support.ScriptedSmtpServer()) {
            smtp.keepBodies = false;
            Path data = Files.createTempDirectory("podsift-delivery-bench");
            List<String> args = new ArrayList<>(List.of(data.toString(), String.valueOf(smtp.port()), "10000"));
            for (String show : List.of("shipping-software.xml", "founder-hours.xml", "data-bench.xml")) {
                args.add(Path.of("src/main/resources/demo", show).toAbsolutePath().toString());
            }
            String[] r = child("dev.podsift.bench.DeliveryBench", args);
            double secs = field(r[0], "deliver");
            long peakMiB = Long.parseLong(r[1]) / 1024;
            SECTIONS.add(String.format(Locale.ROOT, "## 10,000 subscribers' digests\n\n"
                    + "10,000 subscribers in three zones, all due the same minute, each following the three demo shows "
                    + "(half with their own topics); one `deliver` tick plans each day's row, builds and records each "
                    + "digest (ranking, novelty, topics embedded per subscriber), renders the email and hands it to a "
                    + "local SMTP server over one kept connection: **%.1f s** (target ≤ 300 s, ratio %.2f), %d "
                    + "messages accepted; `%s`. Peak memory of the process: %d MiB.\n", secs, secs / 300,
                    smtp.acceptedCount.get(), r[0].replace("RESULT ", ""), peakMiB));
        }
    }

    @Test
    @Order(10)
    void heroCostOfARealisticDay() throws Exception {
        // the hero editor's recorded requests and answers on 16 fresh episodes (eval/hero/), one request per episode
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("eval/hero"))) {
            for (Path recorded : s.filter(Files::isDirectory).sorted().toList()) {
                dirs.add(recorded.resolve("requests"));
                dirs.add(recorded.resolve("day/requests"));
            }
        }
        ObjectMapper json = new ObjectMapper();
        Map<String, double[]> byKey = new java.util.TreeMap<>();
        for (Path dir : dirs) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".request.json")).toList()) {
                    JsonNode r = json.readTree(f.toFile());
                    Path answer = Path.of(f.toString().replace(".request.json", ".answer.json"));
                    String text = Files.exists(answer) ? json.readTree(answer.toFile()).path("text").asText() : "";
                    byKey.put(f.getFileName().toString(), new double[] {
                            dev.podsift.llm.ReplayClient.estimate(r.path("system").asText().length()
                                    + r.path("user").asText().length()),
                            dev.podsift.llm.ReplayClient.estimate(text.length())});
                }
            }
        }
        double in = byKey.values().stream().mapToDouble(v -> v[0]).average().orElseThrow();
        double out = byKey.values().stream().mapToDouble(v -> v[1]).average().orElseThrow();
        var llm = dev.podsift.llm.LlmSettings.from(Map.of());
        int read = (int) Math.ceil(llm.maxTokens() / (in + out)); // calls go on while the run has spent less
        StringBuilder rows = new StringBuilder();
        Object[][] prices = {{"gpt-4o-mini", 0.15, 0.60}, {"claude-3-5-haiku", 0.80, 4.00}, {"gpt-4o", 2.50, 10.00}};
        for (Object[] p : prices) {
            double per = (in * (double) p[1] + out * (double) p[2]) / 1e6;
            rows.append(String.format(Locale.ROOT, "| %s | $%.2f / $%.2f | $%.4f | $%.4f | $%.4f | $%.6f | $%.2f |%n",
                    p[0], p[1], p[2], per, read * per, 15 * per, 20 * per / 1000, read * per * 1000));
        }
        SECTIONS.add(String.format(Locale.ROOT, "## The hero editor's cost of a day\n\n"
                + "From the %d requests recorded for the hero panels (`eval/hero/`, 68 fresh episodes): one request per "
                + "episode (its top %d candidates in their context) averages %.0f input and %.0f output tokens "
                + "(estimated at 4 characters a token; the answers were written offline and carry no counts). A "
                + "realistic day is 20 new episodes. One subscriber alone: the editor reads the short list's "
                + "episodes, best first, until the run's token budget (%d) is spent, %d requests; with a budget "
                + "large enough for all 15 short-list places from different episodes, 15. 1,000 subscribers sharing "
                + "those episodes: a request depends only on the episode, so each of the 20 is paid for once and "
                + "answered from the cache after that (without the cache, every subscriber's day would cost the "
                + "one-subscriber figure). List prices per million tokens, input / output, standard tier.%n%n"
                + "| model | price in / out | one request | one subscriber, default budget | one subscriber, 15 "
                + "episodes | per subscriber of 1,000 | 1,000 subscribers, no cache |%n|---|---|---|---|---|---|---|%n%s",
                byKey.size(), llm.perEpisode(), in, out, llm.maxTokens(), read, rows));
    }

    @Test
    @Order(11)
    void feedParsingGrowsInStepWithItems() throws Exception {
        FeedParser parser = new FeedParser();
        int cap = 5000; // PODSIFT_MAX_FEED_ITEMS' default: the scanner's own call
        int[] sizes = {50_000, 500_000, 5_000_000};
        for (int warm = 0; warm < 3; warm++) {
            parser.parse(emptyItems(500_000, "\n"), null, null, cap);
        }
        StringBuilder rows = new StringBuilder();
        double reference = 0;
        for (int n : sizes) {
            double lines = medianParse(parser, emptyItems(n, "\n"), n, cap);
            double packed = medianParse(parser, emptyItems(n, ""), n, cap);
            double perMillion = lines / n * 1e6;
            reference = reference == 0 ? perMillion : reference;
            rows.append(String.format(Locale.ROOT, "| %,d | %.1f | %.3f | %.3f | %.2f | %.2f | %.2f |%n", n,
                    emptyItems(n, "\n").length / 1048576.0, lines, packed, perMillion, perMillion / reference,
                    lines / packed));
        }
        SECTIONS.add("## Feed parsing time against the number of items\n\nAn RSS feed of N empty items (`<item/>`), "
                + "each on its own line as in every pretty-printed feed, and the same items without the newlines; "
                + "parsed from bytes as the scanner does (newest " + cap + " kept, PODSIFT_MAX_FEED_ITEMS). Median of "
                + "11 runs (3 for 5,000,000) after 3 warm-up parses of 500,000. \"Per item\" is the time per item over "
                + "the first row's (1.00 is linear); the last column is the feed on lines over the same items without "
                + "newlines, in the same run. Before read items' container was swept, 50k / 100k / 200k / 400k items on "
                + "lines took 3.0 / 8.8 / 27.4 / 116.9 s (the square of the count) and 200k without newlines 2.2 s."
                + "\n\n| items | MiB (on lines) | seconds, on lines | seconds, no newlines | seconds per million items "
                + "(on lines) | per item, to the first row | on lines to no newlines |\n|---|---|---|---|---|---|---|\n"
                + rows);
    }

    private static double medianParse(FeedParser parser, byte[] feed, int items, int cap) throws Exception {
        double[] secs = new double[items >= 5_000_000 ? 3 : 11];
        for (int r = 0; r < secs.length; r++) {
            long t0 = System.nanoTime();
            long listed = parser.parse(feed, null, null, cap).listed();
            secs[r] = (System.nanoTime() - t0) / 1e9;
            assertEquals(items, listed);
        }
        return median(secs);
    }

    private static byte[] emptyItems(int n, String separator) {
        StringBuilder b = new StringBuilder(n * 8 + 64).append("<rss><channel><title>Bench</title>\n");
        String item = "<item/>" + separator;
        for (int i = 0; i < n; i++) {
            b.append(item);
        }
        return b.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Order(12)
    void readersWithHiddenTastesOverFourteenDays() throws Exception {
        // the taste simulation at full size: 50 readers, 14 days of 4 held-back episodes, three seeds
        var rows = dev.podsift.learn.VerdictBase.bundled();
        StringBuilder table = new StringBuilder();
        double[] gains = new double[3];
        long started = System.nanoTime();
        try (var embedder = new dev.podsift.insight.MiniLmEmbedder()) {
            var sim = new dev.podsift.eval.TasteSimulation(rows, embedder);
            for (int seed = 1; seed <= 3; seed++) {
                var r = sim.run(dev.podsift.eval.TasteSimulation.Settings.full(seed));
                gains[seed - 1] = r.gain();
                table.append(String.format(Locale.ROOT, "| %d | %.0f%% → %.0f%% | %.0f%% → %.0f%% | %.0f%% → %.0f%% "
                                + "| %+.0f | %d |%n", seed, r.first(true) * 100, r.last(true) * 100,
                        r.first(false) * 100, r.last(false) * 100, avg(r, 0, 3) * 100, avg(r, 11, 14) * 100,
                        r.gain() * 100, r.neverVotersMoved()));
            }
        }
        double secs = (System.nanoTime() - started) / 1e9;
        SECTIONS.add(String.format(Locale.ROOT, "## Readers with hidden tastes, 14 days\n\n"
                + "`podsift eval --taste held-back` at full size (`TasteSimulation`): 50 simulated readers, each liking "
                + "2 of 8 topic clusters of real judged passages and disliking one kind, half of them with written "
                + "topics, vote on each day's top 5 by that taste with 20%% of votes flipped; 14 days of 4 held-back "
                + "episodes (episodes the judge was not trained on; the taste's constants were set on trained-on "
                + "ones). Share of the top 5 matching the hidden taste, day 1 → day 14, with and without written "
                + "topics, the first three days → the last three (both groups), the day 1 → 14 gain in points "
                + "(both groups), and readers who never voted whose digest moved. Three seeds, %.1f s in all; mean "
                + "gain %+.0f points.%n%n| seed | with topics | without | first 3 → last 3 days | gain | never-voters "
                + "moved |%n|---|---|---|---|---|---|%n%s", secs, (gains[0] + gains[1] + gains[2]) / 3 * 100, table));
    }

    private static double avg(dev.podsift.eval.TasteSimulation.Report r, int from, int to) {
        double s = 0;
        for (int d = from; d < to; d++) {
            s += r.withTopics()[d] + r.withoutTopics()[d];
        }
        return s / (2 * (to - from));
    }

    @AfterAll
    static void write() throws Exception {
        String machine = String.format(Locale.ROOT, "%d cores, %.0f GiB max heap available to the JVM, %s %s, Java %s",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1073741824.0,
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
        String cpu = Files.exists(Path.of("/proc/cpuinfo")) ? Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceAll(".*:\\s*", "")).orElse("?") : "?";
        String body = "# Benchmarks\n\nWritten by `./mvnw -B -Pbench verify` on " + LocalDate.now() + ". Machine: "
                + cpu + ", " + machine + ". Absolute times drift on shared machines; the same-run ratios are the "
                + "figures to compare.\n\n" + String.join("\n", SECTIONS);
        Files.writeString(Path.of("BENCHMARKS.md"), body);
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
