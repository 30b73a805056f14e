package dev.podsift.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.podsift.app.App;
import dev.podsift.config.Config;
import dev.podsift.service.Service;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A daily service for tests: SQLite in a temporary directory, a real SMTP server (GreenMail) on 127.0.0.1, the demo
 * shows served over real HTTP on 127.0.0.1, and a clock the test moves.
 */
public final class ServiceFixture implements AutoCloseable {
    public final GreenMail smtp;
    public final LocalHttpServer feeds;
    public final MutableClock clock;
    public final App app;
    public final Service service;
    public final ByteArrayOutputStream log = new ByteArrayOutputStream();

    public ServiceFixture(Path dir, Instant start, Map<String, String> extra) throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        feeds = new LocalHttpServer(Path.of("src/main/resources/demo"));
        clock = new MutableClock(start);
        Map<String, String> env = new HashMap<>();
        env.put("PODSIFT_DATA", dir.toString());
        env.put("PODSIFT_ALLOW_PRIVATE_NETWORKS", "true");
        env.put("PODSIFT_ASR", "off");
        env.put("PODSIFT_SMTP_HOST", "127.0.0.1");
        env.put("PODSIFT_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()));
        env.put("PODSIFT_BASE_URL", "http://podsift.test");
        env.put("PODSIFT_MAIL_FROM", "Podsift <digest@podsift.test>");
        env.putAll(extra);
        app = new App(Config.from(env), clock);
        service = new Service(app, new PrintStream(log, true));
    }

    /** The URL of a demo feed served over HTTP. */
    public String feed(String name) {
        return feeds.url("/" + name);
    }

    @Override
    public void close() throws Exception {
        service.close();
        app.close();
        feeds.close();
        smtp.stop();
    }
}
