package dev.podsift.web;

import dev.podsift.store.StoreException;
import dev.podsift.store.Subscriber;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Renders the server's pages (jte templates, escaped) with the frame every page shares. */
final class Pages {
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final Sessions sessions;
    private final Set<String> admins;

    Pages(Sessions sessions, Set<String> admins) {
        this.sessions = sessions;
        this.admins = admins;
    }

    Page page(Context ctx, String title, String notice) throws StoreException {
        Optional<Subscriber> s = sessions.current(ctx);
        return new Page(title, s.isPresent(), s.isPresent() && admins.contains(s.get().email()),
                sessions.formToken(ctx), notice);
    }

    boolean isAdmin(Subscriber s) {
        return admins.contains(s.email());
    }

    /** A page with a heading, a paragraph and an optional link (shown even when the database does not answer). */
    String message(Context ctx, String heading, String body, String link, String label) {
        Page p;
        try {
            p = page(ctx, heading, null);
        } catch (StoreException e) {
            p = new Page(heading, false, false, sessions.formToken(ctx), null);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("page", p);
        m.put("heading", heading);
        m.put("body", body);
        m.put("linkUrl", link);
        m.put("linkLabel", label);
        return render("message", m);
    }

    /**
     * A page that asks before acting: a GET (a mail scanner's, a link planted by another site) changes nothing; the
     * button POSTs {@code token} to {@code action} with this visitor's form token.
     */
    String ask(Context ctx, String heading, String body, String quote, String action, String token, String button)
            throws StoreException {
        return ask(ctx, heading, body, quote, action, token, button, Map.of());
    }

    /** The same, with one more button per {@code reasons} entry (sent as {@code reason} = its key). */
    String ask(Context ctx, String heading, String body, String quote, String action, String token, String button,
               Map<String, String> reasons) throws StoreException {
        Map<String, Object> m = new HashMap<>();
        m.put("reasons", reasons);
        m.put("page", page(ctx, heading, null));
        m.put("heading", heading);
        m.put("body", body);
        m.put("quote", quote);
        m.put("action", action);
        m.put("token", token);
        m.put("button", button);
        return render("ask", m);
    }

    String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        templates.render(template + ".jte", params, out);
        return out.toString();
    }

    static void html(Context ctx, String page) {
        ctx.contentType("text/html; charset=utf-8").result(page);
    }
}
