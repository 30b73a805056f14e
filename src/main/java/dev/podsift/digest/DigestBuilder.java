package dev.podsift.digest;

import dev.podsift.insight.SameIdea;
import dev.podsift.insight.Vectors;
import dev.podsift.store.StoredInsight;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks a day's insights across episodes: drops what was already delivered (and its near-duplicates), merges the
 * same idea said on several episodes (the best phrasing stays, the best of each other episode becomes "also in"
 * and adds weight) or said twice in one (the restatement is dropped), pulls up
 * what matches the reader's topics, keeps shows diverse, and cuts to the top N.
 */
public final class DigestBuilder {
    private final RankingPolicy policy;

    public DigestBuilder(RankingPolicy policy) {
        this.policy = policy;
    }

    private static final class Cluster {
        final StoredInsight best;
        final List<StoredInsight> others = new ArrayList<>();
        final Set<Long> podcasts = new HashSet<>();

        Cluster(StoredInsight best) {
            this.best = best;
            podcasts.add(best.podcastId());
        }
    }

    /** The top {@code top} items; {@code topics} is the embedding of the reader's topics, or null. */
    public List<DigestItem> build(List<StoredInsight> candidates, List<StoredInsight> delivered, float[] topics,
                                  int top) {
        return build(candidates, delivered, topics, Taste.NONE, top);
    }

    /** The same, moved by the reader's {@code taste} (bounded: see {@link Taste}). */
    public List<DigestItem> build(List<StoredInsight> candidates, List<StoredInsight> delivered, float[] topics,
                                  Taste taste, int top) {
        List<StoredInsight> fresh = new ArrayList<>();
        Map<StoredInsight, Double> closest = new java.util.IdentityHashMap<>();
        for (StoredInsight c : candidates) {
            double like = closest(c, delivered);
            if (like < policy.deliveredSimilarity()) {
                fresh.add(c);
                closest.put(c, like);
            }
        }
        fresh.sort(Comparator.comparingDouble((StoredInsight s) -> s.insight().score()).reversed());
        List<Cluster> clusters = cluster(fresh);
        List<DigestItem> scored = new ArrayList<>();
        for (Cluster c : clusters) {
            double quality = c.best.insight().score();
            double relevance = topics == null ? 0 : Math.max(0, Vectors.dot(c.best.insight().embedding(), topics));
            double consensus = policy.consensusBonus() * (c.podcasts.size() - 1);
            Taste.Part preference = taste.at(c.best.podcastId(), c.best.insight().embedding(),
                    c.best.insight().text());
            double score = quality + consensus + policy.topicWeight() * relevance + preference.value();
            scored.add(new DigestItem(0, c.best, List.copyOf(c.others), score, quality, relevance, consensus,
                    Math.max(0, 1 - closest.get(c.best)), preference.value(), preference.why()));
        }
        return pick(scored, top);
    }

    /**
     * The top {@code top} of {@code scored} (any order) with at most {@link RankingPolicy#maxPerShow()} per show while
     * other shows have candidates, numbered by rank.
     */
    public List<DigestItem> pick(List<DigestItem> scored, int top) {
        List<DigestItem> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble(DigestItem::score).reversed());
        List<DigestItem> out = new ArrayList<>();
        Map<Long, Integer> perShow = new HashMap<>();
        for (DigestItem item : sorted) {
            if (out.size() >= top) {
                break;
            }
            long show = item.insight().podcastId();
            if (perShow.getOrDefault(show, 0) >= policy.maxPerShow()) {
                continue;
            }
            perShow.merge(show, 1, Integer::sum);
            out.add(item);
        }
        // Too few shows to fill the list within the per-show cap: a shorter digest helps nobody, so the best of
        // the rest fill the remaining places (still ranked by score).
        for (DigestItem item : sorted) {
            if (out.size() >= top) {
                break;
            }
            if (!out.contains(item)) {
                out.add(item);
            }
        }
        out.sort(Comparator.comparingDouble(DigestItem::score).reversed());
        List<DigestItem> ranked = new ArrayList<>(out.size());
        for (DigestItem item : out) {
            ranked.add(item.at(ranked.size() + 1, item.score()));
        }
        return ranked;
    }

    /**
     * Single-linkage clustering: two insights from different episodes at or above the merge similarity share a
     * cluster, and so do two of one episode that make the same point ({@link SameIdea}, by likeness: the thread rule
     * needs the episode's length and was applied when it was analysed), and their neighbours. Order-independent (union-find); {@code sorted} is best first, so each
     * cluster's first member is its best phrasing.
     */
    private List<Cluster> cluster(List<StoredInsight> sorted) {
        int n = sorted.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        float[][] v = new float[n][];
        long[] episode = new long[n];
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = sorted.get(i).insight().embedding();
            episode[i] = sorted.get(i).episode().episodeId();
            start[i] = sorted.get(i).insight().startSeconds();
        }
        float threshold = (float) policy.mergeSimilarity();
        // The pairwise pass is the cost of a large day. Rows go in blocks so each column vector is read from memory
        // once per block rather than once per row (the vectors of a large day do not fit in cache), and blocks run
        // on all cores; unions are applied afterwards, in order.
        int block = 64;
        List<int[]> edges = java.util.stream.IntStream.range(0, (n + block - 1) / block).parallel().boxed()
                .flatMap(b -> {
                    List<int[]> found = new ArrayList<>();
                    int from = b * block;
                    int to = Math.min(n, from + block);
                    for (int j = from + 1; j < n; j++) {
                        float[] vj = v[j];
                        for (int i = from; i < Math.min(to, j); i++) {
                            float like = dot(v[i], vj);
                            if (episode[i] != episode[j] ? like >= threshold
                                    : SameIdea.inOneEpisode(like, Math.abs(start[i] - start[j]), 0)) {
                                found.add(new int[] {i, j});
                            }
                        }
                    }
                    return found.stream();
                }).toList();
        for (int[] e : edges) {
            int ri = find(parent, e[0]);
            int rj = find(parent, e[1]);
            if (ri != rj) {
                parent[Math.max(ri, rj)] = Math.min(ri, rj);
            }
        }
        Map<Integer, Cluster> byRoot = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            Cluster c = byRoot.get(root);
            StoredInsight s = sorted.get(i);
            if (c == null) {
                byRoot.put(root, new Cluster(s));
            } else if (s.episode().episodeId() != c.best.episode().episodeId()
                    && c.others.stream().noneMatch(o -> o.episode().episodeId() == s.episode().episodeId())) {
                // one entry per other episode: its best phrasing (the list is best first); a restatement in the
                // same episode is absorbed, not listed
                c.others.add(s);
                c.podcasts.add(s.podcastId());
            }
        }
        return new ArrayList<>(byRoot.values());
    }

    /** Dot product with four accumulators: the pairwise pass is the hot loop of a large day. */
    private static float dot(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int k = 0;
        for (; k + 3 < a.length; k += 4) {
            s0 += a[k] * b[k];
            s1 += a[k + 1] * b[k + 1];
            s2 += a[k + 2] * b[k + 2];
            s3 += a[k + 3] * b[k + 3];
        }
        for (; k < a.length; k++) {
            s0 += a[k] * b[k];
        }
        return s0 + s1 + s2 + s3;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** The closest likeness of {@code c} to anything in {@code delivered}: 1 for the same insight, 0 for none. */
    private static double closest(StoredInsight c, List<StoredInsight> delivered) {
        double best = 0;
        for (StoredInsight o : delivered) {
            best = Math.max(best, o.id() == c.id() ? 1 : Vectors.dot(o.insight().embedding(), c.insight().embedding()));
        }
        return best;
    }
}
