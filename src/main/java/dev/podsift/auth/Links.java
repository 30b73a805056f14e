package dev.podsift.auth;

import java.net.URI;

/**
 * The web app's addresses as they appear in emails and feeds, with the signed token each one needs. The base URL
 * is what subscribers' browsers reach (PODSIFT_BASE_URL), not necessarily where the server listens.
 */
public final class Links {
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private final String base;
    private final Tokens tokens;

    public Links(String baseUrl, Tokens tokens) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.tokens = tokens;
    }

    public String base() {
        return base;
    }

    /** The host name used in Message-IDs. */
    public String host() {
        String h = URI.create(base).getHost();
        return h == null ? "localhost" : h;
    }

    public Tokens tokens() {
        return tokens;
    }

    /** A one-time confirmation link (7 days). */
    public String confirm(long subscriberId, String linkKey) {
        return base + "/confirm?t=" + tokens.issue(Tokens.Purpose.CONFIRM, subscriberId, linkKey, nonce());
    }

    /** A one-time sign-in link (30 minutes). */
    public String login(long subscriberId, String linkKey) {
        return base + "/auth?t=" + tokens.issue(Tokens.Purpose.LOGIN, subscriberId, linkKey, nonce());
    }

    public String unsubscribe(long subscriberId, String linkKey) {
        return base + "/unsubscribe?t=" + tokens.issue(Tokens.Purpose.UNSUBSCRIBE, subscriberId, linkKey, null);
    }

    /** A 👍 ({@code vote} +1) or 👎 (-1) link for one insight. */
    public String vote(long subscriberId, String linkKey, long insightId, int vote) {
        return base + "/vote?t=" + tokens.issue(Tokens.Purpose.VOTE, subscriberId, linkKey, insightId + ":" + vote);
    }

    /** The subscriber's private feed of digests, {@code kind} rss or atom. */
    public String feed(long subscriberId, String linkKey, String kind) {
        return base + "/feeds/" + tokens.issue(Tokens.Purpose.FEED, subscriberId, linkKey, null) + "." + kind;
    }

    private static String nonce() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public String settings() {
        return base + "/settings";
    }

    /** An insight in its episode's transcript (for a signed-in follower). */
    public String insight(long insightId) {
        return base + "/insight/" + insightId;
    }

    public String day(java.time.LocalDate date) {
        return base + "/digest/" + date;
    }
}
