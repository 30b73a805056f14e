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
 * Signed, single-purpose tokens for links in emails: {@code payload.signature}, where the payload names the
 * purpose, the subscriber, the stamp of the subscriber's link key, one argument and an expiry, and the signature is
 * HMAC-SHA256 with the server's secret. A token for one purpose never passes as another; a changed byte fails the
 * signature; a token whose stamp is not the subscriber's current key's was revoked (see {@link Claim#stampedWith}).
 */
public final class Tokens {
    /** What a token lets its bearer do, and for how long (null: until the subscriber's links are rotated). */
    public enum Purpose {
        CONFIRM(Duration.ofDays(7)), LOGIN(Duration.ofMinutes(30)), UNSUBSCRIBE(null), VOTE(null), FEED(null);

        private final Duration lifetime;

        Purpose(Duration lifetime) {
            this.lifetime = lifetime;
        }

        /** How long a link of this purpose lasts; null when until revoked. */
        public Duration lifetime() {
            return lifetime;
        }
    }

    /** A verified token's content; {@code expires} is null for links that last until revoked. */
    public record Claim(Purpose purpose, long subscriberId, String stamp, String argument, java.time.Instant expires) {
        /** True when the token was issued under {@code linkKey}, the subscriber's current key (else: revoked). */
        public boolean stampedWith(String linkKey) {
            return linkKey != null && MessageDigest.isEqual(stamp.getBytes(StandardCharsets.UTF_8),
                    Tokens.stamp(linkKey).getBytes(StandardCharsets.UTF_8));
        }
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

    /** A token for {@code purpose}, bound to the subscriber's current {@code linkKey}. */
    public String issue(Purpose purpose, long subscriberId, String linkKey, String argument) {
        long expires = purpose.lifetime == null ? 0 : clock.instant().plus(purpose.lifetime).getEpochSecond();
        String payload = purpose.name().toLowerCase(java.util.Locale.ROOT) + ":" + subscriberId + ":" + expires + ":"
                + stamp(linkKey) + ":" + (argument == null ? "" : argument);
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
        String[] parts = payload.split(":", 5);
        if (parts.length != 5 || !parts[0].equals(purpose.name().toLowerCase(java.util.Locale.ROOT))) {
            return Optional.empty();
        }
        try {
            long expires = Long.parseLong(parts[2]);
            if (expires != 0 && clock.instant().getEpochSecond() > expires) {
                return Optional.empty();
            }
            return Optional.of(new Claim(purpose, Long.parseLong(parts[1]), parts[3], parts[4],
                    expires == 0 ? null : java.time.Instant.ofEpochSecond(expires)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The short fingerprint of a link key that tokens carry (the key itself never leaves the server). */
    static String stamp(String linkKey) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("link-key:" + (linkKey == null ? "" : linkKey))
                    .getBytes(StandardCharsets.UTF_8));
            return B64.encodeToString(java.util.Arrays.copyOf(h, 9));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The SHA-256 of a secret value, as hex: what the server keeps of sign-ins and spent links. */
    public static String hash(String value) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
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
