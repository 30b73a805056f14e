package dev.podsift.cli;

import dev.podsift.app.App;
import dev.podsift.config.Config;
import dev.podsift.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The option every stateful command shares: where the data lives. */
public final class AppOptions {
    @Option(names = "--data", paramLabel = "DIR", description = "data directory (default: $PODSIFT_DATA or ./data)")
    Path data;

    App open() throws StoreException {
        return new App(config(), Clock.systemUTC());
    }

    /** Speech recognition outside a database run (transcribe, extract of audio). */
    static dev.podsift.asr.SpeechService speech(Config c) {
        return new dev.podsift.asr.SpeechService(c.asr(), c.dataDir(),
                c.fetcher(), c.httpTimeout());
    }

    Config config() {
        return config(Map.of());
    }

    /** The settings with some variables given on the command line (e.g. serve --port) in place of the environment's. */
    Config config(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(overrides);
        if (data != null) {
            env.put("PODSIFT_DATA", data.toString());
        }
        return Config.from(env);
    }
}
