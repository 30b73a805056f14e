package dev.podsift.cli;

import dev.podsift.app.App;
import dev.podsift.service.Service;
import dev.podsift.web.WebApp;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code podsift serve}: the web app, the scheduler and the workers in one process. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the daily service: the web app (sign-up, feeds, topics, digests, archive, private "
                + "feeds, admin), and the background tasks that read feeds, transcribe and analyse new episodes, "
                + "and email each subscriber's top 5 at their local time.",
                "Needs a mail server: PODSIFT_SMTP_HOST/PORT/SECURITY/USER/PASSWORD and PODSIFT_MAIL_FROM; set "
                        + "PODSIFT_BASE_URL to the address subscribers' browsers reach. Stop it with Ctrl-C.",
                "Learning: a subscriber's own 👍/👎 move only their own digest (bounded; never-voters are unaffected); "
                        + "once a day everyone's votes (each subscriber capped) refit the judge's last layer, used "
                        + "only if it does no worse on held-back reader verdicts (admin page; 'podsift train --votes')."})
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    AppOptions options;
    @Option(names = "--port", paramLabel = "N", description = "port to listen on (default: $PODSIFT_HTTP_PORT or 8080)")
    Integer port;
    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "feed refreshes and scans run at once; delivery has a thread of its own (default: ${DEFAULT-VALUE})")
    int threads;

    @Override
    public Integer call() throws Exception {
        UntilStopped until = new UntilStopped();
        // --port also moves the default public address (http://localhost:PORT) unless PODSIFT_BASE_URL says otherwise
        java.util.Map<String, String> overrides = port == null ? java.util.Map.of()
                : java.util.Map.of("PODSIFT_HTTP_PORT", String.valueOf(port));
        try (App app = new App(options.config(overrides), Clock.systemUTC());
             Service service = new Service(app, System.err);
             WebApp web = new WebApp(service)) {
            int bound = web.start(service.settings().host(), service.settings().port());
            service.startTasks(threads);
            System.err.println("podsift: serving on http://" + service.settings().host() + ":" + bound
                    + " (public address " + service.settings().baseUrl() + "); mail via "
                    + service.settings().mail().host() + ":" + service.settings().mail().port() + "; Ctrl-C stops");
            until.await();
        } finally {
            until.closed();
        }
        return 0;
    }
}
