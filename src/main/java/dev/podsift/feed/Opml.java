package dev.podsift.feed;

import dev.podsift.net.Address;
import dev.podsift.net.FeedDecoder;
import dev.podsift.net.FeedException;
import dev.podsift.net.Fetcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/** OPML subscription lists: reads every outline with an {@code xmlUrl}, writes OPML 2.0. */
public final class Opml {
    /** One subscription: feed URL and its title (may be null). */
    public record Outline(String url, String title) {
    }

    private Opml() {
    }

    /**
     * Reads the OPML file or http(s) URL {@code ref} through {@code fetcher} (so its size cap, PODSIFT_MAX_OPML_BYTES,
     * deadline and address policy apply), listing at most {@code max} feeds.
     */
    public static List<Outline> load(Fetcher fetcher, String ref, int max) throws FeedException {
        Fetcher.Fetched f = fetcher.fetch(ref, Fetcher.Kind.OPML);
        List<Outline> outlines = read(FeedDecoder.decode(f.body(), f.charset()), max);
        if (Address.isNetwork(ref)) {
            for (Outline o : outlines) {
                if (!Address.isNetwork(o.url())) { // what a server lists may not become a local file
                    throw new FeedException("the OPML at " + ref + " lists " + o.url() + ", which is not an http(s) "
                            + "URL: an OPML file from the network may only list feeds on the network");
                }
            }
        }
        return outlines;
    }

    public static List<Outline> read(String xml) throws FeedException {
        return read(xml, Integer.MAX_VALUE);
    }

    /** Reads OPML text listing at most {@code max} feeds; more is an error naming PODSIFT_MAX_OPML_FEEDS. */
    public static List<Outline> read(String xml, int max) throws FeedException {
        Document doc = Jsoup.parse(xml, "", Parser.xmlParser());
        Element root = doc.children().first();
        if (root == null || !root.tagName().equalsIgnoreCase("opml")) {
            throw new FeedException("not an OPML file (the root element must be <opml>)");
        }
        Map<String, Outline> out = new LinkedHashMap<>();
        for (Element o : doc.getElementsByTag("outline")) {
            String url = o.attr("xmlUrl").isBlank() ? o.attr("xmlurl") : o.attr("xmlUrl");
            if (!url.isBlank()) {
                String title = o.attr("title").isBlank() ? o.attr("text") : o.attr("title");
                out.putIfAbsent(url.trim(), new Outline(url.trim(), title.isBlank() ? null : title.trim()));
            }
        }
        if (out.isEmpty()) {
            throw new FeedException("the OPML file lists no feeds (no <outline> with an xmlUrl)");
        }
        if (out.size() > max) {
            throw new FeedException("the OPML file lists " + out.size() + " feeds, more than the limit of " + max
                    + " (PODSIFT_MAX_OPML_FEEDS)");
        }
        return new ArrayList<>(out.values());
    }

    public static String write(List<Outline> outlines) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n"
                + "  <head><title>Podsift subscriptions</title></head>\n  <body>\n");
        for (Outline o : outlines) {
            String title = o.title() == null ? o.url() : o.title();
            b.append("    <outline type=\"rss\" text=\"").append(attr(title)).append("\" title=\"").append(attr(title))
                    .append("\" xmlUrl=\"").append(attr(o.url())).append("\"/>\n");
        }
        return b.append("  </body>\n</opml>\n").toString();
    }

    private static String attr(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
