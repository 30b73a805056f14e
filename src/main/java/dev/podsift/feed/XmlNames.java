package dev.podsift.feed;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Attribute;
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

    private final Map<String, String> prefixToShort = new HashMap<>();

    XmlNames(Element root) {
        for (Element e : root.getAllElements()) {
            for (Attribute a : e.attributes()) {
                String key = a.getKey();
                if (key.startsWith("xmlns:")) {
                    String shortName = KNOWN.get(a.getValue().trim().toLowerCase(Locale.ROOT));
                    if (shortName != null) {
                        prefixToShort.putIfAbsent(key.substring(6), shortName);
                    }
                }
            }
        }
    }

    /** The element's name with its prefix replaced by Podsift's short name for that namespace. */
    String of(Element e) {
        String tag = e.tagName().toLowerCase(Locale.ROOT);
        int colon = tag.indexOf(':');
        if (colon < 0) {
            return tag;
        }
        String shortName = prefixToShort.get(tag.substring(0, colon));
        if (shortName == null) {
            return tag;
        }
        return shortName.isEmpty() ? tag.substring(colon + 1) : shortName + tag.substring(colon);
    }
}
