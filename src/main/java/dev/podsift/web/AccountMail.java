package dev.podsift.web;

import dev.podsift.auth.Links;
import dev.podsift.mail.Email;
import dev.podsift.mail.Mailer;
import dev.podsift.mail.SendResult;
import dev.podsift.store.Subscriber;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The two account emails, confirm a sign-up (double opt-in) and a sign-in link, sent in the background: a page
 * answers at once whether or not the address is known and however slow the mail server is, and what the mail
 * server says goes to the log, never to the visitor. At most a few reach one address per ten minutes, whoever asks.
 */
final class AccountMail implements AutoCloseable {
    private final Mailer mailer;
    private final Links links;
    private final RateLimiter perAddress;
    private final Consumer<String> log;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(200), r -> {
                Thread t = new Thread(r, "account-mail");
                t.setDaemon(true);
                return t;
            });

    AccountMail(Mailer mailer, Links links, RateLimiter perAddress, Consumer<String> log) {
        this.mailer = mailer;
        this.links = links;
        this.perAddress = perAddress;
        this.log = log;
    }

    /** Queues the confirmation email (unless this address has had its share lately). */
    void confirmation(Subscriber s) {
        queue(s, () -> {
            String link = links.confirm(s.id(), s.linkKey());
            String text = "Someone (we hope you) asked for Podsift's daily top 5 insights at this address.\n\n"
                    + "Confirm it with this link (valid for 7 days, once):\n" + link + "\n\n"
                    + "Nothing will be sent unless you do. If it wasn't you, ignore this email.\n";
            return new Email(s.email(), "Confirm your Podsift subscription", text, null, id(),
                    Map.of("Auto-Submitted", "auto-generated"));
        });
    }

    /** Queues a sign-in link (unless this address has had its share lately). */
    void signIn(Subscriber s) {
        queue(s, () -> {
            String link = links.login(s.id(), s.linkKey());
            String text = "Sign in to Podsift with this link (valid for 30 minutes, once):\n" + link + "\n\n"
                    + "If you did not ask for it, ignore this email.\n";
            return new Email(s.email(), "Your Podsift sign-in link", text, null, id(),
                    Map.of("Auto-Submitted", "auto-generated"));
        });
    }

    private void queue(Subscriber s, java.util.function.Supplier<Email> email) {
        if (!perAddress.allow("account-mail:" + s.email().toLowerCase(Locale.ROOT))) {
            log.accept("account mail: not sent to subscriber " + s.id() + ", too many asked for lately");
            return;
        }
        try {
            sender.execute(() -> {
                SendResult r = mailer.send(email.get());
                if (r.kind() != SendResult.Kind.SENT) {
                    log.accept("account mail to subscriber " + s.id() + " not sent: " + r.kind() + " " + r.detail());
                }
            });
        } catch (RejectedExecutionException e) {
            log.accept("account mail: queue full, not sent to subscriber " + s.id());
        }
    }

    private String id() {
        return "<" + UUID.randomUUID() + "@" + links.host() + ">";
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
