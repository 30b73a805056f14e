package dev.podsift.digest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.podsift.model.EpisodeRef;
import dev.podsift.store.StoredInsight;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a ranked digest as text, Markdown, JSON (the stable contract in GUIDE §4) or a self-contained HTML page. */
public final class DigestRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Output formats of {@code digest}, {@code demo} and {@code extract}. */
    public enum Format { TEXT, MD, JSON, HTML }

    public String render(List<DigestItem> items, Instant generatedAt, Format format) {
        return switch (format) {
            case TEXT -> text(items, generatedAt);
            case MD -> markdown(items, generatedAt);
            case JSON -> json(items, generatedAt);
            case HTML -> HtmlDigestPage.render(items, generatedAt);
        };
    }

    public static String timestamp(double seconds) {
        return dev.podsift.model.Clock.of(seconds);
    }

    /** True when the cleaned text says exactly the quoted words (only case and punctuation differ). */
    public static boolean verbatim(String text, String quote) {
        return text.replaceAll("[^\\p{L}\\p{N}]+", "").equalsIgnoreCase(quote.replaceAll("[^\\p{L}\\p{N}]+", ""));
    }

    /** The card's text: in quotation marks when it is the quote word for word. */
    public static String headline(dev.podsift.model.Insight in) {
        return verbatim(in.text(), in.quote()) ? "“" + in.text() + "”" : in.text();
    }

    /** "Show · Episode" for one reference, skipping what is unknown. */
    public static String cite(EpisodeRef e) {
        if (e.podcast() == null) {
            return e.episode() == null ? "unknown episode" : e.episode();
        }
        return e.episode() == null ? e.podcast() : e.podcast() + " · " + e.episode();
    }

    private String text(List<DigestItem> items, Instant at) {
        StringBuilder b = new StringBuilder();
        b.append("Podsift · top ").append(items.size()).append(" insights · ")
                .append(at.truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
        if (items.isEmpty()) {
            b.append("Nothing new today: no unseen insights in the episodes scanned.\n");
        }
        for (DigestItem item : items) {
            var in = item.insight().insight();
            b.append(item.rank()).append(". ").append(headline(in)).append("\n");
            b.append("   — ").append(cite(item.insight().episode())).append(" @ ").append(timestamp(in.startSeconds()))
                    .append("\n");
            if (Card.showsQuote(in)) {
                b.append("   As said: “").append(in.quote()).append("”\n");
            }
            String also = AlsoIn.line(item);
            if (also != null) {
                b.append("   ").append(also).append("\n");
            }
            b.append("\n");
        }
        return b.toString();
    }

    private String markdown(List<DigestItem> items, Instant at) {
        StringBuilder b = new StringBuilder("# Podsift: today's top ").append(items.size()).append("\n\n_")
                .append(at.truncatedTo(ChronoUnit.SECONDS)).append("_\n\n");
        for (DigestItem item : items) {
            var in = item.insight().insight();
            EpisodeRef e = item.insight().episode();
            b.append(item.rank()).append(". **").append(md(headline(in))).append("**  \n");
            String where = md(cite(e)) + " @ " + timestamp(in.startSeconds());
            // only http(s) audio is linked (Markdown viewers follow javascript: and data: links), and characters
            // that could close the link are percent-encoded
            String audio = Html.safeUrl(e.audioUrl());
            b.append("   ").append(audio == null ? where
                    : "[" + where + "](" + mdUrl(audio) + "#t=" + (long) in.startSeconds() + ")").append("  \n");
            if (Card.showsQuote(in)) {
                b.append("   > As said: “").append(md(in.quote())).append("”\n");
            }
            String also = AlsoIn.line(item);
            if (also != null) {
                b.append("\n   ").append(md(also)).append("\n");
            }
            b.append("\n");
        }
        return b.toString();
    }

    private static String mdUrl(String url) {
        return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E");
    }

    private static String md(String s) {
        return s == null ? "" : s.replaceAll("([\\\\`*_\\[\\]<>])", "\\\\$1");
    }

    private String json(List<DigestItem> items, Instant at) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generated_at", at.truncatedTo(ChronoUnit.SECONDS).toString());
        List<Object> list = new ArrayList<>();
        for (DigestItem item : items) {
            var in = item.insight().insight();
            EpisodeRef e = item.insight().episode();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rank", item.rank());
            m.put("insight_id", item.insight().id());
            m.put("text", in.text());
            m.put("quote", in.quote());
            m.put("podcast", e.podcast());
            m.put("episode", e.episode());
            m.put("episode_url", e.episodeUrl());
            m.put("audio_url", e.audioUrl());
            m.put("start_seconds", round(in.startSeconds()));
            m.put("end_seconds", round(in.endSeconds()));
            m.put("score", round(item.score(), 3));
            List<Object> also = new ArrayList<>();
            for (StoredInsight o : item.alsoIn()) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("podcast", o.episode().podcast());
                a.put("episode", o.episode().episode());
                a.put("start_seconds", round(o.insight().startSeconds()));
                also.add(a);
            }
            m.put("also_in", also);
            Map<String, Object> parts = new LinkedHashMap<>();
            parts.put("quality", round(item.quality(), 3));
            parts.put("relevance", round(item.relevance(), 3));
            parts.put("consensus", round(item.consensus(), 3));
            parts.put("novelty", round(item.novelty(), 3));
            parts.put("preference", round(item.preference(), 3));
            m.put("score_parts", parts);
            if (item.why() != null) {
                m.put("why", item.why());
            }
            list.add(m);
        }
        root.put("insights", list);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode digest", e);
        }
    }

    private static double round(double v) {
        return round(v, 1);
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
