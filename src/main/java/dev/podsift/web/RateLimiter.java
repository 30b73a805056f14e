package dev.podsift.web;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** At most {@code limit} actions per key (an action + client address) in a sliding window. In memory, per process. */
final class RateLimiter {
    private final int limit;
    private final Duration window;
    private final InstantSource clock;
    private final Map<String, Deque<Long>> hits = new ConcurrentHashMap<>();

    RateLimiter(int limit, Duration window, InstantSource clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Counts one action; false when the key is over its limit (the action should be refused). */
    boolean allow(String key) {
        long now = clock.millis();
        Deque<Long> q = hits.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            while (!q.isEmpty() && q.peekFirst() <= now - window.toMillis()) {
                q.pollFirst();
            }
            if (q.size() >= limit) {
                return false;
            }
            q.addLast(now);
            return true;
        }
    }
}
