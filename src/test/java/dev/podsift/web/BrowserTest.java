package dev.podsift.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.store.Subscriber;
import dev.podsift.support.Corpus;
import dev.podsift.support.LocalHttpServer;
import dev.podsift.support.ServiceFixture;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web app in a real headless Chromium (Debian's chromium + chromium-driver; .ci/run installs them): sign up,
 * confirm from the email, follow a corpus feed and the demo shows served on 127.0.0.1, set topics, make the day's
 * digest, read it, vote, import an OPML file, sign out, unsubscribe from the email, sign in again to the archive,
 * subscribe again; and the admin page on a phone. Screenshots of each step go to target/screenshots/.
 */
@Tag("browser")
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target/screenshots");

    @BeforeAll
    static void needsChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present) {
            System.out.println("SKIPPED browser tests (BrowserTest): Chromium not found. Enable them with "
                    + "'apt-get install -y chromium chromium-driver' (.ci/run does this).");
        }
        Assumptions.assumeTrue(present, "chromium and chromium-driver are not installed");
    }

    static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=420,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Clicks a submit button and waits for the next page (the old one goes stale). */
    static void submit(WebDriver d, By button) {
        WebElement page = d.findElement(By.tagName("html"));
        d.findElement(button).click();
        gone(d, page);
    }

    /** Waits until {@code page} is no longer the document (Chromium reports it as stale or as a foreign node). */
    static void gone(WebDriver d, WebElement page) {
        new org.openqa.selenium.support.ui.WebDriverWait(d, Duration.ofSeconds(60)).until(x -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException e) {
                return true;
            }
        });
    }

    static void shot(WebDriver d, String name) throws Exception {
        Files.createDirectories(SHOTS);
        File f = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aNewUsersMorning(@TempDir Path dir) throws Exception {
        int port = WebAppTest.freePort();
        String base = "http://127.0.0.1:" + port;
        Path corpusFeeds = Corpus.root() == null ? null : Corpus.root().resolve("feeds");
        try (ServiceFixture f = new ServiceFixture(dir, Instant.now(), Map.of("PODSIFT_BASE_URL", base));
             WebApp web = new WebApp(f.service);
             LocalHttpServer corpus = new LocalHttpServer(corpusFeeds)) {
            web.start("127.0.0.1", port);
            f.service.startTasks(1);
            WebDriver d = chromium(dir.resolve("profile"));
            try {
                d.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
                d.get(base + "/");
                shot(d, "1-home");
                assertEquals("UTC", d.findElement(By.cssSelector("[data-zone]")).getAttribute("value"),
                        "the page's script filled in the browser's time zone");
                d.findElement(By.id("email")).sendKeys("grace@example.com");
                submit(d, By.cssSelector("#signup button[type=submit]"));
                assertTrue(d.getPageSource().contains("Check your inbox"));
                shot(d, "2-check-inbox");

                assertTrue(f.smtp.waitForIncomingEmail(10_000, 1));
                MimeMessage confirm = f.smtp.getReceivedMessages()[0];
                d.get(WebAppTest.link(WebAppTest.text(confirm), "/confirm"));
                assertTrue(d.getPageSource().contains("grace@example.com"), "the link's page says whose it is");
                shot(d, "3-confirm-button");
                submit(d, By.cssSelector("form[action='/confirm'] button"));
                assertTrue(d.getCurrentUrl().endsWith("/settings?welcome=1"), d.getCurrentUrl());
                shot(d, "3-settings-welcome");

                List<String> feeds = new java.util.ArrayList<>(List.of(f.feed("shipping-software.xml"),
                        f.feed("founder-hours.xml"), f.feed("data-bench.xml")));
                if (corpusFeeds != null) {
                    feeds.add(corpus.url("/pfp__start_podcast.xml"));
                }
                for (String url : feeds) {
                    d.findElement(By.id("url")).sendKeys(url);
                    submit(d, By.cssSelector("#add-feed button"));
                    assertTrue(d.findElement(By.cssSelector(".notice")).getText().startsWith("Following"),
                            d.getPageSource());
                }
                assertEquals(feeds.size(), d.findElements(By.cssSelector("ul.feeds li")).size());
                WebElement topics = d.findElement(By.id("topics"));
                topics.clear();
                topics.sendKeys("blameless postmortems, small pull requests");
                submit(d, By.cssSelector("#prefs button"));
                assertEquals("Saved.", d.findElement(By.cssSelector(".notice")).getText());
                shot(d, "4-settings-feeds");
                Subscriber s = f.app.subscribers().findByEmail("grace@example.com").orElseThrow();
                assertEquals("blameless postmortems, small pull requests", s.topics());

                submit(d, By.linkText("Today"));
                submit(d, By.cssSelector("#run-now button"));
                // the background workers may finish before the page comes back: then the digest is already there
                List<WebElement> preparing = d.findElements(By.id("preparing"));
                assertTrue(preparing.isEmpty() ? !d.findElements(By.cssSelector("li.insight")).isEmpty()
                        : preparing.get(0).getText().contains("being prepared"), d.getPageSource());
                assertTrue(d.findElements(By.id("run-now")).isEmpty(), "asked once: no second button");
                shot(d, "5-preparing");
                assertTrue(f.smtp.waitForIncomingEmail(120_000, 2), "the background workers send today's digest");
                d.get(base + "/today");
                List<WebElement> items = d.findElements(By.cssSelector("li.insight"));
                assertEquals(5, items.size(), d.getPageSource());
                shot(d, "6-today");
                WebElement before = d.findElement(By.tagName("html"));
                items.get(0).findElement(By.cssSelector("button[value='1']")).click();
                gone(d, before);
                WebElement chosen = d.findElements(By.cssSelector("li.insight")).get(0)
                        .findElement(By.cssSelector("button[value='1']"));
                assertTrue(chosen.getAttribute("class").contains("chosen"));
                shot(d, "7-voted");
                // a vote far down the page comes back to that insight, not to the top
                WebElement lastBefore = d.findElement(By.tagName("html"));
                WebElement last = d.findElements(By.cssSelector("li.insight")).get(4);
                String lastId = last.getAttribute("id");
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView()", last);
                last.findElement(By.cssSelector("button[value='-1']")).click();
                gone(d, lastBefore);
                assertTrue(d.getCurrentUrl().endsWith("#" + lastId), d.getCurrentUrl());
                Number y = (Number) ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return window.scrollY");
                assertTrue(y.doubleValue() > 200, "the page stays down at the insight voted on: " + y);
                assertEquals("true", d.findElement(By.id(lastId)).findElement(By.cssSelector("button[value='-1']"))
                        .getAttribute("aria-pressed"));
                shot(d, "7b-voted-down-the-page");
                assertEquals(2, f.app.subscribers().voteCount());
                assertEquals(2, f.smtp.getReceivedMessages().length, "confirmation + today's digest");

                submit(d, By.linkText("Archive"));
                assertEquals(1, d.findElements(By.cssSelector("table.archive tbody tr")).size());
                shot(d, "8-archive");

                // an OPML file from another app: titled from the file at once, read in the background
                Path opml = dir.resolve("subscriptions.opml");
                Files.writeString(opml, "<?xml version=\"1.0\"?><opml version=\"2.0\"><body>"
                        + "<outline text=\"A Show That Moved Away\" xmlUrl=\"" + f.feed("moved-away.xml") + "\"/>"
                        + "</body></opml>");
                submit(d, By.linkText("Settings"));
                d.findElement(By.id("file")).sendKeys(opml.toString());
                submit(d, By.cssSelector("#opml button"));
                assertTrue(d.findElement(By.cssSelector(".notice")).getText().startsWith("Imported 1 feed(s)"),
                        d.getPageSource());
                assertTrue(d.getPageSource().contains("A Show That Moved Away"), d.getPageSource());
                shot(d, "9-opml-imported");
                WebAppTest.waitUntil(() -> f.app.podcasts().find(f.feed("moved-away.xml")).orElseThrow()
                        .lastError() != null, "the imported feed is read in the background");
                d.get(base + "/settings");
                assertTrue(d.getPageSource().contains("404"), "its follower sees why it cannot be read");
                shot(d, "10-opml-state");

                // sign out; leave from the digest email; come back to read the archive; subscribe again
                submit(d, By.cssSelector("form[action='/logout'] button"));
                String unsubscribe = f.smtp.getReceivedMessages()[1].getHeader("List-Unsubscribe")[0]
                        .replaceAll("[<>]", "");
                d.get(unsubscribe);
                shot(d, "11-unsubscribe-asks");
                submit(d, By.cssSelector("form[action^='/unsubscribe'] button"));
                assertTrue(d.getPageSource().contains("Unsubscribed"), d.getPageSource());
                assertEquals(Subscriber.UNSUBSCRIBED, f.app.subscribers().find(s.id()).orElseThrow().status());
                d.get(base + "/login");
                d.findElement(By.id("email")).sendKeys("grace@example.com");
                submit(d, By.cssSelector("form[action='/login'] button"));
                assertTrue(f.smtp.waitForIncomingEmail(10_000, 3), "a sign-in link, though unsubscribed");
                d.get(WebAppTest.link(WebAppTest.text(f.smtp.getReceivedMessages()[2]), "/auth"));
                submit(d, By.cssSelector("form[action='/auth'] button"));
                submit(d, By.linkText("Archive"));
                assertEquals(1, d.findElements(By.cssSelector("table.archive tbody tr")).size(), "the archive stays");
                shot(d, "12-archive-after-leaving");
                submit(d, By.linkText("Settings"));
                shot(d, "13-not-subscribed");
                submit(d, By.cssSelector("#resubscribe button"));
                assertTrue(d.getPageSource().contains("Welcome back"), d.getPageSource());
                assertEquals(Subscriber.ACTIVE, f.app.subscribers().find(s.id()).orElseThrow().status());
                shot(d, "14-welcome-back");

                // the next morning at the chosen time, the scheduled digest arrives by itself
                Subscriber back = f.app.subscribers().find(s.id()).orElseThrow();
                java.time.LocalDate tomorrow = java.time.LocalDate.ofInstant(f.clock.instant(), back.zone()).plusDays(1);
                f.clock.set(java.time.ZonedDateTime.of(tomorrow, back.deliveryTime(), back.zone()).toInstant());
                WebAppTest.waitUntil(() -> f.app.deliveries().find(s.id(), tomorrow).map(x -> !x.state().equals("pending")
                        && !x.state().equals("sending")).orElse(false), "the scheduled delivery ran");
                assertEquals("sent", f.app.deliveries().find(s.id(), tomorrow).orElseThrow().state());
                assertEquals(4, f.smtp.getReceivedMessages().length, "confirmation, today's, a sign-in link, tomorrow's");
                d.get(base + "/today");
                assertEquals(5, d.findElements(By.cssSelector("li.insight")).size(), d.getPageSource());
                shot(d, "15-the-next-morning");
            } finally {
                d.quit();
            }
        }
    }

    @Test
    void theAdminPageFitsAPhone(@TempDir Path dir) throws Exception {
        int port = WebAppTest.freePort();
        String base = "http://127.0.0.1:" + port;
        try (ServiceFixture f = new ServiceFixture(dir, Instant.now(), Map.of("PODSIFT_BASE_URL", base,
                "PODSIFT_ADMIN_EMAILS", "root@example.com"));
             WebApp web = new WebApp(f.service)) {
            web.start("127.0.0.1", port);
            WebDriver d = chromium(dir.resolve("profile"));
            try {
                d.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
                Subscriber root = TokenReplayTest.active(f, "root@example.com");
                long show = f.app.podcasts().add(f.feed("shipping-software.xml")
                        + "?a-very-long-query-string-that-a-feed-host-adds=0123456789abcdef0123456789abcdef0123456789");
                f.app.subscribers().follow(root.id(), show);
                f.service.scan(show);
                f.app.podcasts().recordStorm(show, "storm: 40 new episodes at once, held for a person to look at");
                String link = TokenReplayTest.signInLink(f, new WebClient(base), "root@example.com");
                d.get(link);
                submit(d, By.cssSelector("form[action='/auth'] button"));
                d.get(base + "/admin");
                assertTrue(d.getPageSource().contains("Scheduler"), d.getPageSource());
                Number width = (Number) ((org.openqa.selenium.JavascriptExecutor) d)
                        .executeScript("return document.documentElement.scrollWidth");
                Number view = (Number) ((org.openqa.selenium.JavascriptExecutor) d)
                        .executeScript("return window.innerWidth");
                shot(d, "9-admin-phone");
                assertTrue(width.intValue() <= view.intValue(), "the page is " + width + " px wide in a "
                        + view + " px window");
                assertFalse(d.getPageSource().matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*"),
                        "no raw ISO times");
            } finally {
                d.quit();
            }
        }
    }

    @Test
    void aReaderSaysWhyTakesTheirDataAndLeaves(@TempDir Path dir) throws Exception {
        try (Served s = Served.at(dir, Instant.now())) {
            WebDriver d = chromium(dir.resolve("profile"));
            try {
                d.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
                Subscriber ann = TokenReplayTest.active(s.f, "ann@example.com");
                long show = s.f.app.podcasts().add(s.f.feed("shipping-software.xml"));
                s.f.app.subscribers().follow(ann.id(), show);
                s.f.service.prepareDigest(ann.id());
                d.get(TokenReplayTest.signInLink(s.f, new WebClient(s.base), "ann@example.com"));
                submit(d, By.cssSelector("form[action='/auth'] button"));
                d.get(s.base + "/today");
                // 👎 on the first insight, then its reason in one more click
                submit(d, By.cssSelector("ol.digest li form.vote button[value='-1']"));
                submit(d, By.cssSelector("ol.digest li form.reasons button[value='obvious']"));
                shot(d, "10-vote-reason");
                assertTrue(d.findElement(By.cssSelector("form.reasons button[value='obvious']")).getAttribute("class")
                        .contains("chosen"), "the reason is shown as given");
                d.get(s.base + "/settings");
                assertEquals("/api/me/export", java.net.URI.create(d.findElement(By.id("export"))
                        .getAttribute("href")).getPath());
                // what the link downloads with the browser's own sign-in (a headless download has no page to read)
                String session = d.manage().getCookieNamed(Sessions.SESSION).getValue();
                var got = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(d.findElement(By.id("export")).getAttribute("href")))
                        .header("Cookie", Sessions.SESSION + "=" + session).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertTrue(got.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
                String export = got.body();
                assertTrue(export.contains("\"reason\":\"obvious\""), export);
                assertTrue(export.contains("\"digests\""), export);
                d.findElement(By.cssSelector("#delete input[name='confirm']")).click();
                submit(d, By.cssSelector("#delete button"));
                shot(d, "11-account-deleted");
                assertTrue(d.getPageSource().contains("Account deleted"), d.getPageSource());
                assertTrue(s.f.app.subscribers().find(ann.id()).isEmpty());
                d.get(s.base + "/settings");
                assertTrue(d.getCurrentUrl().contains("/login") || d.getPageSource().contains("Sign in"),
                        "signed out: " + d.getCurrentUrl());
            } finally {
                d.quit();
            }
        }
    }
}
