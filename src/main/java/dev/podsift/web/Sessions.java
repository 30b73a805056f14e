package dev.podsift.web;

import dev.podsift.auth.Tokens;
import dev.podsift.store.SignInStore;
import dev.podsift.store.StoreException;
import dev.podsift.store.Subscriber;
import dev.podsift.store.SubscriberStore;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Optional;

/**
 * Who is at the other end of a request: the random visitor cookie every browser gets, the server-side sign-in (a
 * random value in a cookie, or a bearer token on the API, whose hash is a row that signing out deletes), and the
 * form tokens derived from the sign-in (or, before it, from the visitor cookie), so a foreign site cannot post.
 */
final class Sessions {
    static final String SESSION = "ps_s";
    static final String VISITOR = "ps_v";
    static final Duration LIFETIME = Duration.ofDays(30);
    private static final String SIGN_IN = "ps.signIn";
    private static final String CURRENT = "ps.current";
    private static final String CURRENT_FOR = "ps.currentFor";
    private final Tokens tokens;
    private final SubscriberStore subscribers;
    private final SignInStore signIns;
    private final InstantSource clock;
    private final boolean secureCookies;
    private final SecureRandom random = new SecureRandom();

    Sessions(Tokens tokens, SubscriberStore subscribers, SignInStore signIns, InstantSource clock,
             boolean secureCookies) {
        this.tokens = tokens;
        this.subscribers = subscribers;
        this.signIns = signIns;
        this.clock = clock;
        this.secureCookies = secureCookies;
    }

    /** Every browser gets a random visitor cookie; before sign-in, form tokens are derived from it. */
    void visitor(Context ctx) {
        String v = ctx.cookie(VISITOR);
        if (v == null || v.length() < 20 || v.length() > 64) {
            v = randomValue(18);
            setCookie(ctx, VISITOR, v, -1);
        }
        ctx.attribute(VISITOR, v);
    }

    /**
     * The form token for this request's pages: bound to the sign-in when there is one (a visitor cookie planted by a
     * sibling host cannot forge it), else to the visitor cookie (sign-up and sign-in forms).
     */
    String formToken(Context ctx) {
        String signIn = signInValue(ctx);
        return tokens.derive(signIn != null ? "form:session:" + Tokens.hash(signIn) : "form:" + ctx.attribute(VISITOR));
    }

    static boolean needsFormToken(String path) {
        // one-click unsubscribe is authorised by its signed link (RFC 8058: no cookie); the API uses bearer tokens
        return !path.equals("/unsubscribe") && !path.startsWith("/api/");
    }

    boolean formTokenOk(Context ctx) {
        String given = ctx.formParam("csrf");
        return given != null && java.security.MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                formToken(ctx).getBytes(StandardCharsets.UTF_8));
    }

    /** Signs the browser in for 30 days: a new random value in the cookie, its hash on the server. */
    void start(Context ctx, long subscriberId) throws StoreException {
        String old = ctx.cookie(SESSION);
        if (old != null && old.length() <= 100) {
            signIns.end(Tokens.hash(old));
        }
        String value = randomValue(32);
        signIns.create(Tokens.hash(value), subscriberId, clock.instant().plus(LIFETIME));
        setCookie(ctx, SESSION, value, (int) LIFETIME.toSeconds());
        ctx.attribute(SIGN_IN, value);
        forget(ctx);
    }

    /** Signs this browser out: its sign-in ends on the server too. */
    void end(Context ctx) throws StoreException {
        String value = signInValue(ctx);
        if (value != null) {
            signIns.end(Tokens.hash(value));
        }
        forget(ctx);
        clearCookie(ctx, SESSION);
    }

    /** The signed-in subscriber: the session cookie, or on the API a bearer token. */
    Optional<Subscriber> current(Context ctx) throws StoreException {
        String value = signInValue(ctx);
        if (value == null) {
            return Optional.empty();
        }
        // looked up once per request (a page asks for it for its frame and again for its content)
        if (value.equals(ctx.attribute(CURRENT_FOR))) {
            return ctx.attribute(CURRENT);
        }
        Optional<Long> id = signIns.subscriberOf(Tokens.hash(value));
        // whatever the status: someone who unsubscribed may still read their archive and subscribe again
        Optional<Subscriber> s = id.isEmpty() ? Optional.empty() : subscribers.find(id.get());
        ctx.attribute(CURRENT_FOR, value);
        ctx.attribute(CURRENT, s);
        return s;
    }

    /** Forgets the subscriber looked up for this request (a sign-in started or ended in it). */
    private static void forget(Context ctx) {
        ctx.attribute(CURRENT_FOR, null);
    }

    /**
     * The sign-in value this request carries: on the API, a bearer token, or the cookie for reads only (a cookie
     * alone could be a cross-site request, so the API's writes take a bearer token); elsewhere the cookie.
     */
    private String signInValue(Context ctx) {
        String started = ctx.attribute(SIGN_IN);
        if (started != null) {
            return started;
        }
        String value = ctx.cookie(SESSION);
        if (ctx.path().startsWith("/api/")) {
            String auth = ctx.header("Authorization");
            if (auth != null && auth.startsWith("Bearer ")) {
                value = auth.substring(7).strip();
            } else if (!isRead(ctx)) {
                value = null;
            }
        }
        return value == null || value.isEmpty() || value.length() > 100 ? null : value;
    }

    static boolean isRead(Context ctx) {
        String m = ctx.method().name();
        return m.equals("GET") || m.equals("HEAD");
    }

    Subscriber required(Context ctx) throws StoreException {
        return current(ctx).orElseThrow(() -> {
            if (!ctx.path().startsWith("/api/") && ctx.method().name().equals("GET")) {
                return new Refused(HttpStatus.UNAUTHORIZED, "Sign in first: we email you a link.");
            }
            return new Refused(HttpStatus.UNAUTHORIZED, "Not signed in.");
        });
    }

    void setCookie(Context ctx, String name, String value, int maxAge) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax"
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "") + (secureCookies ? "; Secure" : ""));
    }

    void clearCookie(Context ctx, String name) {
        setCookie(ctx, name, "", 0);
        if (name.equals(SESSION)) {
            forget(ctx); // its sign-in was ended: the rest of the request looks again
        }
    }

    private String randomValue(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
