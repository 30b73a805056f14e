package dev.podsift.web;

import dev.podsift.app.App;
import dev.podsift.auth.Tokens;
import dev.podsift.store.SignInStore;
import dev.podsift.store.StoreException;
import dev.podsift.store.Subscriber;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sign-up (double opt-in), sign-in by emailed link, and signing out: the links are one-time, a GET only shows a
 * button (mail scanners and other sites' links change nothing), and every sign-in is a server-side row that
 * signing out, signing out everywhere, unsubscribing or signing up afresh ends.
 */
final class AccountRoutes {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\"',;]{1,64}@[^@\\s<>\"',;]{1,190}\\.[^@\\s<>\"',;]{2,}$");
    private final App app;
    private final Sessions sessions;
    private final SignInStore signIns;
    private final SignedLinks links;
    private final Pages pages;
    private final AccountMail mail;
    private final ClientAddress client;
    private final RateLimiter signUps;
    private final RateLimiter signInRequests;

    AccountRoutes(App app, Sessions sessions, SignInStore signIns, SignedLinks links, Pages pages, AccountMail mail,
                  ClientAddress client) {
        this.app = app;
        this.sessions = sessions;
        this.signIns = signIns;
        this.links = links;
        this.pages = pages;
        this.mail = mail;
        this.client = client;
        this.signUps = new RateLimiter(5, Duration.ofMinutes(10), app.clock());
        this.signInRequests = new RateLimiter(5, Duration.ofMinutes(10), app.clock());
    }

    void register(io.javalin.config.RoutesConfig r) {
        r.post("/signup", this::signUp);
        r.get("/confirm", ctx -> ask(ctx, Tokens.Purpose.CONFIRM));
        r.post("/confirm", this::confirm);
        r.get("/login", ctx -> Pages.html(ctx, pages.render("login",
                java.util.Map.of("page", pages.page(ctx, "Sign in", null)))));
        r.post("/login", this::signIn);
        r.get("/auth", ctx -> ask(ctx, Tokens.Purpose.LOGIN));
        r.post("/auth", this::auth);
        r.post("/logout", ctx -> {
            sessions.end(ctx);
            ctx.redirect("/");
        });
        r.post("/resubscribe", ctx -> {
            Subscriber s = sessions.required(ctx);
            app.subscribers().resubscribe(s.id());
            ctx.redirect("/settings?resubscribed=1");
        });
        r.post("/logout/everywhere", ctx -> {
            Subscriber s = sessions.required(ctx);
            int ended = signIns.endAll(s.id());
            sessions.clearCookie(ctx, Sessions.SESSION);
            Pages.html(ctx, pages.message(ctx, "Signed out everywhere", ended + " sign-in(s) ended, this one "
                    + "included. Sign in again with a new link.", "/login", "Sign in"));
        });
    }

    private void signUp(Context ctx) throws StoreException {
        if (!signUps.allow("signup:" + client.of(ctx))) {
            throw new Refused(HttpStatus.TOO_MANY_REQUESTS, "Too many sign-ups from your address. Try again in 10 minutes.");
        }
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("").strip();
        if (!EMAIL.matcher(email).matches() || email.length() > 254) {
            throw new Refused(HttpStatus.BAD_REQUEST, "That does not look like an email address: " + email);
        }
        LocalTime time = Params.time(ctx.formParam("time"));
        ZoneId zone = Params.zone(ctx.formParam("zone"));
        Subscriber s = app.subscribers().signUp(email, time, zone);
        if (s.active()) {
            mail.signIn(s);
        } else {
            mail.confirmation(s);
        }
        // the same answer, at once, whether or not the address was known: the page never tells who subscribes
        Pages.html(ctx, pages.message(ctx, "Check your inbox", "We sent a link to " + email + ". Use it to confirm; "
                + "nothing else is sent until you do.", null, null));
    }

    private void signIn(Context ctx) throws StoreException {
        if (!signInRequests.allow("login:" + client.of(ctx))) {
            throw new Refused(HttpStatus.TOO_MANY_REQUESTS, "Too many sign-in requests. Try again in 10 minutes.");
        }
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("").strip();
        Optional<Subscriber> s = email.length() > 254 ? Optional.empty() : app.subscribers().findByEmail(email);
        if (s.isPresent() && Subscriber.PENDING.equals(s.get().status())) {
            mail.confirmation(s.get());
        } else if (s.isPresent()) {
            // unsubscribed and bounced readers too: their archive is still theirs, and they may subscribe again
            mail.signIn(s.get());
        }
        Pages.html(ctx, pages.message(ctx, "Check your inbox", "If " + email + " has a Podsift subscription, a "
                + "sign-in link is on its way.", null, null));
    }

    /** A GET of an emailed link: says what the link does and asks for a click; it spends nothing. */
    private void ask(Context ctx, Tokens.Purpose purpose) throws StoreException {
        String t = ctx.queryParam("t");
        SignedLinks.Opened o = open(t, purpose);
        boolean confirm = purpose == Tokens.Purpose.CONFIRM;
        Pages.html(ctx, pages.ask(ctx, confirm ? "Confirm your subscription" : "Sign in",
                (confirm ? "Confirm the daily email to " : "Sign in as ") + o.subscriber().email() + "?", null,
                confirm ? "/confirm" : "/auth", t, confirm ? "Confirm" : "Sign in"));
    }

    private void confirm(Context ctx) throws StoreException {
        String t = ctx.formParam("t");
        SignedLinks.Opened o = open(t, Tokens.Purpose.CONFIRM);
        spend(t, o);
        app.subscribers().confirm(o.subscriber().id());
        sessions.start(ctx, o.subscriber().id());
        ctx.redirect("/settings?welcome=1");
    }

    private void auth(Context ctx) throws StoreException {
        String t = ctx.formParam("t");
        SignedLinks.Opened o = open(t, Tokens.Purpose.LOGIN);
        Subscriber s = o.subscriber();
        spend(t, o);
        sessions.start(ctx, s.id());
        ctx.redirect("/today");
    }

    private SignedLinks.Opened open(String t, Tokens.Purpose purpose) throws StoreException {
        return links.open(t, purpose).orElseThrow(() -> new Refused(HttpStatus.BAD_REQUEST,
                purpose == Tokens.Purpose.CONFIRM
                        ? "This confirmation link is not valid or has expired (links last 7 days and work once). "
                        + "Sign up again to get a new one."
                        : "This sign-in link is not valid or has expired (links last 30 minutes and work once). "
                        + "Ask for a new one."));
    }

    private void spend(String t, SignedLinks.Opened o) throws StoreException {
        if (!links.spend(t, o.claim())) {
            throw new Refused(HttpStatus.BAD_REQUEST, "This link has been used already: each works once. "
                    + (o.claim().purpose() == Tokens.Purpose.CONFIRM ? "Sign in to go on." : "Ask for a new one."));
        }
    }
}
