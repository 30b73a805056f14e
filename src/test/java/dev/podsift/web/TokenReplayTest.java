package dev.podsift.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.store.Subscriber;
import dev.podsift.support.ScriptedSmtpServer;
import dev.podsift.support.ServiceFixture;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaying what a user was given: sign-in links are spent on use, a GET of a link acts on nothing, sign-out and
 * sign-out-everywhere end sign-ins on the server, rotated links die, a fresh database never honours an old token,
 * form tokens follow the sign-in, and sign-in emails neither wait for the mail server nor flood one address.
 */
class TokenReplayTest {
    private static final String SECRET = "a-secret-shared-by-two-installations-0123456789";

    static Subscriber active(ServiceFixture f, String email) throws Exception {
        Subscriber s = f.app.subscribers().signUp(email, LocalTime.of(7, 0), ZoneId.of("UTC"));
        f.app.subscribers().confirm(s.id());
        return f.app.subscribers().find(s.id()).orElseThrow();
    }

    /** Asks for a sign-in link and returns it. */
    static String signInLink(ServiceFixture f, WebClient browser, String email) throws Exception {
        int before = f.smtp.getReceivedMessages().length;
        f.clock.advance(Duration.ofMinutes(4)); // at most 3 links per address in 10 minutes
        browser.get("/login");
        browser.post("/login", "email", email);
        assertTrue(f.smtp.waitForIncomingEmail(10_000, before + 1));
        var received = f.smtp.getReceivedMessages();
        for (int i = received.length - 1; i >= 0; i--) {
            if ("Your Podsift sign-in link".equals(received[i].getSubject())
                    && received[i].getAllRecipients()[0].toString().equals(email)) {
                return WebAppTest.link(WebAppTest.text(received[i]), "/auth");
            }
        }
        throw new AssertionError("no sign-in link for " + email);
    }

    /** A browser signed in as {@code email} (an active subscriber) through an emailed link. */
    static WebClient signedIn(ServiceFixture f, String base, String email) throws Exception {
        WebClient c = new WebClient(base);
        assertEquals(302, c.press(signInLink(f, c, email), "/auth").statusCode());
        return c;
    }

    private static int status(WebClient as, String sessionValue, String path) throws Exception {
        return as.http.send(HttpRequest.newBuilder(as.uri(path)).header("Cookie", Sessions.SESSION + "=" + sessionValue)
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void linksAreSpentAndSignInsEndOnTheServer(@TempDir Path dir) throws Exception {
        int port = WebAppTest.freePort();
        String base = "http://127.0.0.1:" + port;
        try (ServiceFixture f = new ServiceFixture(dir, Instant.parse("2026-11-25T06:00:00Z"),
                Map.of("PODSIFT_BASE_URL", base, "PODSIFT_SECRET", SECRET));
             WebApp web = new WebApp(f.service)) {
            web.start("127.0.0.1", port);
            Subscriber ada = active(f, "ada@example.com");
            WebClient laptop = new WebClient(base);
            String link = signInLink(f, laptop, "ada@example.com");

            // a mail scanner opens the link: it signs nobody in and spends nothing
            WebClient scanner = new WebClient(base);
            assertEquals(200, scanner.get(link).statusCode());
            assertNull(scanner.cookie(Sessions.SESSION), "a GET signs nobody in");
            assertEquals(302, laptop.press(link, "/auth").statusCode());
            String laptopSession = laptop.cookie(Sessions.SESSION);
            assertNotNull(laptopSession);
            assertEquals(200, laptop.get("/today").statusCode());
            // the same link again, by anyone: refused
            WebClient thief = new WebClient(base);
            HttpResponse<String> replay = thief.press(link, "/auth");
            assertEquals(400, replay.statusCode(), replay.body());
            assertTrue(replay.body().contains("used already"), replay.body());
            assertNull(thief.cookie(Sessions.SESSION));

            // sign out: the old cookie value no longer works anywhere
            laptop.get("/today");
            assertEquals(302, laptop.post("/logout").statusCode());
            assertEquals(401, status(thief, laptopSession, "/today"), "a copied cookie dies with the sign-out");
            assertEquals(401, status(thief, laptopSession, "/api/me"));

            // two devices; "sign out everywhere" on one ends both
            WebClient phone = new WebClient(base);
            phone.press(signInLink(f, phone, "ada@example.com"), "/auth");
            laptop.press(signInLink(f, laptop, "ada@example.com"), "/auth");
            String phoneSession = phone.cookie(Sessions.SESSION);
            assertEquals(200, phone.get("/today").statusCode());
            laptop.get("/settings");
            HttpResponse<String> everywhere = laptop.post("/logout/everywhere");
            assertEquals(200, everywhere.statusCode(), everywhere.body());
            assertTrue(everywhere.body().contains("2 sign-in(s) ended"), everywhere.body());
            assertEquals(401, status(thief, phoneSession, "/today"));
            assertEquals(401, phone.get("/settings").statusCode());

            // unsubscribing ends every sign-in too
            phone.press(signInLink(f, phone, "ada@example.com"), "/auth");
            assertEquals(200, phone.get("/today").statusCode());
            f.app.subscribers().unsubscribe(ada.id());
            assertEquals(401, phone.get("/today").statusCode());
        }
    }

    @Test
    void rotatedLinksAndAFreshDatabaseHonourNoOldToken(@TempDir Path dir) throws Exception {
        int port = WebAppTest.freePort();
        String base = "http://127.0.0.1:" + port;
        String oldFeed;
        String oldUnsubscribe;
        String oldSession;
        try (ServiceFixture f = new ServiceFixture(dir.resolve("a"), Instant.parse("2026-11-25T06:00:00Z"),
                Map.of("PODSIFT_BASE_URL", base, "PODSIFT_SECRET", SECRET));
             WebApp web = new WebApp(f.service)) {
            web.start("127.0.0.1", port);
            Subscriber ada = active(f, "ada@example.com");
            WebClient browser = new WebClient(base);
            browser.press(signInLink(f, browser, "ada@example.com"), "/auth");
            oldSession = browser.cookie(Sessions.SESSION);
            oldFeed = f.service.links().feed(ada.id(), ada.linkKey(), "rss");
            oldUnsubscribe = f.service.links().unsubscribe(ada.id(), ada.linkKey());
            WebClient reader = new WebClient(base);
            assertEquals(200, reader.get(oldFeed).statusCode());

            browser.get("/settings");
            HttpResponse<String> rotated = browser.post("/links/rotate");
            assertEquals(200, rotated.statusCode(), rotated.body());
            assertEquals(404, reader.get(oldFeed).statusCode(), "the old private feed address is dead");
            assertEquals(400, reader.get(oldUnsubscribe).statusCode(), "the old unsubscribe link is dead");
            Subscriber now = f.app.subscribers().find(ada.id()).orElseThrow();
            assertNotEquals(ada.linkKey(), now.linkKey());
            assertEquals(200, reader.get(f.service.links().feed(ada.id(), now.linkKey(), "rss")).statusCode());
            assertTrue(rotated.body().contains(f.service.links().feed(ada.id(), now.linkKey(), "rss")),
                    "the settings page shows the new address");
            // signing up afresh after leaving revokes the links of the first subscription
            f.app.subscribers().unsubscribe(ada.id());
            String beforeLeaving = f.service.links().unsubscribe(ada.id(), now.linkKey());
            f.app.subscribers().signUp("ada@example.com", LocalTime.of(7, 0), ZoneId.of("UTC"));
            assertEquals(400, reader.get(beforeLeaving).statusCode());
        }
        // the same secret, a new database: subscriber 1 is someone else, and nothing issued before works
        try (ServiceFixture f = new ServiceFixture(dir.resolve("b"), Instant.parse("2026-11-25T06:00:00Z"),
                Map.of("PODSIFT_BASE_URL", base, "PODSIFT_SECRET", SECRET));
             WebApp web = new WebApp(f.service)) {
            web.start("127.0.0.1", port);
            Subscriber eve = active(f, "eve@example.com");
            assertEquals(1, eve.id(), "the new subscriber has the old one's id");
            WebClient attacker = new WebClient(base);
            assertEquals(404, attacker.get(oldFeed).statusCode());
            assertEquals(400, attacker.get(oldUnsubscribe).statusCode());
            assertEquals(401, status(attacker, oldSession, "/today"));
            assertEquals(Subscriber.ACTIVE, f.app.subscribers().find(eve.id()).orElseThrow().status());
        }
    }

    @Test
    void aPlantedVisitorCookieCannotPostForASignedInVictim(@TempDir Path dir) throws Exception {
        try (Served served = Served.at(dir, Instant.parse("2026-11-25T06:00:00Z"))) {
            ServiceFixture f = served.f;
            String base = served.base;
            Subscriber victim = active(f, "victim@example.com");
            WebClient browser = new WebClient(base);
            browser.press(signInLink(f, browser, "victim@example.com"), "/auth");
            // the attacker's own visit gives a visitor cookie and its form token
            WebClient attacker = new WebClient(base);
            attacker.get("/");
            String plantedVisitor = attacker.cookie(Sessions.VISITOR);
            String attackerToken = attacker.csrf;
            // a sibling host sets that cookie in the victim's browser, then posts the attacker's token
            java.net.HttpCookie planted = new java.net.HttpCookie(Sessions.VISITOR, plantedVisitor);
            planted.setPath("/");
            planted.setVersion(0);
            browser.cookies.getCookieStore().remove(java.net.URI.create(base), browser.cookies.getCookieStore()
                    .getCookies().stream().filter(c -> c.getName().equals(Sessions.VISITOR)).findFirst().orElseThrow());
            browser.cookies.getCookieStore().add(java.net.URI.create(base), planted);
            browser.csrf = attackerToken;
            HttpResponse<String> forged = browser.post("/settings", "topics", "crypto giveaways", "time", "07:00",
                    "zone", "UTC");
            assertEquals(403, forged.statusCode(), forged.body());
            assertEquals("", f.app.subscribers().find(victim.id()).orElseThrow().topics());
            // the victim's own page still works
            browser.get("/settings");
            assertEquals(200, browser.post("/settings", "topics", "hiring", "time", "07:00", "zone", "UTC")
                    .statusCode());
        }
    }

    @Test
    void signInEmailsNeitherWaitForTheMailServerNorFloodOneAddress(@TempDir Path dir) throws Exception {
        int port = WebAppTest.freePort();
        String base = "http://127.0.0.1:" + port;
        // a mail server that accepts the connection and never says a word
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (ServiceFixture f = new ServiceFixture(dir, Instant.parse("2026-11-25T06:00:00Z"),
                    Map.of("PODSIFT_BASE_URL", base, "PODSIFT_SMTP_PORT", String.valueOf(silent.getLocalPort())));
                 WebApp web = new WebApp(f.service)) {
                web.start("127.0.0.1", port);
                active(f, "known@example.com");
                java.net.http.HttpClient quick = java.net.http.HttpClient.newHttpClient();
                WebClient browser = new WebClient(base);
                browser.get("/login");
                for (String email : new String[] {"known@example.com", "nobody@example.com"}) {
                    String form = WebClient.encode(Map.of("csrf", browser.csrf, "email", email));
                    HttpResponse<String> r = quick.send(HttpRequest.newBuilder(browser.uri("/login"))
                            .timeout(Duration.ofSeconds(20))
                            .header("Cookie", Sessions.VISITOR + "=" + browser.cookie(Sessions.VISITOR))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode(), "answered while the mail server still holds the message");
                    assertTrue(r.body().contains("If " + email + " has a Podsift subscription"), r.body());
                }
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void oneAddressGetsAFewLinksWhateverTheClientAddressAndNoServerWords(@TempDir Path dir) throws Exception {
        int port = WebAppTest.freePort();
        String base = "http://127.0.0.1:" + port;
        try (ServiceFixture f = new ServiceFixture(dir, Instant.parse("2026-11-25T06:00:00Z"),
                Map.of("PODSIFT_BASE_URL", base, "PODSIFT_TRUSTED_PROXIES", "127.0.0.1"));
             WebApp web = new WebApp(f.service)) {
            web.start("127.0.0.1", port);
            active(f, "target@example.com");
            WebClient browser = new WebClient(base);
            browser.get("/login");
            // twelve requests from twelve client addresses (behind the operator's proxy): three emails
            for (int i = 0; i < 12; i++) {
                String form = WebClient.encode(Map.of("csrf", browser.csrf, "email", "target@example.com"));
                HttpResponse<String> r = browser.http.send(HttpRequest.newBuilder(browser.uri("/login"))
                        .header("X-Forwarded-For", "203.0.113." + (i + 1))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), "each client address is under its own limit: " + r.body());
            }
            assertTrue(f.smtp.waitForIncomingEmail(10_000, 3));
            String log = f.log.toString();
            assertEquals(9, log.split("too many asked for lately", -1).length - 1, log);
            // one client address is limited on its own (five per ten minutes), whatever the header says next
            int last = 0;
            for (int i = 0; i < 6; i++) {
                String form = WebClient.encode(Map.of("csrf", browser.csrf, "email", "x" + i + "@example.com"));
                last = browser.http.send(HttpRequest.newBuilder(browser.uri("/login"))
                        .header("X-Forwarded-For", "198.51.100.7")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode();
            }
            assertEquals(429, last);
            assertEquals(3, f.smtp.getReceivedMessages().length);
        }
        // a mail server's refusal names its internal hosts: the log keeps it, the visitor never sees it
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer();
             ServiceFixture f = new ServiceFixture(dir.resolve("b"), Instant.parse("2026-11-25T06:00:00Z"),
                     Map.of("PODSIFT_BASE_URL", base, "PODSIFT_SMTP_PORT", String.valueOf(smtp.port())));
             WebApp web = new WebApp(f.service)) {
            web.start("127.0.0.1", port);
            smtp.rcptReplies.add("550 5.7.1 relay denied by mx3.corp.internal [10.20.30.40]");
            WebClient browser = new WebClient(base);
            browser.get("/");
            HttpResponse<String> r = browser.post("/signup", "email", "new@example.com", "time", "07:00", "zone", "UTC");
            assertEquals(200, r.statusCode(), r.body());
            assertFalse(r.body().contains("10.20.30.40") || r.body().contains("corp.internal"), r.body());
            WebAppTest.waitUntil(() -> f.log.toString().contains("10.20.30.40"), "the refusal is logged");
        }
    }
}
