package dev.podsift.transcript;

import dev.podsift.model.Segment;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The Podcasting 2.0 HTML transcript ({@code <cite>Speaker:</cite><time>0:53</time><p>…</p>}); other HTML
 * pages fall back to their paragraphs as untimed text.
 */
final class HtmlTranscriptParser {
    private HtmlTranscriptParser() {
    }

    static List<Segment> parse(String content) {
        Document doc = Jsoup.parse(content);
        doc.select("script, style, noscript").remove();
        SegmentBuilder out = new SegmentBuilder();
        String speaker = null;
        double time = Double.NaN;
        boolean timed = !doc.select("time").isEmpty();
        if (!timed) {
            return TextTranscriptParser.parse(doc.body() == null ? "" : doc.body().wholeText(), Double.NaN);
        }
        for (Element e : doc.select("cite, time, p")) {
            switch (e.tagName()) {
                case "cite" -> speaker = e.text().replaceAll(":\\s*$", "");
                case "time" -> {
                    try {
                        time = Timecodes.parse(e.text());
                    } catch (NumberFormatException ex) {
                        time = Double.NaN;
                    }
                }
                default -> out.add(Double.isNaN(time) ? 0 : time, Double.NaN, speaker, e.text());
            }
        }
        return out.build();
    }
}
