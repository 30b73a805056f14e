package dev.podsift.feed;

import dev.podsift.model.Feed;
import dev.podsift.model.FeedEpisode;
import dev.podsift.model.TranscriptLink;
import dev.podsift.net.FeedDecoder;
import dev.podsift.net.FeedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.parser.StreamParser;

/**
 * Reads RSS 2.0, RSS 1.0/RDF and Atom podcast feeds with the iTunes and Podcasting 2.0 namespaces. Uses jsoup's
 * forgiving XML tree builder, so feeds that are not well-formed (undefined HTML entities, a missing
 * {@code <channel>}, stray markup) still give their episodes. DOCTYPEs and entity declarations are never resolved:
 * jsoup keeps a DOCTYPE as an inert node and only knows the fixed HTML entity table.
 *
 * <p>The tree is built as a stream: each item (or Atom entry) is read into an episode the moment its end tag is
 * parsed and then dropped from the tree ({@link ItemSweeper}), so a feed of 16,000 episodes never holds more than
 * one item's elements; memory follows the feed's bytes, not its tree, and time grows in step with the feed. One
 * parse is cut off at a deadline all the same.
 */
public final class FeedParser {
    /** The longest one parse may take by default: a 50 MB feed parses in a few seconds. */
    public static final java.time.Duration DEADLINE = java.time.Duration.ofSeconds(60);
    private final java.time.Duration deadline;
    private final java.util.function.LongSupplier nanos;

    public FeedParser() {
        this(DEADLINE, System::nanoTime);
    }

    /** A parser that gives up on a document once parsing it has taken {@code deadline} ({@code nanos} tells time). */
    FeedParser(java.time.Duration deadline, java.util.function.LongSupplier nanos) {
        this.deadline = deadline;
        this.nanos = nanos;
    }

    /** A parsed feed with at most the asked number of episodes (the newest), and how many items it listed. */
    public record Read(Feed feed, long listed) {
    }

    /** Parses decoded feed text; {@code url} is where it came from (for relative links), may be null. */
    public Feed parse(String xml, String url) throws FeedException {
        if (xml == null || xml.isBlank()) {
            throw new FeedException("the document is empty");
        }
        return parse(new java.io.StringReader(xml), url, Integer.MAX_VALUE).feed();
    }

    /** Parses raw feed bytes, decoded as {@link FeedDecoder} decides, without ever holding them as one string. */
    public Feed parse(byte[] body, String httpCharset, String url) throws FeedException {
        return parse(body, httpCharset, url, Integer.MAX_VALUE).feed();
    }

    /** As {@link #parse(byte[], String, String)}, keeping only the newest {@code maxItems} episodes. */
    public Read parse(byte[] body, String httpCharset, String url, int maxItems) throws FeedException {
        if (FeedDecoder.isBlank(body)) {
            throw new FeedException("the document is empty");
        }
        return parse(FeedDecoder.reader(body, httpCharset), url, maxItems);
    }

    private Read parse(java.io.Reader text, String url, int maxItems) throws FeedException {
        XmlNames names = new XmlNames();
        Reader r = new Reader(names, url);
        ItemSweeper sweeper = new ItemSweeper(names);
        NewestItems episodes = new NewestItems(maxItems);
        Document doc;
        long end = nanos.getAsLong() + deadline.toNanos();
        try (StreamParser stream = new StreamParser(Parser.xmlParser())) {
            stream.parse(text, url == null ? "" : url);
            for (java.util.Iterator<Element> it = stream.iterator(); it.hasNext(); ) {
                Element e = it.next();
                if (nanos.getAsLong() - end > 0) {
                    throw new FeedException("parsing the feed took longer than " + deadline.toSeconds()
                            + " s: given up after " + episodes.listed() + " items");
                }
                Element root = stream.document().children().first();
                if (root == null || e == root) {
                    continue;
                }
                String kind = kind(names.of(root));
                String name = names.of(e);
                if (kind.equals("rss") && name.equals("item")) {
                    if (episodes.wants(r.rssPublished(e))) {
                        episodes.add(r.rssItem(e));
                    }
                    sweeper.read(e, name); // the tree never holds more than the item being parsed
                } else if (kind.equals("atom") && name.equals("entry") && e.parent() == root) {
                    if (episodes.wants(r.atomPublished(e))) {
                        episodes.add(r.atomEntry(e));
                    }
                    sweeper.read(e, name);
                }
            }
            doc = stream.complete();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new FeedException("cannot read the feed: " + e.getMessage(), e);
        }
        Element root = doc.children().first();
        if (root == null) {
            throw new FeedException("no XML element found: this is not a feed");
        }
        String rootName = names.of(root);
        String kind = kind(rootName);
        if (kind.equals("html")) {
            throw new FeedException("got an HTML page, not a feed (is this the show's web page rather than its RSS URL?)");
        }
        if (kind.equals("other")) {
            throw new FeedException("root element <" + root.tagName() + "> is not RSS, RDF or Atom");
        }
        List<FeedEpisode> kept = episodes.episodes();
        return new Read(kind.equals("atom") ? r.atomFeed(root, kept) : r.rssFeed(root, kept), episodes.listed());
    }

    /** What a root element makes the document: rss (RSS 2.0, RDF, a bare channel), atom, html or other. */
    private static String kind(String rootName) {
        switch (rootName) {
            case "html", "body", "head":
                return "html";
            case "feed", "atom:feed":
                return "atom";
            case "rss", "rdf:rdf", "rdf", "channel":
                return "rss";
            default:
                return "other";
        }
    }

    /** Field extraction over one document; holds its children by canonical name and the document URL. */
    private static final class Reader {
        private final NamedChildren named;
        private final String docUrl;

        Reader(XmlNames names, String docUrl) {
            this.named = new NamedChildren(names);
            this.docUrl = docUrl;
        }

        /** The feed around {@code episodes}, which were read (and dropped from the tree) as they were parsed. */
        Feed rssFeed(Element root, List<FeedEpisode> episodes) {
            Element channel = named.first(root, "channel");
            Element ch = channel != null ? channel : root;
            String image = attr(named.first(ch, "itunes:image"), "href");
            if (image == null) {
                Element img = named.first(ch, "image");
                image = img == null ? null : named.text(img, "url");
                if (image == null) {
                    image = attr(img, "rdf:resource");
                }
            }
            String link = named.text(ch, "link");
            String selfLink = null;
            for (Element l : named.all(ch, "atom:link")) {
                if ("self".equals(l.attr("rel"))) {
                    selfLink = l.attr("href");
                }
            }
            return new Feed(
                    orDefault(named.text(ch, "title"), orDefault(named.text(ch, "itunes:title"),
                            named.text(ch, "dc:title"))),
                    docUrl != null ? docUrl : selfLink,
                    resolve(ch, named.text(ch, "itunes:new-feed-url")),
                    isYes(named.text(ch, "podcast:locked")),
                    resolve(ch, link),
                    plain(orDefault(named.text(ch, "description"),
                            orDefault(named.text(ch, "itunes:summary"), named.text(ch, "itunes:subtitle")))),
                    named.firstText(ch, "itunes:author", "dc:creator", "author", "managingeditor", "dc:author"),
                    resolve(ch, image),
                    named.text(ch, "language"),
                    named.text(ch, "podcast:guid"),
                    episodes, resolve(ch, selfLink));
        }

        FeedEpisode rssItem(Element item) {
            String guid = named.text(item, "guid");
            String title = orDefault(named.text(item, "title"), named.text(item, "itunes:title"));
            Element enclosure = pickEnclosure(item);
            String enclosureUrl = enclosure == null ? null : resolve(enclosure, trimToNull(enclosure.attr("url")));
            String description = orDefault(named.text(item, "content:encoded"),
                    orDefault(named.text(item, "description"), named.text(item, "itunes:summary")));
            Instant published = rssPublished(item);
            String link = named.text(item, "link");
            // RSS: a guid is a permalink unless it says otherwise; use it as the link when it is a URL
            if (link == null && guid != null
                    && !"false".equalsIgnoreCase(attr(named.first(item, "guid"), "ispermalink"))
                    && (guid.startsWith("http://") || guid.startsWith("https://"))) {
                link = guid;
            }
            return episode(item, guid, title, published, enclosureUrl,
                    enclosure == null ? null : trimToNull(enclosure.attr("type")),
                    enclosure == null ? null : parseLong(enclosure.attr("length")),
                    resolve(item, link), description);
        }

        Instant rssPublished(Element item) {
            return FeedDates.parse(named.firstText(item, "pubdate", "dc:date", "dcterms:issued", "dcterms:created",
                    "dcterms:modified", "atom:updated"));
        }

        Instant atomPublished(Element entry) {
            return FeedDates.parse(orDefault(named.text(entry, "published"),
                    orDefault(named.text(entry, "updated"), named.text(entry, "issued"))));
        }

        private Element pickEnclosure(Element item) {
            Element chosen = null;
            for (Element e : named.all(item, "enclosure")) {
                if (e.attr("url").isBlank()) {
                    continue;
                }
                if (chosen == null) {
                    chosen = e;
                }
                String type = e.attr("type").toLowerCase(Locale.ROOT);
                if (type.startsWith("audio/") && !chosen.attr("type").toLowerCase(Locale.ROOT).startsWith("audio/")) {
                    chosen = e;
                }
            }
            if (chosen == null) {
                for (Element e : named.all(item, "media:content")) {
                    if (!e.attr("url").isBlank()) {
                        return e;
                    }
                }
            }
            return chosen;
        }

        Feed atomFeed(Element root, List<FeedEpisode> episodes) {
            String link = null;
            for (Element l : named.all(root, "link")) {
                String rel = l.attr("rel");
                if (rel.isEmpty() || rel.equals("alternate")) {
                    link = l.attr("href");
                    break;
                }
            }
            String image = orDefault(attr(named.first(root, "itunes:image"), "href"),
                    orDefault(named.text(root, "logo"), named.text(root, "icon")));
            Element author = named.first(root, "author");
            String self = null;
            for (Element l : named.all(root, "link")) {
                if ("self".equals(l.attr("rel"))) {
                    self = l.attr("href");
                }
            }
            return new Feed(plain(named.text(root, "title")), docUrl,
                    resolve(root, named.text(root, "itunes:new-feed-url")),
                    isYes(named.text(root, "podcast:locked")), resolve(root, link),
                    plain(orDefault(named.text(root, "subtitle"), named.text(root, "itunes:summary"))),
                    orDefault(named.text(root, "itunes:author"), author == null ? null : named.text(author, "name")),
                    resolve(root, image), trimToNull(root.attr("xml:lang")), named.text(root, "podcast:guid"),
                    episodes, resolve(root, self));
        }

        FeedEpisode atomEntry(Element entry) {
            String link = null;
            Element enclosure = null;
            for (Element l : named.all(entry, "link")) {
                String rel = l.attr("rel");
                if (rel.equals("enclosure") && enclosure == null) {
                    enclosure = l;
                } else if ((rel.isEmpty() || rel.equals("alternate")) && link == null) {
                    link = l.attr("href");
                }
            }
            String description = orDefault(named.text(entry, "content:encoded"), orDefault(named.text(entry, "content"),
                    orDefault(named.text(entry, "summary"), named.text(entry, "media:group"))));
            Instant published = atomPublished(entry);
            return episode(entry, named.text(entry, "id"), plain(named.text(entry, "title")), published,
                    enclosure == null ? null : resolve(enclosure, trimToNull(enclosure.attr("href"))),
                    enclosure == null ? null : trimToNull(enclosure.attr("type")),
                    enclosure == null ? null : parseLong(enclosure.attr("length")),
                    resolve(entry, link), description);
        }

        private FeedEpisode episode(Element item, String guid, String title, Instant published, String enclosureUrl,
                                    String enclosureType, Long enclosureLength, String link, String description) {
            List<TranscriptLink> transcripts = new ArrayList<>();
            for (Element t : named.all(item, "podcast:transcript")) {
                String u = resolve(t, trimToNull(t.attr("url")));
                if (u != null) {
                    transcripts.add(new TranscriptLink(u, trimToNull(t.attr("type")), trimToNull(t.attr("language")),
                            trimToNull(t.attr("rel"))));
                }
            }
            List<String> persons = new ArrayList<>();
            for (Element p : named.all(item, "podcast:person")) {
                String n = NamedChildren.text(p);
                if (n != null) {
                    persons.add(n);
                }
            }
            if (title == null && enclosureUrl != null) {
                title = fileTitle(enclosureUrl); // what podcast apps show for an untitled episode
            }
            String identity = guid != null ? guid
                    : (enclosureUrl != null ? enclosureUrl : (link != null ? link : "")) + " " + (title == null ? "" : title);
            return new FeedEpisode(guid, identity.trim(), title, published,
                    FeedDates.durationSeconds(named.text(item, "itunes:duration")), enclosureUrl, enclosureType,
                    enclosureLength, link, plain(description), transcripts,
                    resolve(item, attr(named.first(item, "podcast:chapters"), "url")), persons,
                    parseInt(named.text(item, "itunes:season")), parseInt(named.text(item, "itunes:episode")),
                    normaliseEpisodeType(named.text(item, "itunes:episodetype")));
        }

        private static String fileTitle(String url) {
            String path = url.replaceAll("[?#].*$", "");
            String name = path.substring(path.lastIndexOf('/') + 1);
            int dot = name.lastIndexOf('.');
            String base = dot > 0 ? name.substring(0, dot) : name;
            return base.isBlank() ? null : java.net.URLDecoder.decode(base, java.nio.charset.StandardCharsets.UTF_8);
        }

        private static String normaliseEpisodeType(String t) {
            if (t == null) {
                return null;
            }
            String v = t.trim().toLowerCase(Locale.ROOT);
            return v.equals("full") || v.equals("trailer") || v.equals("bonus") ? v : null;
        }

        /** Resolves {@code raw} against the nearest xml:base and then the document URL. */
        private String resolve(Element at, String raw) {
            return XmlBase.resolve(at, raw, docUrl);
        }
    }

    private static String attr(Element e, String name) {
        return e == null ? null : trimToNull(e.attr(name));
    }

    /** Show notes and titles may hold HTML (escaped or in CDATA): keep only the readable text. */
    static String plain(String s) {
        if (s == null) {
            return null;
        }
        if (s.indexOf('<') < 0 && s.indexOf('&') < 0) {
            return s.replaceAll("\\s+", " ").trim();
        }
        return trimToNull(Jsoup.parseBodyFragment(s).text());
    }

    private static boolean isYes(String s) {
        return s != null && (s.equalsIgnoreCase("yes") || s.equalsIgnoreCase("true"));
    }

    private static String orDefault(String a, String b) {
        return a != null ? a : b;
    }

    private static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }

    private static Long parseLong(String s) {
        try {
            return s == null || s.isBlank() ? null : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer parseInt(String s) {
        try {
            return s == null ? null : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
