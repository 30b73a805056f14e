package dev.podsift.insight;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CancellationException;

/**
 * When the analysis of one episode must stop: a moment on the service's clock (PODSIFT_ANALYSIS_MINUTES after it
 * began), or the thread's interruption (the task's time budget is spent). The extractor checks it in its loops.
 */
public record Deadline(InstantSource clock, Instant at) {
    /** No moment: only an interruption stops the work. */
    public static final Deadline NONE = new Deadline(null, null);

    /** Thrown when the moment has passed: the episode took too long, and says so. */
    public static final class Passed extends RuntimeException {
        Passed(String message) {
            super(message);
        }
    }

    /** Throws {@link Passed} past the moment, {@link CancellationException} when the thread was interrupted. */
    public void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("analysis stopped: the run's time budget is spent");
        }
        if (at != null && !clock.instant().isBefore(at)) {
            throw new Passed("analysis stopped at its time limit (PODSIFT_ANALYSIS_MINUTES); the transcript is too "
                    + "long to read in time: lower PODSIFT_MAX_ANALYSED_SENTENCES or raise the limit");
        }
    }
}
