package dev.podsift.feed;

import dev.podsift.model.FeedEpisode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides what a later scan of a feed may queue when the feed suddenly shows "new" episodes it should not: the same
 * episodes re-issued under new GUIDs (a host migration, a broken generator) are recognised by their audio URL or by
 * title and date and are not processed again; genuinely new episodes beyond {@code maxNew} at once (a back catalogue
 * dumped into the feed) are held back, newest kept. Either way the decision carries a note for the admin page.
 */
public final class StormPolicy {
    /** An episode already stored for the feed. */
    public record Known(String enclosureUrl, String title, Instant published) {
    }

    /** Identities not to process: re-issues of known episodes, and those held back; {@code note} is null if none. */
    public record Decision(Set<String> reissued, Set<String> heldBack, String note) {
        public boolean isStorm() {
            return note != null;
        }
    }

    /** How far apart two dates may be for a same-titled episode to count as the same one re-issued. */
    static final Duration SAME_DAY = Duration.ofHours(36);
    private final int maxNew;

    public StormPolicy(int maxNew) {
        this.maxNew = maxNew;
    }

    /** {@code fresh}: the feed's episodes whose identity is not stored yet; {@code known}: what is stored. */
    public Decision decide(List<FeedEpisode> fresh, List<Known> known) {
        Set<String> enclosures = new HashSet<>();
        java.util.Map<String, List<Instant>> titles = new java.util.HashMap<>();
        for (Known k : known) {
            if (k.enclosureUrl() != null) {
                enclosures.add(k.enclosureUrl());
            }
            String t = normal(k.title());
            if (t != null) {
                titles.computeIfAbsent(t, x -> new ArrayList<>()).add(k.published());
            }
        }
        Set<String> reissued = new LinkedHashSet<>();
        List<FeedEpisode> genuine = new ArrayList<>();
        for (FeedEpisode e : fresh) {
            if (e.enclosureUrl() != null && enclosures.contains(e.enclosureUrl())
                    || sameTitleAndDay(titles.get(normal(e.title())), e.published())) {
                reissued.add(e.identity());
            } else {
                genuine.add(e);
            }
        }
        Set<String> held = new LinkedHashSet<>();
        if (genuine.size() > maxNew) {
            genuine.sort(Comparator.comparing(FeedEpisode::published, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .reversed());
            for (FeedEpisode e : genuine.subList(maxNew, genuine.size())) {
                held.add(e.identity());
            }
        }
        return new Decision(reissued, held, note(reissued.size(), genuine.size(), held.size()));
    }

    private String note(int reissued, int genuine, int held) {
        List<String> parts = new ArrayList<>();
        if (reissued > 0) {
            parts.add(reissued + " episode(s) already stored came back under new GUIDs and were not processed again");
        }
        if (held > 0) {
            parts.add(genuine + " new episodes at once: the newest " + maxNew + " were processed and " + held
                    + " held back (PODSIFT_MAX_NEW_EPISODES)");
        }
        return parts.isEmpty() ? null : "storm: " + String.join("; ", parts);
    }

    private static boolean sameTitleAndDay(List<Instant> dates, Instant published) {
        if (dates == null) {
            return false;
        }
        for (Instant d : dates) {
            if (d == null || published == null || Duration.between(d, published).abs().compareTo(SAME_DAY) <= 0) {
                return true;
            }
        }
        return false;
    }

    private static String normal(String title) {
        if (title == null || title.isBlank()) {
            return null;
        }
        return title.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
