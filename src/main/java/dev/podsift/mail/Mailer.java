package dev.podsift.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

/** Sends email over SMTP (Jakarta Mail), reporting the server's answer as sent, temporary or permanent. */
public final class Mailer {
    private final MailSettings settings;
    private final Session session;

    public Mailer(MailSettings settings) {
        this.settings = settings;
        Properties p = new Properties();
        String proto = settings.security().equals("tls") ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", settings.host());
        p.put("mail." + proto + ".port", String.valueOf(settings.port()));
        String ms = String.valueOf(settings.timeout().toMillis());
        p.put("mail." + proto + ".connectiontimeout", ms);
        p.put("mail." + proto + ".timeout", ms);
        p.put("mail." + proto + ".writetimeout", ms);
        p.put("mail." + proto + ".auth", String.valueOf(settings.user() != null));
        if (!settings.security().equals("tls")) {
            p.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
            p.put("mail.smtp.socketFactory.fallback", "false");
        }
        // the name we greet the server with (EHLO): our public host, not a lookup of this machine's name
        p.put("mail." + proto + ".localhost", helo(settings.from()));
        if (settings.security().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (!settings.security().equals("none")) {
            p.put("mail." + proto + ".ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(p);
    }

    /** The domain of the From address, for EHLO; "localhost" when there is none. */
    static String helo(String from) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("@([A-Za-z0-9.-]+)").matcher(from);
        return m.find() ? m.group(1) : "localhost";
    }

    public String from() {
        return settings.from();
    }

    /**
     * Sends one message. The connection stays open for the next one (a morning's digests go over one connection, as
     * mail servers expect); one idle for {@link #IDLE} is closed first. When a kept connection turns out to be dead
     * before the server answered anything about this message, the message goes once more on a fresh connection.
     */
    public synchronized SendResult send(Email email) {
        MimeMessage m;
        try {
            m = message(email);
        } catch (MessagingException e) {
            return classify(e);
        }
        boolean reused = transport != null && transport.isConnected()
                && System.nanoTime() - lastUsed < IDLE.toNanos();
        try {
            if (!reused) {
                closeTransport();
                transport = connect();
            }
            transport.sendMessage(m, m.getAllRecipients());
            lastUsed = System.nanoTime();
            return SendResult.sent();
        } catch (MessagingException e) {
            closeTransport();
            if (reused && !(e instanceof jakarta.mail.SendFailedException)) {
                // the kept connection had gone away (server timeout, restart): a fresh one, once
                try {
                    transport = connect();
                    transport.sendMessage(m, m.getAllRecipients());
                    lastUsed = System.nanoTime();
                    return SendResult.sent();
                } catch (MessagingException again) {
                    closeTransport();
                    return classify(again);
                }
            }
            return classify(e);
        }
    }

    /** How long a kept connection may sit unused (servers drop idle clients after a few minutes). */
    static final java.time.Duration IDLE = java.time.Duration.ofSeconds(30);
    private Transport transport;
    private long lastUsed;

    private Transport connect() throws MessagingException {
        Transport t = session.getTransport(settings.security().equals("tls") ? "smtps" : "smtp");
        if (settings.user() != null) {
            t.connect(settings.host(), settings.port(), settings.user(), settings.password());
        } else {
            t.connect();
        }
        return t;
    }

    private void closeTransport() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // closing a broken connection: nothing more to do
            }
            transport = null;
        }
    }

    /** Closes the kept connection (QUIT). */
    public synchronized void close() {
        closeTransport();
    }

    private MimeMessage message(Email email) throws MessagingException {
        MimeMessage m = new FixedIdMessage(session, email.messageId());
        m.setFrom(new InternetAddress(settings.from()));
        m.setRecipients(MimeMessage.RecipientType.TO, new Address[] {new InternetAddress(email.to(), true)});
        m.setSubject(email.subject(), "UTF-8");
        m.setSentDate(new Date());
        for (Map.Entry<String, String> h : email.headers().entrySet()) {
            m.setHeader(h.getKey(), h.getValue());
        }
        if (email.html() == null) {
            m.setText(email.text(), "UTF-8");
        } else {
            MimeMultipart alt = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(email.text(), "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(email.html(), "UTF-8", "html");
            alt.addBodyPart(text);
            alt.addBodyPart(html);
            m.setContent(alt);
        }
        m.saveChanges();
        return m;
    }

    /** 5xx from the server: permanent; 4xx, a connection failure or a timeout: temporary. */
    static SendResult classify(MessagingException e) {
        int code = -1;
        for (Throwable t = e; t != null; t = t instanceof MessagingException me && me.getNextException() != null
                ? me.getNextException() : t.getCause()) {
            if (t instanceof org.eclipse.angus.mail.smtp.SMTPSendFailedException f) {
                code = f.getReturnCode();
                break;
            }
            if (t instanceof org.eclipse.angus.mail.smtp.SMTPAddressFailedException f) {
                code = f.getReturnCode();
                break;
            }
            if (t == t.getCause()) {
                break;
            }
        }
        String detail = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        if (e.getNextException() != null && e.getNextException().getMessage() != null) {
            detail = detail + ": " + e.getNextException().getMessage().strip();
        }
        if (code >= 500 && code < 600) {
            return new SendResult(SendResult.Kind.PERMANENT, "the mail server refused it (" + code + "): " + detail);
        }
        return new SendResult(SendResult.Kind.TEMPORARY, code > 0 ? "the mail server deferred it (" + code + "): "
                + detail : "cannot reach the mail server " + "(" + detail + ")");
    }

    /** A message whose Message-ID is ours, not one Jakarta Mail makes up on save. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
