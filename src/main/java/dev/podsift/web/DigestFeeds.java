package dev.podsift.web;

import dev.podsift.auth.Links;
import dev.podsift.digest.Html;
import dev.podsift.store.Subscriber;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A subscriber's private feed of their digests, as RSS 2.0 or Atom 1.0: one entry per delivered day, its content the
 * day's insights as escaped HTML. The URL carries a signed token, so it works in any feed reader without a login.
 */
final class DigestFeeds {
    /** One day's digest. */
    record Entry(java.time.LocalDate date, String title, String messageId, Instant published, DigestView digest) {
    }

    private final Links links;

    DigestFeeds(Links links) {
        this.links = links;
    }

    String rss(Subscriber s, List<Entry> entries) {
        return write(w -> {
            w.writeStartElement("rss");
            w.writeAttribute("version", "2.0");
            w.writeNamespace("atom", "http://www.w3.org/2005/Atom");
            w.writeStartElement("channel");
            text(w, "title", "Podsift · your top insights");
            text(w, "link", links.base() + "/today");
            text(w, "description", "Your daily top 5 insights from the podcasts you follow.");
            w.writeEmptyElement("atom", "link", "http://www.w3.org/2005/Atom");
            w.writeAttribute("href", links.feed(s.id(), s.linkKey(), "rss"));
            w.writeAttribute("rel", "self");
            w.writeAttribute("type", "application/rss+xml");
            if (!entries.isEmpty()) {
                text(w, "lastBuildDate", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        entries.get(0).published().atOffset(ZoneOffset.UTC)));
            }
            for (Entry e : entries) {
                w.writeStartElement("item");
                text(w, "title", e.title());
                text(w, "link", links.day(e.date()));
                w.writeStartElement("guid");
                w.writeAttribute("isPermaLink", "false");
                w.writeCharacters(e.messageId());
                w.writeEndElement();
                text(w, "pubDate", DateTimeFormatter.RFC_1123_DATE_TIME.format(e.published().atOffset(ZoneOffset.UTC)));
                text(w, "description", html(e.digest()));
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    String atom(Subscriber s, List<Entry> entries) {
        String ns = "http://www.w3.org/2005/Atom";
        return write(w -> {
            w.writeStartElement("feed");
            w.writeDefaultNamespace(ns);
            text(w, "title", "Podsift · your top insights");
            text(w, "id", "urn:podsift:" + links.host() + ":subscriber:" + s.id());
            text(w, "updated", (entries.isEmpty() ? s.createdAt() : entries.get(0).published()).toString());
            w.writeEmptyElement("link");
            w.writeAttribute("rel", "self");
            w.writeAttribute("href", links.feed(s.id(), s.linkKey(), "atom"));
            w.writeEmptyElement("link");
            w.writeAttribute("rel", "alternate");
            w.writeAttribute("href", links.base() + "/today");
            w.writeStartElement("author");
            text(w, "name", "Podsift");
            w.writeEndElement();
            for (Entry e : entries) {
                w.writeStartElement("entry");
                text(w, "title", e.title());
                text(w, "id", "urn:podsift:" + links.host() + ":digest:" + s.id() + ":" + e.date());
                text(w, "updated", e.published().toString());
                w.writeEmptyElement("link");
                w.writeAttribute("rel", "alternate");
                w.writeAttribute("href", links.day(e.date()));
                w.writeStartElement("content");
                w.writeAttribute("type", "html");
                w.writeCharacters(xmlSafe(html(e.digest())));
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    /** The day's insights as an HTML fragment (escaped again by the XML writer). */
    static String html(DigestView d) {
        StringBuilder b = new StringBuilder("<ol>");
        for (DigestView.Item i : d.items()) {
            b.append("<li><p><strong>").append(Html.esc(i.text())).append("</strong></p>");
            if (i.showsQuote()) {
                b.append("<blockquote>“").append(Html.esc(i.quote())).append("”</blockquote>");
            }
            b.append("<p>").append(Html.esc(i.podcast())).append(" · ").append(Html.link(i.episodeUrl(), i.episode()))
                    .append(" · ").append(Html.link(i.listenUrl(), "listen at " + i.at())).append("</p>");
            if (i.also() != null) {
                b.append("<p>").append(Html.esc(i.also())).append("</p>");
            }
            b.append("</li>");
        }
        return b.append("</ol>").toString();
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static String write(Body body) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            body.write(w);
            w.writeEndDocument();
            w.close();
            return out + "\n";
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the feed", e);
        }
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(xmlSafe(value));
        w.writeEndElement();
    }

    /** Drops characters XML 1.0 cannot carry (control characters a feed title may hold); escaping is the writer's. */
    static String xmlSafe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000).forEach(b::appendCodePoint);
        return b.toString();
    }
}
