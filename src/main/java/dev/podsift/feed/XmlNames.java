package dev.podsift.feed;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * Maps the prefixes a feed happens to use onto the short names Podsift knows ("itunes", "podcast", "atom", …),
 * so {@code <itunes:duration>} and {@code <it:duration>} with the same namespace URI read alike.
 */
final class XmlNames {
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("http://www.itunes.com/dtds/podcast-1.0.dtd", "itunes"),
            Map.entry("https://www.itunes.com/dtds/podcast-1.0.dtd", "itunes"),
            Map.entry("https://podcastindex.org/namespace/1.0", "podcast"),
            Map.entry("http://podcastindex.org/namespace/1.0", "podcast"),
            Map.entry("https://github.com/podcastindex-org/podcast-namespace/blob/main/docs/1.0.md", "podcast"),
            Map.entry("http://www.w3.org/2005/atom", "atom"),
            Map.entry("http://purl.org/rss/1.0/modules/content/", "content"),
            Map.entry("http://search.yahoo.com/mrss/", "media"),
            Map.entry("http://search.yahoo.com/mrss", "media"),
            Map.entry("http://podlove.org/simple-chapters", "psc"),
            Map.entry("http://purl.org/dc/elements/1.1/", "dc"),
            Map.entry("http://purl.org/dc/terms/", "dcterms"),
            Map.entry("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"),
            Map.entry("http://purl.org/rss/1.0/", ""),
            Map.entry("http://www.w3.org/xml/1998/namespace", "xml"));

    /**
     * Prefix → short name (or the prefix itself when its namespace is unknown), filled as prefixes are met: each
     * declaration is looked up from the element that uses the prefix up to the root.
     */
    private final Map<String, String> prefixToShort = new HashMap<>();
    private final Map<String, String> tagToName = new HashMap<>();

    /** The element's name, lower case, with its prefix replaced by Podsift's short name for that namespace. */
    String of(Element e) {
        String tag = e.tagName();
        String known = tagToName.get(tag);
        if (known != null) {
            return known;
        }
        String lower = tag.toLowerCase(Locale.ROOT);
        int colon = lower.indexOf(':');
        String name = lower;
        if (colon >= 0) {
            String prefix = tag.substring(0, colon);
            String shortName = prefixToShort.computeIfAbsent(prefix, p -> lookup(e, p));
            name = shortName.isEmpty() ? lower.substring(colon + 1) : shortName + lower.substring(colon);
        }
        tagToName.put(tag, name);
        return name;
    }

    private static String lookup(Element from, String prefix) {
        for (Element e = from; e != null; e = e.parent()) {
            String uri = e.attr("xmlns:" + prefix);
            if (!uri.isEmpty()) {
                String shortName = KNOWN.get(uri.trim().toLowerCase(Locale.ROOT));
                return shortName != null ? shortName : prefix.toLowerCase(Locale.ROOT);
            }
        }
        return prefix.toLowerCase(Locale.ROOT); // undeclared: take the prefix at its word (itunes: without xmlns)
    }
}
