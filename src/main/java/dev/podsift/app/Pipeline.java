package dev.podsift.app;

import dev.podsift.feed.FeedScanner;
import dev.podsift.model.Stage;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredEpisode;
import dev.podsift.store.StoredPodcast;
import dev.podsift.transcript.TranscriptService;
import dev.podsift.insight.AnalysisService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass over some podcasts: scan each feed, then move every queued episode through transcript and analysis.
 * A broken feed or episode is reported (one line naming it and the reason) and recorded; the rest carry on.
 */
public final class Pipeline {
    private final App app;
    private final Progress progress;

    /** Counts for the closing summary line. */
    public record Summary(int feeds, int feedErrors, int analyzed, int failed) {
    }

    Pipeline(App app, Progress progress) {
        this.app = app;
        this.progress = progress;
    }

    public Summary run(List<StoredPodcast> podcasts, Instant since) throws StoreException {
        FeedScanner scanner = app.scanner();
        int feedErrors = 0;
        List<StoredPodcast> scanned = new ArrayList<>();
        progress.start("scanning feeds", podcasts.size());
        for (StoredPodcast p : podcasts) {
            FeedScanner.Result r = scanner.scan(p, since);
            if (r.error() != null) {
                feedErrors++;
                progress.message("feed " + p.url() + ": " + r.error());
            }
            scanned.add(app.podcasts().find(p.url()).orElse(p));
            progress.step(r.title() == null ? p.url() : r.title() + " (" + r.queued() + " new)");
        }
        progress.finish();
        List<StoredEpisode> work = new ArrayList<>();
        for (StoredPodcast p : scanned) {
            if (since != null) {
                for (StoredEpisode e : app.episodes().publishedSince(p.id(), since)) {
                    if (e.stage() == Stage.SKIPPED || e.stage() == Stage.FAILED) {
                        app.episodes().reopen(e.id());
                    }
                }
            }
            work.addAll(app.episodes().inStage(p.id(), Stage.NEW));
            work.addAll(app.episodes().inStage(p.id(), Stage.TRANSCRIBED));
        }
        int analyzed = 0;
        int failed = 0;
        if (!work.isEmpty()) {
            TranscriptService transcripts = app.transcripts();
            AnalysisService analysis = app.analysis();
            progress.start("processing episodes", work.size());
            for (StoredEpisode e : work) {
                String reason = process(e, podcastUrl(scanned, e.podcastId()), transcripts, analysis);
                if (reason == null) {
                    analyzed++;
                } else {
                    failed++;
                    progress.message("episode '" + e.title() + "' (" + e.podcastTitle() + "): " + reason);
                }
                progress.step(e.title());
            }
            progress.finish();
        }
        return new Summary(podcasts.size(), feedErrors, analyzed, failed);
    }

    private String process(StoredEpisode e, String feedUrl, TranscriptService transcripts, AnalysisService analysis)
            throws StoreException {
        if (e.stage() == Stage.NEW) {
            String reason = transcripts.transcribe(e, feedUrl);
            if (reason != null) {
                return reason;
            }
        }
        try {
            return analysis.analyze(e);
        } catch (RuntimeException ex) {
            // the model itself failed on this input: record it against the episode and go on with the rest
            String reason = "insight extraction failed: " + ex;
            app.episodes().markFailed(e.id(), reason);
            return reason;
        }
    }

    private static String podcastUrl(List<StoredPodcast> podcasts, long id) {
        for (StoredPodcast p : podcasts) {
            if (p.id() == id) {
                return p.url();
            }
        }
        return "";
    }
}
