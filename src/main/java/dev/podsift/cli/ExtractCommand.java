package dev.podsift.cli;

import dev.podsift.app.TerminalText;
import dev.podsift.digest.DigestItem;
import dev.podsift.digest.DigestRenderer;
import dev.podsift.insight.InsightExtractor;
import dev.podsift.insight.MiniLmEmbedder;
import dev.podsift.model.EpisodeRef;
import dev.podsift.model.Insight;
import dev.podsift.model.Transcript;
import dev.podsift.model.TranscriptInfo;
import dev.podsift.net.FeedDecoder;
import dev.podsift.net.FeedException;
import dev.podsift.net.Fetcher;
import dev.podsift.store.StoredInsight;
import dev.podsift.transcript.TranscriptException;
import dev.podsift.transcript.TranscriptParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code podsift extract}: the best insights of one transcript file or URL. Stores nothing. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Lists the best insights of one transcript or audio file.",
                "Transcripts: JSON, WebVTT, SRT, HTML, text or Markdown. Audio (MP3, M4A, Ogg/Opus, FLAC, WAV…) is "
                        + "transcribed first."})
public final class ExtractCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH|URL", description = "the transcript, or audio (known by its file extension)")
    String source;
    @Option(names = "--top", defaultValue = "5", description = "how many insights (default: ${DEFAULT-VALUE})")
    int top;
    @Option(names = "--format", defaultValue = "text", description = "text, md, json or html (default: ${DEFAULT-VALUE})")
    DigestRenderer.Format format;
    @Option(names = "--hero", description = "have the hero editor configured by PODSIFT_LLM_* read the best "
            + "candidates with the transcript around them, judge and rewrite them, and pick from its judgement")
    boolean hero;
    @Option(names = "--hero-record", paramLabel = "DIR", description = "with or without --hero: write the request to "
            + "the hero model (and any answer) as files in DIR, to be answered offline and replayed with "
            + "PODSIFT_LLM_PROVIDER=replay PODSIFT_LLM_REPLAY_DIR=DIR")
    java.nio.file.Path heroRecord;
    @Mixin
    AppOptions options;

    private static final java.util.regex.Pattern AUDIO =
            java.util.regex.Pattern.compile("(?i).*\\.(mp3|m4a|m4b|aac|ogg|oga|opus|flac|wav|webm|mp4)([?#].*)?$");

    static boolean isAudio(String source) {
        return AUDIO.matcher(source).matches();
    }

    private Transcript transcribe(dev.podsift.config.Config config) {
        var progress = dev.podsift.app.Progress.forStderr(Clock.systemUTC());
        try (var speech = AppOptions.speech(config)) {
            var r = speech.transcribe(source, "extract-" + ProcessHandle.current().pid() + ".audio",
                    (done, total) -> progress.audio("transcribing", done, total));
            progress.finish();
            return r.transcript();
        } catch (dev.podsift.asr.AsrException e) {
            progress.finish();
            System.err.println("podsift: " + source + ": " + e.getMessage());
            return null;
        }
    }

    private Transcript read(dev.podsift.config.Config config) {
        try {
            Fetcher.Fetched f = config.fetcher().fetch(source);
            return new TranscriptParser().parse(FeedDecoder.decodeText(f.body(), f.charset()),
                    f.contentType() != null ? f.contentType() : source);
        } catch (FeedException | TranscriptException e) {
            System.err.println("podsift: " + source + ": " + e.getMessage());
            return null;
        }
    }

    /** The show and episode the file names in its front matter, else the file's name. */
    private EpisodeRef cite(TranscriptInfo info) {
        String name = source.replaceAll("^.*[/\\\\]", "");
        String episode = info.title() != null ? info.title() : name;
        return new EpisodeRef(0, info.show(), episode, source.startsWith("http") ? source : null, null);
    }

    @Override
    public Integer call() {
        if (top < 1) {
            System.err.println("podsift: --top must be at least 1");
            return 2;
        }
        var config = options.config(heroRecord == null ? java.util.Map.of()
                : java.util.Map.of("PODSIFT_LLM_RECORD_DIR", heroRecord.toString()));
        var llm = config.llm();
        boolean edit = hero || heroRecord != null;
        if (edit && !llm.enabled()) {
            System.err.println("podsift: --hero needs a model: set PODSIFT_LLM_PROVIDER (and _BASE_URL, _API_KEY, "
                    + "_MODEL), or --hero-record DIR to write its request for answering offline");
            return 2;
        }
        Transcript transcript = isAudio(source) ? transcribe(config) : read(config);
        if (transcript == null) {
            return 1;
        }
        try (MiniLmEmbedder embedder = new MiniLmEmbedder()) {
            List<Insight> found = new InsightExtractor(embedder).extract(transcript,
                    edit ? Math.max(top, llm.perEpisode()) : top);
            EpisodeRef ref = cite(transcript.info());
            if (edit) {
                found = new HeroPick(llm, embedder).pick(ref, transcript, found, top);
            }
            List<DigestItem> items = new ArrayList<>();
            for (Insight in : found) {
                items.add(new DigestItem(items.size() + 1, new StoredInsight(0, ref, 0, in), List.of(), in.score(),
                        in.score(), 0, 0));
            }
            String rendered = new DigestRenderer().render(items, Clock.systemUTC().instant(), format);
            System.out.print(format == DigestRenderer.Format.JSON ? rendered : TerminalText.lines(rendered));
        }
        return 0;
    }
}
