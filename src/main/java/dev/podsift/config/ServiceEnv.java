package dev.podsift.config;

import dev.podsift.mail.MailSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads and checks the settings of {@code serve} and {@code worker}: listening, mail, polling, budgets. */
final class ServiceEnv {
    private ServiceEnv() {
    }

    static ServiceSettings read(Function<String, String> env) {
        int port = port("PODSIFT_HTTP_PORT", env.apply("PODSIFT_HTTP_PORT"));
        String host = host("PODSIFT_HTTP_HOST", env.apply("PODSIFT_HTTP_HOST"));
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
        return new ServiceSettings(host, port, base, env.apply("PODSIFT_SECRET"), mail,
                Duration.ofMinutes(Config.positive("PODSIFT_POLL_MINUTES", env.apply("PODSIFT_POLL_MINUTES"))),
                Duration.ofHours(Config.positive("PODSIFT_LATE_CUTOFF_HOURS", env.apply("PODSIFT_LATE_CUTOFF_HOURS"))),
                admins, (int) Config.positive("PODSIFT_POLL_THREADS", env.apply("PODSIFT_POLL_THREADS")),
                (int) Config.positive("PODSIFT_POLL_PER_HOST", env.apply("PODSIFT_POLL_PER_HOST")),
                httpUrl("PODSIFT_PODCAST_SEARCH_URL", env.apply("PODSIFT_PODCAST_SEARCH_URL")),
                Duration.ofMinutes(Config.positive("PODSIFT_TASK_BUDGET_MINUTES", env.apply("PODSIFT_TASK_BUDGET_MINUTES"))),
                Duration.ofMinutes(Config.positive("PODSIFT_DELIVER_BUDGET_MINUTES",
                        env.apply("PODSIFT_DELIVER_BUDGET_MINUTES"))),
                Duration.ofMinutes(Config.positive("PODSIFT_TASK_DEAD_MINUTES", env.apply("PODSIFT_TASK_DEAD_MINUTES"))),
                list(env.apply("PODSIFT_TRUSTED_PROXIES")));
    }

    private static Set<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A TCP port, 1–65535; otherwise an error naming the setting. */
    static int port(String name, String v) {
        long n = Config.positive(name, v);
        if (n > 65_535) {
            throw new IllegalArgumentException(name + " must be a port number from 1 to 65535 (got '" + v + "')");
        }
        return (int) n;
    }

    private static final java.util.regex.Pattern HOST_NAME = java.util.regex.Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    /** An address to listen on: a host name, an IPv4 address or an IPv6 literal; not looked up here. */
    static String host(String name, String v) {
        boolean ok = v.contains(":") ? ipv6(v) : HOST_NAME.matcher(v).matches()
                && (!v.matches("[0-9.]+") || v.matches("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)"));
        if (!ok) {
            throw new IllegalArgumentException(name + " must be a host name or an IP address to listen on, such as "
                    + "127.0.0.1 or 0.0.0.0 (got '" + v + "')");
        }
        return v;
    }

    private static boolean ipv6(String v) {
        if (!v.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(v) instanceof java.net.Inet6Address; // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** An http:// or https:// URL with a host; anything else (file:, ftp:, a bare word) is refused. */
    static String httpUrl(String name, String v) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(v);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http:// or https:// URL (got '" + v + "')");
        }
        return v;
    }
}
