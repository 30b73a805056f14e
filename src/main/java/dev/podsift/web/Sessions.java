package dev.podsift.web;

import dev.podsift.auth.Tokens;
import dev.podsift.store.StoreException;
import dev.podsift.store.Subscriber;
import dev.podsift.store.SubscriberStore;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Who is at the other end of a request: the random visitor cookie every browser gets, the form tokens derived from
 * it (so a foreign site cannot post), and the signed 30-day session (a cookie, or a bearer token on the API).
 */
final class Sessions {
    static final String SESSION = "ps_s";
    static final String VISITOR = "ps_v";
    private final Tokens tokens;
    private final SubscriberStore subscribers;
    private final boolean secureCookies;
    private final SecureRandom random = new SecureRandom();

    Sessions(Tokens tokens, SubscriberStore subscribers, boolean secureCookies) {
        this.tokens = tokens;
        this.subscribers = subscribers;
        this.secureCookies = secureCookies;
    }

    /** Every browser gets a random visitor cookie; form tokens are derived from it, so a foreign site cannot post. */
    void visitor(Context ctx) {
        String v = ctx.cookie(VISITOR);
        if (v == null || v.length() < 20 || v.length() > 64) {
            byte[] b = new byte[18];
            random.nextBytes(b);
            v = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            setCookie(ctx, VISITOR, v, -1);
        }
        ctx.attribute(VISITOR, v);
    }

    String formToken(Context ctx) {
        String v = ctx.attribute(VISITOR);
        return tokens.derive("form:" + v);
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

    /** Signs the browser in for 30 days. */
    void start(Context ctx, long subscriberId) {
        setCookie(ctx, SESSION, tokens.issue(Tokens.Purpose.SESSION, subscriberId, null), 30 * 24 * 3600);
    }

    /** The signed-in subscriber: the session cookie, or on the API a bearer token. */
    Optional<Subscriber> current(Context ctx) throws StoreException {
        String token = ctx.cookie(SESSION);
        String auth = ctx.header("Authorization");
        if (ctx.path().startsWith("/api/") && auth != null && auth.startsWith("Bearer ")) {
            token = auth.substring(7).strip();
        } else if (ctx.path().startsWith("/api/") && ctx.method().name().equals("POST")) {
            token = null; // the API's writes take a bearer token only: a cookie alone could be a cross-site request
        }
        Optional<Tokens.Claim> claim = tokens.verify(token, Tokens.Purpose.SESSION);
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        return subscribers.find(claim.get().subscriberId())
                .filter(s -> s.active() || Subscriber.PENDING.equals(s.status()));
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
    }
}
