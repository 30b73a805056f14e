package dev.podsift.config;

import dev.podsift.mail.MailSettings;
import java.time.Duration;
import java.util.Set;

/**
 * Settings of {@code serve} and {@code worker} (where the web app listens, how mail goes out, feed polling, task
 * budgets), read and checked from the environment by the config package.
 */
public record ServiceSettings(String host, int port, String baseUrl, String secret, MailSettings mail,
                              Duration pollInterval, Duration lateCutoff, Set<String> admins, int pollThreads,
                              int pollPerHost, String searchUrl, Duration taskBudget, Duration deliverBudget,
                              Duration taskDeadAfter, Set<String> trustedProxies) {
}
