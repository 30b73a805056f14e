package dev.podsift.digest;

import dev.podsift.model.EpisodeRef;
import dev.podsift.store.StoredInsight;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** A self-contained HTML page of one digest: no scripts, no external assets, readable on a phone and in dark mode. */
final class HtmlDigestPage {
    private static final String STYLE = """
            :root{color-scheme:light dark;--fg:#1d1d1f;--muted:#6e6e73;--bg:#fbfbfd;--card:#fff;--accent:#5b4bdb;--line:#e5e5ea}
            @media (prefers-color-scheme:dark){:root{--fg:#f5f5f7;--muted:#a1a1a6;--bg:#111114;--card:#1c1c21;--accent:#a99cff;--line:#2c2c33}}
            *{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:17px/1.55 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
            main{max-width:720px;margin:0 auto;padding:32px 20px 64px}header h1{font-size:28px;margin:0 0 4px;letter-spacing:-.02em}
            header p{margin:0 0 28px;color:var(--muted)}ol{list-style:none;padding:0;margin:0;counter-reset:i}
            li{background:var(--card);border:1px solid var(--line);border-radius:14px;padding:20px 22px;margin:0 0 16px;counter-increment:i;position:relative}
            li::before{content:counter(i);position:absolute;top:20px;left:-14px;width:28px;height:28px;border-radius:50%;background:var(--accent);color:#fff;font-weight:700;font-size:14px;display:flex;align-items:center;justify-content:center}
            .text{font-size:19px;font-weight:600;margin:0 0 12px;line-height:1.45}
            blockquote{margin:0 0 12px;padding:0 0 0 14px;border-left:3px solid var(--line);color:var(--muted);font-style:italic}
            .src{font-size:15px;color:var(--muted)}.src a{color:var(--accent);text-decoration:none}.src a:hover{text-decoration:underline}
            .also{font-size:14px;color:var(--muted);margin-top:8px}.empty{color:var(--muted)}footer{margin-top:32px;font-size:13px;color:var(--muted)}
            """;

    private HtmlDigestPage() {
    }

    static String render(List<DigestItem> items, Instant at) {
        String date = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC).format(at);
        StringBuilder b = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<title>Podsift · top " + items.size() + " insights · " + esc(date) + "</title><style>" + STYLE
                + "</style></head><body><main><header><h1>Today's top " + items.size() + " insights</h1><p>"
                + esc(date) + " · from the podcasts you follow</p></header>\n");
        if (items.isEmpty()) {
            b.append("<p class=\"empty\">Nothing new today: no unseen insights in the episodes scanned.</p>");
        }
        b.append("<ol>\n");
        for (DigestItem item : items) {
            var in = item.insight().insight();
            EpisodeRef e = item.insight().episode();
            b.append("<li><p class=\"text\">").append(esc(DigestRenderer.headline(in))).append("</p>");
            if (Card.showsQuote(in)) {
                b.append("<blockquote>As said: “").append(esc(in.quote())).append("”</blockquote>");
            }
            b.append("<div class=\"src\">").append(esc(e.podcast())).append(" · ");
            b.append(link(e.episodeUrl(), e.episode() == null ? "episode" : e.episode())).append(" · ");
            String ts = DigestRenderer.timestamp(in.startSeconds());
            b.append(e.audioUrl() == null ? "at " + ts
                    : link(e.audioUrl() + "#t=" + (long) in.startSeconds(), "▶ listen at " + ts));
            b.append("</div>");
            String also = AlsoIn.line(item);
            if (also != null) {
                b.append("<div class=\"also\">").append(esc(also)).append("</div>");
            }
            b.append("</li>\n");
        }
        b.append("</ol><footer>Made by Podsift from publisher transcripts. Quotes are verbatim; times point into "
                + "the episode audio.</footer></main></body></html>\n");
        return b.toString();
    }

    private static String link(String url, String label) {
        return Html.link(url, label);
    }

    private static String esc(String s) {
        return Html.esc(s);
    }
}
