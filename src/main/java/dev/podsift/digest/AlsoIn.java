package dev.podsift.digest;

import dev.podsift.store.StoredInsight;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The "also in" line under an insight, the same in every output: one entry per other episode, each with its time;
 * the count is the number of entries; each show is named once, its episodes after it.
 * "Also in 3 other episodes: Practical AI: Ep 1 at 12:04, Ep 2 at 3:10; The Changelog: Ep 3 at 1:02:00".
 */
public final class AlsoIn {
    /** One other episode where the same idea was said, and the second it was said there. */
    public record Entry(String podcast, String episode, double seconds) {
    }

    private AlsoIn() {
    }

    /** The line for {@code item}; null when the idea was said nowhere else. */
    public static String line(DigestItem item) {
        List<Entry> entries = new ArrayList<>();
        for (StoredInsight o : item.alsoIn()) {
            entries.add(new Entry(o.episode().podcast(), o.episode().episode(), o.insight().startSeconds()));
        }
        return line(entries, item.insight().episode().podcast());
    }

    /** The line for {@code entries} under an insight from show {@code podcast}; null when there are none. */
    public static String line(List<Entry> entries, String podcast) {
        List<Entry> all = distinct(entries);
        if (all.isEmpty()) {
            return null;
        }
        Map<String, List<String>> byShow = new LinkedHashMap<>();
        for (Entry e : all) {
            String at = (e.episode() == null || e.episode().isBlank() ? "an episode" : e.episode()) + " at "
                    + DigestRenderer.timestamp(e.seconds());
            byShow.computeIfAbsent(e.podcast() == null ? "" : e.podcast(), k -> new ArrayList<>()).add(at);
        }
        boolean thisShowOnly = byShow.size() == 1 && Objects.equals(byShow.keySet().iterator().next(),
                podcast == null ? "" : podcast);
        StringBuilder b = new StringBuilder("Also in ").append(all.size()).append(" other episode")
                .append(all.size() == 1 ? "" : "s").append(thisShowOnly ? " of this show" : "").append(": ");
        List<String> groups = new ArrayList<>();
        for (Map.Entry<String, List<String>> g : byShow.entrySet()) {
            String episodes = String.join(", ", g.getValue());
            groups.add(thisShowOnly || g.getKey().isEmpty() ? episodes : g.getKey() + ": " + episodes);
        }
        return b.append(String.join("; ", groups)).toString();
    }

    /** Digests recorded before entries were one per episode may list an episode twice: the first stays. */
    private static List<Entry> distinct(List<Entry> entries) {
        Map<List<String>, Entry> seen = new LinkedHashMap<>();
        for (Entry e : entries) {
            seen.putIfAbsent(java.util.Arrays.asList(e.podcast(), e.episode()), e);
        }
        return new ArrayList<>(seen.values());
    }
}
