package dev.podsift.web;

import dev.podsift.app.App;
import dev.podsift.service.Service;
import dev.podsift.store.StoreException;
import dev.podsift.store.Subscriber;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The admin page (for PODSIFT_ADMIN_EMAILS): feeds, storms, stages, failures, deliveries, tasks; and "read now". */
final class AdminRoutes {
    private final App app;
    private final Service service;
    private final Sessions sessions;
    private final Pages pages;

    AdminRoutes(App app, Service service, Sessions sessions, Pages pages) {
        this.app = app;
        this.service = service;
        this.sessions = sessions;
        this.pages = pages;
    }

    void register(io.javalin.config.RoutesConfig r) {
        r.get("/admin", this::admin);
        r.post("/admin/refresh", ctx -> {
            requireAdmin(ctx);
            long id = Params.longParam(ctx.formParam("podcast"));
            app.podcasts().list().stream().filter(p -> p.id() == id).findFirst()
                    .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "No such feed."));
            service.scanSoon(id);
            ctx.redirect("/admin?queued=" + id);
        });
        // stop using the vote layer adopted last: the one adopted before it (or the judge's own scores) takes over
        r.post("/admin/layer/rollback", ctx -> {
            requireAdmin(ctx);
            app.voteLayers().rollBack();
            ctx.redirect("/admin#learning");
        });
    }

    private Subscriber requireAdmin(Context ctx) throws StoreException {
        Subscriber s = sessions.required(ctx);
        if (!pages.isAdmin(s)) {
            throw new Refused(HttpStatus.FORBIDDEN, "Only the addresses in PODSIFT_ADMIN_EMAILS may open this page.");
        }
        return s;
    }

    private void admin(Context ctx) throws StoreException {
        Subscriber s = requireAdmin(ctx);
        String next = "";
        for (var t : service.taskRows()) {
            if (t.task().equals("refresh-feeds") && t.next() != null) {
                next = Times.at(t.next(), s.zone(), "");
            }
        }
        Map<String, Object> m = new HashMap<>();
        m.put("page", pages.page(ctx, "Admin", ctx.queryParam("queued") != null
                ? "Feed " + ctx.queryParam("queued").replaceAll("\\D", "") + " is queued to be read now." : null));
        m.put("feeds", app.podcasts().list());
        m.put("polls", app.podcasts().nextPolls());
        m.put("storms", app.podcasts().storms(app.clock().instant().minus(Duration.ofDays(30))));
        m.put("nextPoll", next.isEmpty() ? "not scheduled" : next);
        m.put("stages", app.episodes().countByStage());
        m.put("failures", app.episodes().failures(50));
        m.put("deliveries", app.deliveries().countByState());
        m.put("problems", app.deliveries().problems(50));
        m.put("tasks", service.taskRows());
        m.put("subscribers", app.subscribers().all().size());
        m.put("votes", app.subscribers().voteCount());
        m.put("refits", app.voteLayers().recent(10));
        m.put("zone", s.zone());
        Pages.html(ctx, pages.render("admin", m));
    }
}
