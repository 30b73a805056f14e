package dev.podsift.feed;

import dev.podsift.model.Feed;
import dev.podsift.model.FeedEpisode;
import dev.podsift.model.TranscriptLink;
import dev.podsift.net.FeedDecoder;
import dev.podsift.net.FeedException;
import java.net.URI;
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
    private static final int MAX_TEXT = 64 * 1024;
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

    /** Field extraction over one document; holds the prefix map and the document URL. */
    private static final class Reader {
        private final XmlNames names;
        private final String docUrl;
        private Element indexed;
        private java.util.Map<String, List<Element>> index;

        Reader(XmlNames names, String docUrl) {
            this.names = names;
            this.docUrl = docUrl;
        }

        /** The feed around {@code episodes}, which were read (and dropped from the tree) as they were parsed. */
        Feed rssFeed(Element root, List<FeedEpisode> episodes) {
            Element channel = first(root, "channel");
            Element ch = channel != null ? channel : root;
            String image = attr(first(ch, "itunes:image"), "href");
            if (image == null) {
                Element img = first(ch, "image");
                image = img == null ? null : text(first(img, "url"));
                if (image == null) {
                    image = attr(img, "rdf:resource");
                }
            }
            String link = text(first(ch, "link"));
            String selfLink = null;
            for (Element l : children(ch, "atom:link")) {
                if ("self".equals(l.attr("rel"))) {
                    selfLink = l.attr("href");
                }
            }
            return new Feed(
                    orDefault(text(first(ch, "title")), orDefault(text(first(ch, "itunes:title")),
                            text(first(ch, "dc:title")))),
                    docUrl != null ? docUrl : selfLink,
                    resolve(ch, text(first(ch, "itunes:new-feed-url"))),
                    isYes(text(first(ch, "podcast:locked"))),
                    resolve(ch, link),
                    plain(orDefault(text(first(ch, "description")),
                            orDefault(text(first(ch, "itunes:summary")), text(first(ch, "itunes:subtitle"))))),
                    firstText(ch, "itunes:author", "dc:creator", "author", "managingeditor", "dc:author"),
                    resolve(ch, image),
                    text(first(ch, "language")),
                    text(first(ch, "podcast:guid")),
                    episodes, resolve(ch, selfLink));
        }

        FeedEpisode rssItem(Element item) {
            String guid = text(first(item, "guid"));
            String title = orDefault(text(first(item, "title")), text(first(item, "itunes:title")));
            Element enclosure = pickEnclosure(item);
            String enclosureUrl = enclosure == null ? null : resolve(enclosure, trimToNull(enclosure.attr("url")));
            String description = orDefault(text(first(item, "content:encoded")),
                    orDefault(text(first(item, "description")), text(first(item, "itunes:summary"))));
            Instant published = rssPublished(item);
            String link = text(first(item, "link"));
            // RSS: a guid is a permalink unless it says otherwise; use it as the link when it is a URL
            if (link == null && guid != null && !"false".equalsIgnoreCase(attr(first(item, "guid"), "ispermalink"))
                    && (guid.startsWith("http://") || guid.startsWith("https://"))) {
                link = guid;
            }
            return episode(item, guid, title, published, enclosureUrl,
                    enclosure == null ? null : trimToNull(enclosure.attr("type")),
                    enclosure == null ? null : parseLong(enclosure.attr("length")),
                    resolve(item, link), description);
        }

        Instant rssPublished(Element item) {
            return FeedDates.parse(firstText(item, "pubdate", "dc:date", "dcterms:issued", "dcterms:created",
                    "dcterms:modified", "atom:updated"));
        }

        Instant atomPublished(Element entry) {
            return FeedDates.parse(orDefault(text(first(entry, "published")),
                    orDefault(text(first(entry, "updated")), text(first(entry, "issued")))));
        }

        private Element pickEnclosure(Element item) {
            Element chosen = null;
            for (Element e : children(item, "enclosure")) {
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
                for (Element e : children(item, "media:content")) {
                    if (!e.attr("url").isBlank()) {
                        return e;
                    }
                }
            }
            return chosen;
        }

        Feed atomFeed(Element root, List<FeedEpisode> episodes) {
            String link = null;
            for (Element l : children(root, "link")) {
                String rel = l.attr("rel");
                if (rel.isEmpty() || rel.equals("alternate")) {
                    link = l.attr("href");
                    break;
                }
            }
            String image = orDefault(attr(first(root, "itunes:image"), "href"),
                    orDefault(text(first(root, "logo")), text(first(root, "icon"))));
            Element author = first(root, "author");
            String self = null;
            for (Element l : children(root, "link")) {
                if ("self".equals(l.attr("rel"))) {
                    self = l.attr("href");
                }
            }
            return new Feed(plain(text(first(root, "title"))), docUrl,
                    resolve(root, text(first(root, "itunes:new-feed-url"))),
                    isYes(text(first(root, "podcast:locked"))), resolve(root, link),
                    plain(orDefault(text(first(root, "subtitle")), text(first(root, "itunes:summary")))),
                    orDefault(text(first(root, "itunes:author")), author == null ? null : text(first(author, "name"))),
                    resolve(root, image), trimToNull(root.attr("xml:lang")), text(first(root, "podcast:guid")),
                    episodes, resolve(root, self));
        }

        FeedEpisode atomEntry(Element entry) {
            String link = null;
            Element enclosure = null;
            for (Element l : children(entry, "link")) {
                String rel = l.attr("rel");
                if (rel.equals("enclosure") && enclosure == null) {
                    enclosure = l;
                } else if ((rel.isEmpty() || rel.equals("alternate")) && link == null) {
                    link = l.attr("href");
                }
            }
            String description = orDefault(text(first(entry, "content:encoded")), orDefault(text(first(entry, "content")),
                    orDefault(text(first(entry, "summary")), text(first(entry, "media:group")))));
            Instant published = atomPublished(entry);
            return episode(entry, text(first(entry, "id")), plain(text(first(entry, "title"))), published,
                    enclosure == null ? null : resolve(enclosure, trimToNull(enclosure.attr("href"))),
                    enclosure == null ? null : trimToNull(enclosure.attr("type")),
                    enclosure == null ? null : parseLong(enclosure.attr("length")),
                    resolve(entry, link), description);
        }

        private FeedEpisode episode(Element item, String guid, String title, Instant published, String enclosureUrl,
                                    String enclosureType, Long enclosureLength, String link, String description) {
            List<TranscriptLink> transcripts = new ArrayList<>();
            for (Element t : children(item, "podcast:transcript")) {
                String u = resolve(t, trimToNull(t.attr("url")));
                if (u != null) {
                    transcripts.add(new TranscriptLink(u, trimToNull(t.attr("type")), trimToNull(t.attr("language")),
                            trimToNull(t.attr("rel"))));
                }
            }
            List<String> persons = new ArrayList<>();
            for (Element p : children(item, "podcast:person")) {
                String n = text(p);
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
                    FeedDates.durationSeconds(text(first(item, "itunes:duration"))), enclosureUrl, enclosureType,
                    enclosureLength, link, plain(description), transcripts,
                    resolve(item, attr(first(item, "podcast:chapters"), "url")), persons,
                    parseInt(text(first(item, "itunes:season"))), parseInt(text(first(item, "itunes:episode"))),
                    normaliseEpisodeType(text(first(item, "itunes:episodetype"))));
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

        private String firstText(Element parent, String... names) {
            for (String n : names) {
                String t = text(first(parent, n));
                if (t != null) {
                    return t;
                }
            }
            return null;
        }

        private Element first(Element parent, String name) {
            if (parent == null) {
                return null;
            }
            List<Element> found = index(parent).get(name);
            return found == null ? null : found.get(0);
        }

        private List<Element> children(Element parent, String name) {
            return index(parent).getOrDefault(name, List.of());
        }

        /** The element's children by canonical name, built once per element: items are asked for ~20 fields. */
        private java.util.Map<String, List<Element>> index(Element parent) {
            if (parent == indexed) {
                return index;
            }
            java.util.Map<String, List<Element>> m = new java.util.HashMap<>();
            for (Element c : parent.children()) {
                m.computeIfAbsent(names.of(c), k -> new ArrayList<>(1)).add(c);
            }
            indexed = parent;
            index = m;
            return m;
        }

        /** Resolves {@code raw} against the nearest xml:base and then the document URL. */
        private String resolve(Element at, String raw) {
            if (raw == null) {
                return null;
            }
            String ref = raw.trim();
            if (ref.isEmpty()) {
                return null;
            }
            List<String> bases = new ArrayList<>();
            for (Element e = at; e != null; e = e.parent()) {
                String b = e.attr("xml:base");
                if (!b.isBlank()) {
                    bases.add(b.trim());
                }
            }
            String base = docUrl;
            for (int i = bases.size() - 1; i >= 0; i--) {
                base = join(base, bases.get(i));
            }
            return join(base, ref);
        }

        private static String join(String base, String ref) {
            if (base == null || base.isBlank()) {
                return ref;
            }
            try {
                URI refUri = new URI(ref.replace(" ", "%20"));
                if (refUri.isAbsolute()) {
                    return ref;
                }
                return new URI(base.replace(" ", "%20")).resolve(refUri).toString();
            } catch (Exception e) {
                return ref;
            }
        }
    }

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
