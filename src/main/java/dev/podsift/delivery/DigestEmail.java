package dev.podsift.delivery;

import dev.podsift.auth.Links;
import dev.podsift.digest.DigestItem;
import dev.podsift.digest.AlsoIn;
import dev.podsift.digest.Card;
import dev.podsift.digest.DigestRenderer;
import dev.podsift.digest.Html;
import dev.podsift.model.EpisodeRef;
import dev.podsift.store.StoredInsight;
import dev.podsift.store.Subscriber;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One day's digest as an email: subject, a plain-text part and an HTML part. The HTML has no images and no external
 * assets (readable with images off), inline styles for clients that drop {@code <style>}, a single column that fits a
 * phone, and a dark-mode block for clients that honour {@code prefers-color-scheme}.
 */
public final class DigestEmail {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

    /** The rendered parts. */
    public record Parts(String subject, String text, String html) {
    }

    private final Links links;

    public DigestEmail(Links links) {
        this.links = links;
    }

    public Parts render(Subscriber s, LocalDate date, List<DigestItem> items) {
        String subject = "Your top " + items.size() + " insight" + (items.size() == 1 ? "" : "s") + " · "
                + DAY.format(date);
        return new Parts(subject, text(s, date, items), html(s, date, items));
    }

    private String text(Subscriber s, LocalDate date, List<DigestItem> items) {
        StringBuilder b = new StringBuilder("Podsift · your top ").append(items.size()).append(" · ")
                .append(DAY.format(date)).append("\n")
                .append("Read it in your browser: ").append(links.day(date)).append("\n\n");
        for (DigestItem item : items) {
            var in = item.insight().insight();
            EpisodeRef e = item.insight().episode();
            // the text, and the words as said only when they say more than the text without fillers
            b.append(item.rank()).append(". ").append(DigestRenderer.headline(in)).append("\n");
            if (Card.showsQuote(in)) {
                b.append("   As said: “").append(in.quote()).append("”\n");
            }
            b.append("   ").append(DigestRenderer.cite(e)).append(" at ").append(DigestRenderer.timestamp(in.startSeconds()))
                    .append("\n");
            String listen = listen(e, in.startSeconds());
            if (listen != null) {
                b.append("   Listen: ").append(listen).append("\n");
            }
            if (Html.safeUrl(e.episodeUrl()) != null) {
                b.append("   Episode: ").append(e.episodeUrl()).append("\n");
            }
            String also = AlsoIn.line(item);
            if (also != null) {
                b.append("   ").append(also).append("\n");
            }
            long id = item.insight().id();
            b.append("   In the transcript: ").append(links.insight(id)).append("\n");
            b.append("   Useful? yes ").append(links.vote(s.id(), s.linkKey(), id, 1)).append("\n");
            b.append("           no  ").append(links.vote(s.id(), s.linkKey(), id, -1)).append("\n\n");
        }
        b.append("--\nYou get this because ").append(s.email()).append(" follows podcasts on Podsift.\n")
                .append("Settings: ").append(links.settings()).append("\n")
                .append("Unsubscribe: ").append(links.unsubscribe(s.id(), s.linkKey())).append("\n");
        return b.toString();
    }

    private String html(Subscriber s, LocalDate date, List<DigestItem> items) {
        StringBuilder b = new StringBuilder("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width,initial-scale=1">
                <meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">
                <style>
                @media (prefers-color-scheme: dark) {
                  body, .bg { background:#111114 !important; color:#f2f2f5 !important; }
                  .card { background:#1d1d22 !important; border-color:#33333a !important; }
                  .muted, .quote { color:#b4b4bd !important; }
                  a { color:#b3a8ff !important; }
                }
                </style></head>
                <body class="bg" style="margin:0;padding:0;background:#f4f4f6;color:#1d1d1f;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5">
                <div style="max-width:600px;margin:0 auto;padding:20px 14px">
                """);
        b.append("<h1 style=\"font-size:22px;margin:0 0 4px\">Your top ").append(items.size()).append("</h1>")
                .append("<p class=\"muted\" style=\"margin:0 0 18px;color:#6b6b73\">").append(Html.esc(DAY.format(date)))
                .append(" · from the podcasts you follow · ").append(Html.link(links.day(date), "view in your browser"))
                .append("</p>\n");
        for (DigestItem item : items) {
            var in = item.insight().insight();
            EpisodeRef e = item.insight().episode();
            b.append("<div class=\"card\" style=\"background:#ffffff;border:1px solid #e3e3e8;border-radius:10px;"
                    + "padding:16px 18px;margin:0 0 14px\">");
            b.append("<p style=\"margin:0 0 10px;font-size:18px;font-weight:600;line-height:1.4\">").append(item.rank())
                    .append(". ").append(Html.esc(DigestRenderer.headline(in))).append("</p>");
            if (Card.showsQuote(in)) {
                b.append("<p class=\"quote\" style=\"margin:0 0 10px;padding-left:12px;border-left:3px solid #d0d0d8;"
                        + "color:#55555d;font-style:italic\">“").append(Html.esc(in.quote())).append("”</p>");
            }
            b.append("<p class=\"muted\" style=\"margin:0 0 6px;font-size:14px;color:#6b6b73\">")
                    .append(Html.esc(e.podcast() == null ? "" : e.podcast())).append(" · ")
                    .append(Html.link(e.episodeUrl(), e.episode() == null ? "episode page" : e.episode()))
                    .append(" · ");
            String ts = DigestRenderer.timestamp(in.startSeconds());
            String listen = listen(e, in.startSeconds());
            b.append(listen == null ? "at " + ts : Html.link(listen, "▶ listen at " + ts)).append(" · ")
                    .append(Html.link(links.insight(item.insight().id()), "in the transcript")).append("</p>");
            String also = AlsoIn.line(item);
            if (also != null) {
                b.append("<p class=\"muted\" style=\"margin:0 0 6px;font-size:14px;color:#6b6b73\">")
                        .append(Html.esc(also)).append("</p>");
            }
            long id = item.insight().id();
            b.append("<p style=\"margin:8px 0 0;font-size:14px\">")
                    .append(Html.link(links.vote(s.id(), s.linkKey(), id, 1), "👍 Useful")).append(" &nbsp;·&nbsp; ")
                    .append(Html.link(links.vote(s.id(), s.linkKey(), id, -1), "👎 Not for me")).append("</p></div>\n");
        }
        b.append("<p class=\"muted\" style=\"font-size:13px;color:#6b6b73;margin:20px 0 0\">You get this because ")
                .append(Html.esc(s.email())).append(" follows podcasts on Podsift. ")
                .append(Html.link(links.settings(), "Settings")).append(" · ")
                .append(Html.link(links.unsubscribe(s.id(), s.linkKey()), "Unsubscribe")).append("</p>\n</div></body></html>\n");
        return b.toString();
    }

    /** The audio at that second ({@code #t=}, a W3C media fragment most players honour), or null. */
    static String listen(EpisodeRef e, double seconds) {
        String audio = Html.safeUrl(e.audioUrl());
        if (audio == null) {
            return null;
        }
        int hash = audio.indexOf('#');
        return (hash >= 0 ? audio.substring(0, hash) : audio) + "#t=" + (long) Math.floor(seconds);
    }

}
