package dev.podsift.feed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * A feed element's children by Podsift's canonical name, so {@code <it:duration>} is found as "itunes:duration" when
 * its prefix is bound to the iTunes namespace (see {@link XmlNames}), and their text. Indexed once per element: items
 * are asked for ~20 fields.
 */
final class NamedChildren {
    private static final int MAX_TEXT = 64 * 1024;
    private final XmlNames names;
    private Element indexed;
    private Map<String, List<Element>> index;

    NamedChildren(XmlNames names) {
        this.names = names;
    }

    /** The first child of {@code parent} named {@code name}, or null (also when {@code parent} is null). */
    Element first(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        List<Element> found = index(parent).get(name);
        return found == null ? null : found.get(0);
    }

    /** Every child of {@code parent} named {@code name}, in document order. */
    List<Element> all(Element parent, String name) {
        return index(parent).getOrDefault(name, List.of());
    }

    /** The text of the first child named {@code name}, or null. */
    String text(Element parent, String name) {
        return text(first(parent, name));
    }

    /** The text of the first of {@code names} that has some, or null. */
    String firstText(Element parent, String... names) {
        for (String n : names) {
            String t = text(parent, n);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** An element's whole text, trimmed and capped; null when there is none. */
    static String text(Element e) {
        if (e == null) {
            return null;
        }
        String t = e.wholeText().trim();
        if (t.length() > MAX_TEXT) {
            t = t.substring(0, MAX_TEXT);
        }
        return t.isEmpty() ? null : t;
    }

    private Map<String, List<Element>> index(Element parent) {
        if (parent == indexed) {
            return index;
        }
        Map<String, List<Element>> m = new HashMap<>();
        for (Element c : parent.children()) {
            m.computeIfAbsent(names.of(c), k -> new ArrayList<>(1)).add(c);
        }
        indexed = parent;
        index = m;
        return m;
    }
}
