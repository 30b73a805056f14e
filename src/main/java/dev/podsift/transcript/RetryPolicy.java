package dev.podsift.transcript;

import java.time.Duration;

/**
 * When an episode whose transcript or audio could not be had for a passing reason (a timeout, a reset, a 5xx, a
 * full disk) is tried again: 30 minutes, 2 hours, then 8 hours after its first, second and third such failure; the
 * fourth is final and the episode is FAILED with the reason.
 */
public final class RetryPolicy {
    /** Tries in all, the first included. */
    public static final int MAX_TRIES = 4;
    private static final Duration FIRST = Duration.ofMinutes(30);

    /** The wait after the {@code failures}-th temporary failure (1-based), or null when it is time to give up. */
    public Duration waitAfter(int failures) {
        if (failures < 1 || failures >= MAX_TRIES) {
            return null;
        }
        return FIRST.multipliedBy(1L << (2 * (failures - 1)));
    }
}
