package dev.podsift.web;

import dev.podsift.auth.Links;
import dev.podsift.mail.Email;
import dev.podsift.mail.Mailer;
import dev.podsift.mail.SendResult;
import dev.podsift.store.Subscriber;
import java.util.Map;
import java.util.UUID;

/** The two account emails: confirm a sign-up (double opt-in), and a sign-in link. */
final class AccountMail {
    private final Mailer mailer;
    private final Links links;

    AccountMail(Mailer mailer, Links links) {
        this.mailer = mailer;
        this.links = links;
    }

    SendResult confirmation(Subscriber s) {
        String link = links.confirm(s.id());
        String text = "Someone (we hope you) asked for Podsift's daily top 5 insights at this address.\n\n"
                + "Confirm it with this link (valid for 7 days):\n" + link + "\n\n"
                + "Nothing will be sent unless you do. If it wasn't you, ignore this email.\n";
        return mailer.send(new Email(s.email(), "Confirm your Podsift subscription", text, null, id(),
                Map.of("Auto-Submitted", "auto-generated")));
    }

    SendResult signIn(Subscriber s) {
        String link = links.login(s.id());
        String text = "Sign in to Podsift with this link (valid for 30 minutes):\n" + link + "\n\n"
                + "If you did not ask for it, ignore this email.\n";
        return mailer.send(new Email(s.email(), "Your Podsift sign-in link", text, null, id(),
                Map.of("Auto-Submitted", "auto-generated")));
    }

    private String id() {
        return "<" + UUID.randomUUID() + "@" + links.host() + ">";
    }
}
