package dev.podsift.service;

import dev.podsift.config.Config;
import dev.podsift.mail.MailSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Settings of {@code serve} and {@code worker} (where the web app listens, how mail goes out) and of feed polling. */
public record ServiceSettings(String host, int port, String baseUrl, String secret, MailSettings mail,
                              Duration pollInterval, Duration lateCutoff, Set<String> admins, int pollThreads,
                              int pollPerHost, String searchUrl, Duration taskBudget, Duration deliverBudget,
                              Duration taskDeadAfter) {

    static ServiceSettings from(Function<String, String> env) {
        int port = (int) Config.positive("PODSIFT_HTTP_PORT", env.apply("PODSIFT_HTTP_PORT"));
        String base = env.apply("PODSIFT_BASE_URL");
        if (base.isEmpty()) {
            base = "http://localhost:" + port;
        }
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            throw new IllegalArgumentException("PODSIFT_BASE_URL must start with http:// or https:// (got '" + base + "')");
        }
        String user = env.apply("PODSIFT_SMTP_USER");
        MailSettings mail = new MailSettings(env.apply("PODSIFT_SMTP_HOST"),
                (int) Config.positive("PODSIFT_SMTP_PORT", env.apply("PODSIFT_SMTP_PORT")),
                user.isEmpty() ? null : user, env.apply("PODSIFT_SMTP_PASSWORD"), env.apply("PODSIFT_MAIL_FROM"),
                env.apply("PODSIFT_SMTP_SECURITY").toLowerCase(Locale.ROOT), Duration.ofSeconds(60));
        Set<String> admins = Arrays.stream(env.apply("PODSIFT_ADMIN_EMAILS").split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        return new ServiceSettings(env.apply("PODSIFT_HTTP_HOST"), port, base, env.apply("PODSIFT_SECRET"), mail,
                Duration.ofMinutes(Config.positive("PODSIFT_POLL_MINUTES", env.apply("PODSIFT_POLL_MINUTES"))),
                Duration.ofHours(Config.positive("PODSIFT_LATE_CUTOFF_HOURS", env.apply("PODSIFT_LATE_CUTOFF_HOURS"))),
                admins, (int) Config.positive("PODSIFT_POLL_THREADS", env.apply("PODSIFT_POLL_THREADS")),
                (int) Config.positive("PODSIFT_POLL_PER_HOST", env.apply("PODSIFT_POLL_PER_HOST")),
                env.apply("PODSIFT_PODCAST_SEARCH_URL"),
                Duration.ofMinutes(Config.positive("PODSIFT_TASK_BUDGET_MINUTES", env.apply("PODSIFT_TASK_BUDGET_MINUTES"))),
                Duration.ofMinutes(Config.positive("PODSIFT_DELIVER_BUDGET_MINUTES",
                        env.apply("PODSIFT_DELIVER_BUDGET_MINUTES"))),
                Duration.ofMinutes(Config.positive("PODSIFT_TASK_DEAD_MINUTES", env.apply("PODSIFT_TASK_DEAD_MINUTES"))));
    }

    /** Builds these settings from a Config's environment reader (Config calls this). */
    public static ServiceSettings of(Function<String, String> env) {
        return from(env);
    }
}
