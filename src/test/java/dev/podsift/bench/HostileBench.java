package dev.podsift.bench;

import dev.podsift.feed.FeedParser;
import dev.podsift.model.Feed;
import dev.podsift.net.AddressPolicy;
import dev.podsift.net.FeedException;
import dev.podsift.net.Fetcher;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Peak heap while Podsift reads a 50 MB feed, rejects a 10 GiB gzip bomb, or fetches at once from 36 servers that
 * each announce a 50 MiB body and send 50 bytes, over real HTTP on 127.0.0.1 through
 * the production fetcher, measured above the idle heap: the heap in use sampled every millisecond, and the heap
 * pools' peaks added up. Run in its own JVM by {@link BenchmarksTest} (which serves the files, so none of them sits
 * in this heap); prints one RESULT line.
 */
public final class HostileBench {
    private HostileBench() {
    }

    /**
     * {@code feed URL}, {@code bomb URL} or {@code liars URL,URL,…}: fetches (and parses) once to warm up, then once
     * measured.
     */
    public static void main(String[] args) throws Exception {
        String url = args[1];
        Fetcher fetcher = new Fetcher(Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofMinutes(30),
                52_428_800, AddressPolicy.of(true));
        FeedParser parser = new FeedParser();
        String outcome = work(args[0], fetcher, parser, url);
        long idle = settle();
        java.util.concurrent.atomic.AtomicLong sampled = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread sampler = new Thread(() -> {
            var heap = ManagementFactory.getMemoryMXBean();
            while (!done.get()) {
                sampled.accumulateAndGet(heap.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long t0 = System.nanoTime();
        outcome = work(args[0], fetcher, parser, url);
        double secs = (System.nanoTime() - t0) / 1e9;
        done.set(true);
        sampler.join();
        System.out.printf(Locale.ROOT, "RESULT mode=%s outcome=%s s=%.2f idle_mib=%.1f sampled_above_mib=%.1f "
                        + "pools_above_mib=%.1f%n", args[0], outcome, secs, idle / 1048576.0,
                (sampled.get() - idle) / 1048576.0, (peak() - idle) / 1048576.0);
    }

    private static String work(String mode, Fetcher fetcher, FeedParser parser, String url) throws Exception {
        return switch (mode) {
            case "feed" -> String.valueOf(parse(fetcher, parser, url));
            case "bomb" -> reject(fetcher, url);
            default -> String.valueOf(liars(fetcher, url.split(",")));
        };
    }

    /** Fetches every URL at once; each must fail (its body stops short): returns how many did. */
    private static int liars(Fetcher fetcher, String[] urls) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(urls.length);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> all = new java.util.ArrayList<>();
            for (String u : urls) {
                all.add(pool.submit(() -> {
                    try {
                        fetcher.fetch(u);
                        return false;
                    } catch (FeedException e) {
                        return true;
                    }
                }));
            }
            int refused = 0;
            for (java.util.concurrent.Future<Boolean> f : all) {
                refused += f.get() ? 1 : 0;
            }
            if (refused != urls.length) {
                throw new IllegalStateException("a short body was accepted");
            }
            return refused;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int parse(Fetcher fetcher, FeedParser parser, String url) throws FeedException {
        Fetcher.Fetched f = fetcher.fetch(url);
        Feed feed = parser.parse(f.body(), f.charset(), f.url());
        return feed.episodes().size();
    }

    private static String reject(Fetcher fetcher, String url) {
        try {
            fetcher.fetch(url);
            throw new IllegalStateException("the bomb was accepted");
        } catch (FeedException e) {
            if (!e.getMessage().contains("PODSIFT_MAX_DOWNLOAD_BYTES")) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            return "PODSIFT_MAX_DOWNLOAD_BYTES";
        }
    }

    /** Collects garbage, resets the heap pools' peaks, and returns the heap in use. */
    private static long settle() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
                used += p.getUsage().getUsed();
            }
        }
        return used;
    }

    /** The heap pools' peaks since the last reset, added up (an upper bound on the heap at any one moment). */
    private static long peak() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** A real feed's items repeated (with fresh GUIDs) until the document is at least {@code size} bytes. */
    static byte[] bigFeed(Path source, int size) throws Exception {
        String xml = Files.readString(source, StandardCharsets.UTF_8);
        int first = xml.indexOf("<item");
        int last = xml.lastIndexOf("</item>") + "</item>".length();
        String head = xml.substring(0, first);
        String items = xml.substring(first, last);
        String tail = xml.substring(last);
        StringBuilder b = new StringBuilder(size + items.length()).append(head);
        for (int copy = 0; b.length() + tail.length() < size; copy++) {
            b.append(items.replace("<guid", "<guid data-copy=\"" + copy + "\"").replace("</guid>", "-" + copy + "</guid>"));
        }
        return b.append(tail).toString().getBytes(StandardCharsets.UTF_8);
    }
}
