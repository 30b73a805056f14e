package dev.podsift.feed;

import dev.podsift.store.StoreException;
import dev.podsift.store.StoredPodcast;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Scans many feeds at once: {@code threads} requests in flight, at most {@code perHost} to any one host (so a big
 * host sees a polite trickle, not a burst); a thread never waits on a busy host while another host has work, so
 * one slow host cannot hold every thread.
 */
public final class FeedPoller {
    private final FeedScanner scanner;
    private final int threads;
    private final int perHost;

    public FeedPoller(FeedScanner scanner, int threads, int perHost) {
        this.scanner = scanner;
        this.threads = threads;
        this.perHost = perHost;
    }

    /** Scans every podcast; {@code each} hears every result as it comes (one at a time). Results in input order. */
    public List<FeedScanner.Result> scanAll(List<StoredPodcast> podcasts, Instant since,
                                            Consumer<FeedScanner.Result> each) throws StoreException {
        if (podcasts.size() <= 1 || threads <= 1) {
            List<FeedScanner.Result> out = new ArrayList<>();
            for (StoredPodcast p : podcasts) {
                FeedScanner.Result r = scanner.scan(p, since);
                each.accept(r);
                out.add(r);
            }
            return out;
        }
        Dispatch dispatch = new Dispatch(podcasts, perHost);
        Map<Long, FeedScanner.Result> results = new ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        StoreException[] failure = new StoreException[1];
        for (int t = 0; t < Math.min(threads, podcasts.size()); t++) {
            Thread w = new Thread(() -> {
                for (StoredPodcast p; (p = dispatch.next()) != null; ) {
                    try {
                        FeedScanner.Result r = scanner.scan(p, since);
                        results.put(p.id(), r);
                        synchronized (each) {
                            each.accept(r);
                        }
                    } catch (StoreException e) {
                        synchronized (failure) {
                            failure[0] = e;
                        }
                    } finally {
                        dispatch.done(p);
                    }
                }
            }, "feed-poll");
            w.setDaemon(true);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while scanning feeds", e);
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        List<FeedScanner.Result> out = new ArrayList<>();
        for (StoredPodcast p : podcasts) {
            out.add(results.get(p.id()));
        }
        return out;
    }

    /**
     * Hands out feeds so that no thread ever waits on a busy host while another host has work: each host has its
     * queue and a count of requests in flight; {@link #next} takes from the next host (in turn) below the limit.
     */
    private static final class Dispatch {
        private final Map<String, Deque<StoredPodcast>> queues = new LinkedHashMap<>();
        private final Map<String, Integer> active = new java.util.HashMap<>();
        private final List<String> hosts;
        private final int perHost;
        private int remaining;
        private int turn;

        Dispatch(List<StoredPodcast> podcasts, int perHost) {
            for (StoredPodcast p : podcasts) {
                queues.computeIfAbsent(host(p.url()), h -> new ArrayDeque<>()).add(p);
            }
            this.hosts = new ArrayList<>(queues.keySet());
            this.perHost = perHost;
            this.remaining = podcasts.size();
        }

        synchronized StoredPodcast next() {
            while (remaining > 0) {
                for (int k = 0; k < hosts.size(); k++) {
                    String h = hosts.get((turn + k) % hosts.size());
                    Deque<StoredPodcast> q = queues.get(h);
                    if (!q.isEmpty() && active.getOrDefault(h, 0) < perHost) {
                        active.merge(h, 1, Integer::sum);
                        remaining--;
                        turn = (turn + k + 1) % hosts.size();
                        return q.poll();
                    }
                }
                try {
                    wait(); // every host with work is at its limit: wait for one to finish
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return null;
        }

        synchronized void done(StoredPodcast p) {
            active.merge(host(p.url()), -1, Integer::sum);
            notifyAll();
        }
    }

    static String host(String url) {
        try {
            String h = URI.create(url).getHost();
            return h == null ? "" : h.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
