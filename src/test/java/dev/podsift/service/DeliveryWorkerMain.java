package dev.podsift.service;

import dev.podsift.app.App;
import dev.podsift.config.Config;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A delivery worker in its own process, for {@link KillTest}: opens the data directory, then runs the deliver task
 * until nothing is ready. Arguments: data directory, SMTP port, clock offset in minutes (a restart "later").
 */
public final class DeliveryWorkerMain {
    public static void main(String[] args) throws Exception {
        Map<String, String> env = Map.of("PODSIFT_DATA", args[0], "PODSIFT_SMTP_HOST", "127.0.0.1",
                "PODSIFT_SMTP_PORT", args[1], "PODSIFT_BASE_URL", "http://podsift.test", "PODSIFT_ASR", "off");
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(Long.parseLong(args[2])));
        try (App app = new App(Config.from(env), clock);
             Service service = new Service(app, new PrintStream(java.io.OutputStream.nullOutputStream()))) {
            System.out.println("READY");
            System.out.flush();
            do {
                service.deliver();
            } while (!app.deliveries().ready(clock.instant()).isEmpty());
            System.out.println("DONE");
        }
    }
}
