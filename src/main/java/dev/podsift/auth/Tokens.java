package dev.podsift.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, single-purpose tokens for links in emails and for sessions: {@code payload.signature}, where the payload
 * names the purpose, the subscriber, one argument and an expiry, and the signature is HMAC-SHA256 with the server's
 * secret. A token for one purpose never passes as another; a changed byte fails the signature.
 */
public final class Tokens {
    /** What a token lets its bearer do, and for how long (null: until the secret changes). */
    public enum Purpose {
        CONFIRM(Duration.ofDays(7)), LOGIN(Duration.ofMinutes(30)), SESSION(Duration.ofDays(30)),
        UNSUBSCRIBE(null), VOTE(null), FEED(null);

        private final Duration lifetime;

        Purpose(Duration lifetime) {
            this.lifetime = lifetime;
        }
    }

    /** A verified token's content. */
    public record Claim(Purpose purpose, long subscriberId, String argument) {
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final byte[] secret;
    private final InstantSource clock;

    public Tokens(byte[] secret, InstantSource clock) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the token secret must be at least 16 bytes");
        }
        this.secret = secret.clone();
        this.clock = clock;
    }

    public String issue(Purpose purpose, long subscriberId, String argument) {
        long expires = purpose.lifetime == null ? 0 : clock.instant().plus(purpose.lifetime).getEpochSecond();
        String payload = purpose.name().toLowerCase(java.util.Locale.ROOT) + ":" + subscriberId + ":" + expires + ":"
                + (argument == null ? "" : argument);
        String body = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return body + "." + B64.encodeToString(mac(body));
    }

    /** The claim when {@code token} is genuine, for {@code purpose} and not expired; else empty. */
    public Optional<Claim> verify(String token, Purpose purpose) {
        if (token == null || token.length() > 1000) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String body = token.substring(0, dot);
        byte[] given;
        String payload;
        try {
            given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            payload = new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(given, mac(body))) {
            return Optional.empty();
        }
        String[] parts = payload.split(":", 4);
        if (parts.length != 4 || !parts[0].equals(purpose.name().toLowerCase(java.util.Locale.ROOT))) {
            return Optional.empty();
        }
        try {
            long expires = Long.parseLong(parts[2]);
            if (expires != 0 && clock.instant().getEpochSecond() > expires) {
                return Optional.empty();
            }
            return Optional.of(new Claim(purpose, Long.parseLong(parts[1]), parts[3]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A value derived from {@code text} with the secret (form tokens tied to a session). */
    public String derive(String text) {
        return B64.encodeToString(mac("derive:" + text));
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
