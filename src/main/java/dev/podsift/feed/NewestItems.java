package dev.podsift.feed;

import dev.podsift.model.FeedEpisode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The newest {@code cap} items of a feed (PODSIFT_MAX_FEED_ITEMS), chosen while it streams: once full, an item no
 * newer than the oldest kept is counted and skipped after reading only its date, so a feed listing millions of
 * items costs their dates, never their episodes. Undated items count as older than any dated one; between equal
 * dates the one earlier in the document wins, as a stable newest-first sort would choose.
 */
final class NewestItems {
    private record Entry(Instant published, long position, FeedEpisode episode) {
    }

    /** Oldest first: the head is the kept item to give up for a newer one. */
    private static final Comparator<Entry> OLDEST_FIRST = Comparator
            .comparing(Entry::published, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(Comparator.comparingLong(Entry::position).reversed());

    private final int cap;
    private final PriorityQueue<Entry> kept = new PriorityQueue<>(OLDEST_FIRST);
    private long listed;

    NewestItems(int cap) {
        this.cap = cap;
    }

    /** Counts an item dated {@code published} (may be null); true when it is to be read and {@link #add}ed. */
    boolean wants(Instant published) {
        listed++;
        return kept.size() < cap
                || OLDEST_FIRST.compare(new Entry(published, listed, null), kept.peek()) > 0;
    }

    /** Keeps the episode {@link #wants} just asked for, giving up the oldest kept one when full. */
    void add(FeedEpisode episode) {
        kept.add(new Entry(episode.published(), listed, episode));
        if (kept.size() > cap) {
            kept.poll();
        }
    }

    /** How many items the feed listed, kept or not. */
    long listed() {
        return listed;
    }

    /** The kept episodes in the order the feed lists them. */
    List<FeedEpisode> episodes() {
        List<Entry> in = new ArrayList<>(kept);
        in.sort(Comparator.comparingLong(Entry::position));
        return in.stream().map(Entry::episode).toList();
    }
}
