package dev.podsift.cli;

import dev.podsift.app.App;
import dev.podsift.app.Pipeline;
import dev.podsift.app.Progress;
import dev.podsift.app.TerminalText;
import dev.podsift.digest.DigestItem;
import dev.podsift.digest.DigestRenderer;
import dev.podsift.digest.DigestService;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredPodcast;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The shared body of {@code digest} and {@code demo}: scan, process, rank, record, print. */
final class DigestRun {
    private DigestRun() {
    }

    static int run(App app, List<StoredPodcast> podcasts, Instant since, int top, String topics,
                   DigestRenderer.Format format, Path output, PrintStream out, PrintStream err) throws StoreException {
        if (podcasts.isEmpty()) {
            err.println("podsift: no feeds to scan: give --feed URL_OR_PATH or --opml FILE, or follow some with "
                    + "'podsift feeds add'");
            return 1;
        }
        Progress progress = Progress.forStderr(app.clock());
        Pipeline.Summary summary = app.pipeline(progress).run(podcasts, since, topics);
        float[] topicVector = topics == null || topics.isBlank() ? null
                : app.embedder().embed(List.of(topics))[0];
        DigestService service = app.digestService();
        String subscriber = app.config().subscriber();
        DigestService.Outcome outcome = service.makeWithHero(subscriber, podcasts, since, topicVector, top);
        List<DigestItem> items = outcome.items();
        var llm = app.config().llm();
        if (outcome.hero() != null && llm.provider().equals("none")) {
            err.println("hero: " + outcome.hero().calls() + " request(s) recorded in " + llm.recordDir()
                    + " to be answered offline (no provider: the workhorse text is kept); replay them with "
                    + "PODSIFT_LLM_PROVIDER=replay PODSIFT_LLM_REPLAY_DIR=" + llm.recordDir());
        } else if (outcome.hero() != null) {
            err.println(outcome.hero().line(llm.provider() + ":" + llm.model(), llm));
        }
        Instant now = app.clock().instant();
        DigestRenderer renderer = new DigestRenderer();
        String rendered = renderer.render(items, now, format);
        service.record(subscriber, items, format == DigestRenderer.Format.JSON ? rendered
                : renderer.render(items, now, DigestRenderer.Format.JSON));
        if (output != null) {
            try {
                Files.writeString(output, rendered, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("podsift: cannot write " + output + ": " + e.getMessage());
                return 1;
            }
            err.println("wrote " + output.toAbsolutePath());
        } else {
            // JSON escapes controls itself (and its quotes stay verbatim); every other format is read on a terminal
            out.print(format == DigestRenderer.Format.JSON ? rendered : TerminalText.lines(rendered));
            out.flush();
        }
        err.printf("%d feed(s) scanned, %d unreachable; %d episode(s) analyzed, %d failed%s; %d insight(s) in the digest%n",
                summary.feeds(), summary.feedErrors(), summary.analyzed(), summary.failed(),
                summary.deferred() == 0 ? "" : ", " + summary.deferred() + " deferred", items.size());
        return summary.feedErrors() == summary.feeds() ? 1 : 0;
    }
}
