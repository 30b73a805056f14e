package dev.podsift.mail;

/**
 * What the mail server said: accepted, a temporary refusal (4xx, or it could not be reached: try again later) or a
 * permanent one (5xx: the address bounces; do not retry).
 */
public record SendResult(Kind kind, String detail) {
    public enum Kind { SENT, TEMPORARY, PERMANENT }

    public static SendResult sent() {
        return new SendResult(Kind.SENT, null);
    }
}
