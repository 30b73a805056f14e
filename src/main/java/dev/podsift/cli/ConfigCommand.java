package dev.podsift.cli;

import dev.podsift.config.Config;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code podsift config}: the effective settings, secrets masked. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Prints every setting with its effective value (secrets masked) and what it means.")
public final class ConfigCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Map<String, String> env = System.getenv();
        Config.from(env); // validates: a bad value fails here with its name
        for (Map.Entry<String, String> e : Config.effective(env).entrySet()) {
            System.out.printf("%-30s %-24s # %s%n", e.getKey(), e.getValue().isEmpty() ? "(unset)" : e.getValue(),
                    Config.SETTINGS.get(e.getKey()).meaning());
        }
        return 0;
    }
}
