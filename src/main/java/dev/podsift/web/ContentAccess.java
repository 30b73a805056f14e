package dev.podsift.web;

import dev.podsift.app.App;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredInsight;
import dev.podsift.store.Subscriber;
import io.javalin.http.HttpStatus;

/**
 * Who may see what: an episode (its transcript, audio and links, which may carry a private feed's secrets) only to
 * the subscribers who follow its feed or were sent an insight of it, and to admins; a vote only on an insight that
 * was sent to you. Anything else, a bad id included, is the same 404 as an id that does not exist.
 */
final class ContentAccess {
    private final App app;
    private final Pages pages;

    ContentAccess(App app, Pages pages) {
        this.app = app;
        this.pages = pages;
    }

    /** The episode id, when {@code s} may read it. */
    long episode(Subscriber s, String id) throws StoreException {
        long episode = id(id, "No such episode.");
        if (!pages.isAdmin(s) && !app.subscribers().mayRead(s, episode)) {
            throw new Refused(HttpStatus.NOT_FOUND, "No such episode.");
        }
        return episode;
    }

    /** An insight whose episode {@code s} may read. */
    StoredInsight insight(Subscriber s, String id) throws StoreException {
        StoredInsight i = app.insights().find(id(id, "No such insight."))
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "No such insight."));
        episode(s, String.valueOf(i.episode().episodeId()));
        return i;
    }

    /** An insight that was in one of {@code s}'s digests. */
    StoredInsight delivered(Subscriber s, String id) throws StoreException {
        long insight = id(id, "No such insight.");
        if (!app.subscribers().wasSent(s, insight)) {
            throw new Refused(HttpStatus.NOT_FOUND, "No such insight in your digests.");
        }
        return app.insights().find(insight).orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "No such insight."));
    }

    private static long id(String value, String notFound) {
        try {
            long id = Long.parseLong(value == null ? "" : value.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // the same answer as an id that does not exist
        }
        throw new Refused(HttpStatus.NOT_FOUND, notFound);
    }
}
