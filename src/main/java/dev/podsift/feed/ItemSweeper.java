package dev.podsift.feed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Keeps the element that holds a feed's items (the channel, or an Atom feed) small while the feed streams in, so
 * parsing stays linear in the feed's length. Read items are emptied, not removed: a removal makes jsoup re-number
 * every sibling on the next step, and the whitespace, comments and stray elements between items would otherwise
 * pile up in that one element and be walked again for every item (a pretty-printed feed cost the square of its
 * items). The container is rebuilt once it doubles: read items and everything but elements go, and of its other
 * elements (the show's title, link, image …) only the first few of each name are kept.
 */
final class ItemSweeper {
    /** Elements of one name the show's fields may need (atom:link is read for rel="self"). */
    private static final int PER_NAME = 4;
    /** Elements kept in all: far more than any real channel has outside its items. */
    private static final int KEPT = 64;

    private final XmlNames names;
    private Element container;
    private int limit;

    ItemSweeper(XmlNames names) {
        this.names = names;
    }

    /** Drops {@code item}'s content (it has been read) and, every so often, the leftovers around it. */
    void read(Element item, String itemName) {
        item.empty();
        Element parent = item.parent();
        if (parent == null) {
            return;
        }
        if (parent != container) {
            container = parent;
            limit = 2 * KEPT;
        }
        if (parent.childNodeSize() > limit) {
            sweep(parent, item, itemName);
            limit = 2 * (parent.childNodeSize() + KEPT);
        }
    }

    /** Rebuilds {@code parent}'s children: up to {@code last} only the wanted elements; after it (still open) all. */
    private void sweep(Element parent, Element last, String itemName) {
        List<Node> keep = new ArrayList<>();
        Map<String, Integer> perName = new HashMap<>();
        int kept = 0;
        boolean after = false;
        for (int i = 0; i < parent.childNodeSize(); i++) {
            Node n = parent.childNode(i);
            if (after) {
                keep.add(n);
            } else if (n == last) {
                after = true;
            } else if (n instanceof Element e && kept < KEPT) {
                String name = names.of(e);
                if (!name.equals(itemName) && perName.merge(name, 1, Integer::sum) <= PER_NAME) {
                    keep.add(n);
                    kept++;
                }
            }
        }
        parent.empty();
        parent.appendChildren(keep);
    }
}
