package dev.podsift.web;

import dev.podsift.app.App;
import dev.podsift.auth.Tokens;
import dev.podsift.digest.Taste;
import dev.podsift.store.StoreException;
import dev.podsift.store.Subscriber;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * 👍/👎 on an insight: from the digest and search pages (signed in, a 👎 then offers its reasons, "more like this" is
 * a 👍 with a reason), and from an emailed link (a page with a button, so a mail scanner's GET records nothing; a 👎
 * offers one button per reason). Only insights the reader was sent can be voted on.
 */
final class VoteRoutes {
    private final App app;
    private final Sessions sessions;
    private final SignedLinks signedLinks;
    private final Pages pages;
    private final ContentAccess access;
    private final String base;

    VoteRoutes(App app, Sessions sessions, SignedLinks signedLinks, Pages pages, ContentAccess access, String base) {
        this.app = app;
        this.sessions = sessions;
        this.signedLinks = signedLinks;
        this.pages = pages;
        this.access = access;
        this.base = base;
    }

    void register(io.javalin.config.RoutesConfig r) {
        r.post("/vote", ctx -> {
            if (ctx.formParam("t") != null) {
                voteFromEmail(ctx);
                return;
            }
            Subscriber s = sessions.required(ctx);
            long insight = access.delivered(s, ctx.formParam("insight")).id();
            String given = ctx.formParam("vote");
            int vote = "1".equals(given) || Taste.MORE.equals(given) ? 1 : -1;
            app.subscribers().vote(s.id(), insight, vote, Taste.MORE.equals(given) ? Taste.MORE
                    : reason(vote, ctx.formParam("reason")));
            ctx.redirect(SameSite.back(ctx.header("Referer"), base, "/today") + "#i" + insight);
        });
        r.get("/vote", this::askVote);
    }

    /**
     * A GET of an emailed 👍/👎 link: shows the insight and a button (a 👎 also one button per reason: one click says
     * why); a mail scanner's GET changes nothing.
     */
    private void askVote(Context ctx) throws StoreException {
        String t = ctx.queryParam("t");
        Vote v = vote(t);
        Pages.html(ctx, pages.ask(ctx, v.up() ? "👍 Useful?" : "👎 Not for you?", v.up()
                        ? "Record that this insight was useful: more like it in later digests."
                        : "Record that this insight was not for you: fewer like it in later digests. Or say why, "
                        + "in one click:",
                v.text(), "/vote", t, v.up() ? "Yes, useful" : "Yes, not for me",
                v.up() ? Map.of() : Taste.REASONS));
    }

    private void voteFromEmail(Context ctx) throws StoreException {
        Vote v = vote(ctx.formParam("t"));
        String reason = reason(v.up() ? 1 : -1, ctx.formParam("reason"));
        app.subscribers().vote(v.subscriberId(), v.insightId(), v.up() ? 1 : -1, reason);
        Pages.html(ctx, pages.message(ctx, "Thanks", (v.up() ? "Noted: more like this. " : "Noted: fewer like this"
                + (reason == null ? ". " : " (" + Taste.label(reason).toLowerCase(java.util.Locale.ROOT) + "). "))
                + "“" + v.text() + "”", "/today", "Today's digest"));
    }

    /** A vote's reason as stored: one of {@link Taste#REASONS} with a 👎, "more" with a 👍, else none. */
    static String reason(int vote, String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        if (vote > 0 ? Taste.MORE.equals(given) : Taste.REASONS.containsKey(given)) {
            return given;
        }
        throw new Refused(HttpStatus.BAD_REQUEST, "Unknown reason: a 👎 may say " + String.join(", ",
                Taste.REASONS.keySet()) + "; a 👍 may say " + Taste.MORE + ".");
    }

    private record Vote(long subscriberId, long insightId, boolean up, String text) {
    }

    private Vote vote(String t) throws StoreException {
        SignedLinks.Opened o = signedLinks.open(t, Tokens.Purpose.VOTE)
                .orElseThrow(() -> new Refused(HttpStatus.BAD_REQUEST, "This feedback link is not valid."));
        String[] parts = o.claim().argument().split(":");
        if (parts.length != 2) {
            throw new Refused(HttpStatus.BAD_REQUEST, "This feedback link is not valid.");
        }
        var insight = access.delivered(o.subscriber(), parts[0]);
        return new Vote(o.subscriber().id(), insight.id(), parts[1].equals("1"), insight.insight().text());
    }
}
