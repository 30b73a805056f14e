package dev.podsift.app;

import dev.podsift.feed.FeedScanner;
import dev.podsift.model.Stage;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredEpisode;
import dev.podsift.store.StoredPodcast;
import dev.podsift.transcript.TranscriptService;
import dev.podsift.insight.AnalysisService;
import dev.podsift.asr.SpeechBudget;
import dev.podsift.insight.Vectors;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass over some podcasts: scan each feed, then move every queued episode through transcript and analysis.
 * A broken feed or episode is reported (one line naming it and the reason) and recorded; the rest carry on.
 */
public final class Pipeline {
    /** Audio length assumed for budgeting when the feed gives none: an hour. */
    static final double UNKNOWN_LENGTH = 3600;
    private final App app;
    private final Progress progress;

    /** Counts for the closing summary line; {@code deferred} episodes wait for the next run's speech budget. */
    public record Summary(int feeds, int feedErrors, int analyzed, int failed, int deferred) {
    }

    Pipeline(App app, Progress progress) {
        this.app = app;
        this.progress = progress;
    }

    public Summary run(List<StoredPodcast> podcasts, Instant since) throws StoreException {
        return run(podcasts, since, null);
    }

    /**
     * Scans and processes; {@code topics} (or null) decides which episodes speech recognition takes first when
     * there is more audio than PODSIFT_ASR_BUDGET_MINUTES allows.
     */
    public Summary run(List<StoredPodcast> podcasts, Instant since, String topics) throws StoreException {
        FeedScanner scanner = app.scanner();
        int feedErrors = 0;
        List<StoredPodcast> scanned = new ArrayList<>();
        progress.start("scanning feeds", podcasts.size());
        var settings = app.config().service();
        List<FeedScanner.Result> results = new dev.podsift.feed.FeedPoller(scanner, settings.pollThreads(),
                settings.pollPerHost()).scanAll(podcasts, since, r -> {
                    if (r.error() != null) {
                        progress.message("feed " + r.podcast().url() + ": " + r.error());
                    }
                    progress.step(r.title() == null ? r.podcast().url() : r.title() + " (" + r.queued() + " new)");
                });
        // re-read by id: a feed that moved (301/308, new-feed-url) has a new URL now
        Map<Long, StoredPodcast> now = new HashMap<>();
        for (StoredPodcast p : app.podcasts().list()) {
            now.put(p.id(), p);
        }
        for (FeedScanner.Result r : results) {
            if (r.error() != null) {
                feedErrors++;
            }
            scanned.add(now.getOrDefault(r.podcast().id(), r.podcast()));
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
            work.addAll(app.episodes().dueNew(p.id(), app.clock().instant()));
            work.addAll(app.episodes().inStage(p.id(), Stage.TRANSCRIBED));
        }
        int analyzed = 0;
        int failed = 0;
        List<StoredEpisode> deferred = new ArrayList<>();
        if (!work.isEmpty()) {
            TranscriptService transcripts = app.transcripts();
            work = speechLast(work, transcripts, topics);
            SpeechBudget budget = SpeechBudget.of(app.config().asr());
            AnalysisService analysis = app.analysis();
            progress.start("processing episodes", work.size());
            for (StoredEpisode e : work) {
                if (Thread.currentThread().isInterrupted()) {
                    // the task's time budget is spent: stop between episodes; what is done stays done
                    throw new java.util.concurrent.CancellationException("stopped before episode '" + e.title()
                            + "': the run's time budget is spent; " + (analyzed + failed) + " episode(s) done, the "
                            + "rest wait for the next run");
                }
                boolean speech = e.stage() == Stage.NEW && transcripts.needsSpeech(e);
                double audio = e.durationSeconds() == null ? UNKNOWN_LENGTH : e.durationSeconds();
                if (speech && !budget.fits(audio)) {
                    deferred.add(e);
                    progress.step(e.title() + " (deferred)");
                    continue;
                }
                long started = app.clock().millis();
                String reason = process(e, podcastUrl(scanned, e.podcastId()), transcripts, analysis);
                if (speech) {
                    // the speed estimate uses the audio actually heard; a failure costs its time but teaches no speed
                    double wall = (app.clock().millis() - started) / 1000.0;
                    double heard = reason != null ? 0 : app.episodes().transcript(e.id())
                            .map(dev.podsift.model.Transcript::durationSeconds).orElse(0.0);
                    budget.spent(heard, wall);
                }
                if (reason == null) {
                    analyzed++;
                } else {
                    failed++;
                    progress.message("episode '" + e.title() + "' (" + e.podcastTitle() + "): " + reason);
                }
                progress.step(e.title());
            }
            progress.finish();
            if (!deferred.isEmpty()) {
                progress.message(deferredLine(deferred, budget));
            }
        }
        return new Summary(podcasts.size(), feedErrors, analyzed, failed, deferred.size());
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
        } catch (java.util.concurrent.CancellationException stopped) {
            throw stopped; // not the episode's fault: it is analysed again by the next run
        } catch (RuntimeException ex) {
            // the model itself failed on this input: record it against the episode and go on with the rest
            String reason = "insight extraction failed: " + ex;
            app.episodes().markFailed(e.id(), reason);
            return reason;
        }
    }

    /**
     * Episodes with a publisher transcript first (cheap), then those needing speech recognition: the ones closest to
     * {@code topics} first when topics are given, else the newest first.
     */
    private List<StoredEpisode> speechLast(List<StoredEpisode> work, TranscriptService transcripts, String topics) {
        List<StoredEpisode> cheap = new ArrayList<>();
        List<StoredEpisode> speech = new ArrayList<>();
        for (StoredEpisode e : work) {
            (e.stage() == Stage.NEW && transcripts.needsSpeech(e) ? speech : cheap).add(e);
        }
        if (speech.size() > 1) {
            Map<Long, Double> relevance = new HashMap<>();
            if (topics != null && !topics.isBlank()) {
                List<String> texts = new ArrayList<>();
                texts.add(topics);
                for (StoredEpisode e : speech) {
                    texts.add(Objects.toString(e.title(), "") + ". " + Objects.toString(e.description(), ""));
                }
                float[][] v = app.embedder().embed(texts);
                for (int i = 0; i < speech.size(); i++) {
                    relevance.put(speech.get(i).id(), (double) Vectors.dot(v[0], v[i + 1]));
                }
            }
            speech.sort(Comparator.<StoredEpisode>comparingDouble(e -> -relevance.getOrDefault(e.id(), 0.0))
                    .thenComparing(e -> e.published() == null ? Instant.EPOCH : e.published(), Comparator.reverseOrder()));
        }
        cheap.addAll(speech);
        return cheap;
    }

    private String deferredLine(List<StoredEpisode> deferred, SpeechBudget budget) {
        double hours = 0;
        StringBuilder names = new StringBuilder();
        for (StoredEpisode e : deferred) {
            hours += (e.durationSeconds() == null ? UNKNOWN_LENGTH : e.durationSeconds()) / 3600.0;
            if (names.length() < 300) {
                names.append(names.length() == 0 ? "" : ", ").append('\'').append(e.title()).append("' (")
                        .append(e.podcastTitle()).append(')');
            }
        }
        return String.format(java.util.Locale.ROOT, "speech recognition budget spent (%.0f of %d min, "
                        + "PODSIFT_ASR_BUDGET_MINUTES): %d episode(s), about %.1f h of audio, wait for the next run, "
                        + "least relevant last: %s", budget.wallSeconds() / 60, app.config().asr().budgetMinutes(),
                deferred.size(), hours, names);
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
