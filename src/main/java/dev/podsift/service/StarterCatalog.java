package dev.podsift.service;

import dev.podsift.feed.Opml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * The starter catalog bundled as {@code catalog/starter.opml}: well-known shows grouped by topic, so a new
 * subscriber can start with one click.
 */
public final class StarterCatalog {
    /** One topic and its shows. */
    public record Topic(String name, List<Opml.Outline> shows) {
    }

    private StarterCatalog() {
    }

    /** The bundled catalog, read once (it never changes while the process runs). */
    public static List<Topic> load() {
        return Holder.TOPICS;
    }

    private static final class Holder {
        static final List<Topic> TOPICS = read();
    }

    private static List<Topic> read() {
        try (InputStream in = StarterCatalog.class.getResourceAsStream("/catalog/starter.opml")) {
            if (in == null) {
                return List.of();
            }
            Document doc = Jsoup.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "", Parser.xmlParser());
            List<Topic> out = new ArrayList<>();
            for (Element group : doc.select("body > outline")) {
                List<Opml.Outline> shows = new ArrayList<>();
                for (Element o : group.children()) {
                    if (!o.attr("xmlUrl").isBlank()) {
                        shows.add(new Opml.Outline(o.attr("xmlUrl").strip(), o.attr("text").strip()));
                    }
                }
                out.add(new Topic(group.attr("text"), List.copyOf(shows)));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new IllegalStateException("the bundled starter catalog cannot be read", e);
        }
    }
}
