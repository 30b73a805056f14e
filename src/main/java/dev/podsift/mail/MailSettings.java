package dev.podsift.mail;

import java.time.Duration;

/** How to reach the SMTP server and what to send as. */
public record MailSettings(String host, int port, String user, String password, String from, String security,
                           Duration timeout) {
    /** security: none (plain, e.g. a local relay), starttls (upgrade; port 587) or tls (implicit; port 465). */
    public MailSettings {
        if (!security.matches("none|starttls|tls")) {
            throw new IllegalArgumentException("PODSIFT_SMTP_SECURITY must be none, starttls or tls (got '"
                    + security + "')");
        }
    }
}
