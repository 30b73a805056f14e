package dev.podsift.cli;

import dev.podsift.app.App;
import dev.podsift.service.Service;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code podsift worker}: the background tasks alone, to add capacity next to a {@code serve}. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Runs the background tasks only (reading feeds, transcription, analysis, email delivery), "
                + "sharing the work with 'serve' and other workers through the database: use PostgreSQL "
                + "(PODSIFT_DATABASE_URL) for several machines, and the same PODSIFT_SECRET everywhere.",
                "Each due task runs in exactly one process. Stop it with Ctrl-C."})
public final class WorkerCommand implements Callable<Integer> {
    @Mixin
    AppOptions options;
    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "feed refreshes and scans run at once; delivery has a thread of its own (default: ${DEFAULT-VALUE})")
    int threads;

    @Override
    public Integer call() throws Exception {
        UntilStopped until = new UntilStopped();
        try (App app = new App(options.config(), Clock.systemUTC());
             Service service = new Service(app, System.err)) {
            service.startTasks(threads);
            System.err.println("podsift: worker running (" + threads + " threads); Ctrl-C stops");
            until.await();
        } finally {
            until.closed();
        }
        return 0;
    }
}
