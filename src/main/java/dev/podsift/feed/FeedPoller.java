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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Scans many feeds at once: {@code threads} requests in flight, at most {@code perHost} to any one host (so a big
 * host sees a polite trickle, not a burst), hosts interleaved so one slow host cannot hold every thread.
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
        Map<String, Semaphore> hosts = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, podcasts.size()), r -> {
            Thread t = new Thread(r, "feed-poll");
            t.setDaemon(true);
            return t;
        });
        Map<StoredPodcast, Future<FeedScanner.Result>> futures = new LinkedHashMap<>();
        try {
            for (StoredPodcast p : interleaved(podcasts)) {
                futures.put(p, pool.submit(() -> {
                    Semaphore s = hosts.computeIfAbsent(host(p.url()), h -> new Semaphore(perHost));
                    s.acquire();
                    FeedScanner.Result r;
                    try {
                        r = scanner.scan(p, since);
                    } finally {
                        s.release();
                    }
                    synchronized (each) {
                        each.accept(r);
                    }
                    return r;
                }));
            }
            List<FeedScanner.Result> out = new ArrayList<>();
            for (StoredPodcast p : podcasts) {
                try {
                    out.add(futures.get(p).get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof StoreException se) {
                        throw se;
                    }
                    throw new IllegalStateException("scanning " + p.url() + " failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while scanning feeds", e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Round-robin over hosts: a, b, c, a, b, a … so the first requests spread over every host. */
    static List<StoredPodcast> interleaved(List<StoredPodcast> podcasts) {
        Map<String, Deque<StoredPodcast>> byHost = new LinkedHashMap<>();
        for (StoredPodcast p : podcasts) {
            byHost.computeIfAbsent(host(p.url()), h -> new ArrayDeque<>()).add(p);
        }
        List<StoredPodcast> out = new ArrayList<>();
        while (out.size() < podcasts.size()) {
            for (Deque<StoredPodcast> q : byHost.values()) {
                if (!q.isEmpty()) {
                    out.add(q.poll());
                }
            }
        }
        return out;
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
