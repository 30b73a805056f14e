package dev.podsift.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Podsift's settings, read once from {@code PODSIFT_*} environment variables, each with a default, validated at
 * start-up so a bad value fails fast with a message naming the variable.
 */
public record Config(Path dataDir, String databaseUrl, String databaseUser, String databasePassword, int backlog,
                     int insightsPerEpisode, Duration httpTimeout, long maxDownloadBytes, String subscriber,
                     dev.podsift.llm.LlmSettings llm, dev.podsift.asr.AsrSettings asr,
                     boolean allowPrivateNetworks, Duration httpDeadline, Duration audioDeadline,
                     dev.podsift.config.ServiceSettings service, int maxFeedItems, int maxOpmlFeeds,
                     long maxTranscriptBytes, long maxOpmlBytes, int maxNewEpisodes, int maxAnalysedSentences,
                     Duration analysisTime) {

    /** The fetcher every user-given URL goes through, with these settings' limits and address policy. */
    public dev.podsift.net.Fetcher fetcher() {
        return new dev.podsift.net.Fetcher(httpTimeout, httpDeadline, audioDeadline,
                Map.of(dev.podsift.net.Fetcher.Kind.FEED, maxDownloadBytes,
                        dev.podsift.net.Fetcher.Kind.TRANSCRIPT, maxTranscriptBytes,
                        dev.podsift.net.Fetcher.Kind.OPML, maxOpmlBytes),
                dev.podsift.net.AddressPolicy.of(allowPrivateNetworks));
    }

    /** One setting: its variable, default and meaning (docs/configuration.md has a row for each). */
    public record Setting(String name, String defaultValue, String meaning) {
    }

    public static final Map<String, Setting> SETTINGS = settings(
            new Setting("PODSIFT_DATA", "./data", "where the SQLite database and caches live"),
            new Setting("PODSIFT_DATABASE_URL", "", "a jdbc:postgresql://… URL to use PostgreSQL instead of SQLite"),
            new Setting("PODSIFT_DATABASE_USER", "", "PostgreSQL user"),
            new Setting("PODSIFT_DATABASE_PASSWORD", "", "PostgreSQL password (shown masked)"),
            new Setting("PODSIFT_BACKLOG", "3", "on a feed's first scan, how many of its latest episodes to process"),
            new Setting("PODSIFT_INSIGHTS_PER_EPISODE", "10", "candidates kept per episode for ranking"),
            new Setting("PODSIFT_HTTP_TIMEOUT_SECONDS", "30", "connect timeout, the wait for an answer, and the longest silence inside a body"),
            new Setting("PODSIFT_HTTP_DEADLINE_SECONDS", "120", "the whole of one feed or transcript request, however slowly the server sends"),
            new Setting("PODSIFT_AUDIO_DEADLINE_MINUTES", "30", "the whole of one audio download"),
            new Setting("PODSIFT_MAX_DOWNLOAD_BYTES", "52428800", "largest feed accepted, counted after decompression (50 MiB)"),
            new Setting("PODSIFT_MAX_TRANSCRIPT_BYTES", "20971520", "largest publisher transcript accepted, after decompression (20 MiB)"),
            new Setting("PODSIFT_MAX_OPML_BYTES", "5242880", "largest OPML file accepted, from disk, a URL or the web upload (5 MiB)"),
            new Setting("PODSIFT_MAX_FEED_ITEMS", "5000", "items read from one feed (the newest); a feed listing more is noted"),
            new Setting("PODSIFT_MAX_OPML_FEEDS", "2000", "feeds one OPML file may list"),
            new Setting("PODSIFT_MAX_NEW_EPISODES", "10", "new episodes one later scan of a feed may queue; more at once is a storm: the newest are processed, the rest held back and flagged on the admin page"),
            new Setting("PODSIFT_MAX_ANALYSED_SENTENCES", "6000", "sentences of one transcript analysed (about 6 hours of speech); a longer one is analysed up to there, and the episode says so"),
            new Setting("PODSIFT_ANALYSIS_MINUTES", "10", "longest the analysis of one episode may take; past it the episode fails with that reason"),
            new Setting("PODSIFT_ALLOW_PRIVATE_NETWORKS", "false", "let feed, transcript and audio URLs reach loopback and private addresses (a feed server on your own network)"),
            new Setting("PODSIFT_SUBSCRIBER", "local", "whose delivery history the command line uses"),
            new Setting("PODSIFT_LLM_PROVIDER", "none", "hero tier: none, openai (any OpenAI-compatible API), anthropic, ollama, "
                    + "or replay (answers recorded in PODSIFT_LLM_REPLAY_DIR)"),
            new Setting("PODSIFT_LLM_REPLAY_DIR", "", "replay: the folder of recorded requests and answers"),
            new Setting("PODSIFT_LLM_RECORD_DIR", "", "write every hero request (and any answer) here as files, to answer "
                    + "offline; with no provider, requests are only written and the workhorse text is kept"),
            new Setting("PODSIFT_LLM_BASE_URL", "", "the provider's API base URL (default: the provider's own)"),
            new Setting("PODSIFT_LLM_API_KEY", "", "the provider's API key (shown masked)"),
            new Setting("PODSIFT_LLM_MODEL", "", "model name (default per provider: gpt-4o-mini, claude-3-5-haiku-latest, llama3.1)"),
            new Setting("PODSIFT_LLM_SHORT_LIST", "15", "the day's top candidates whose episodes the hero model reads"),
            new Setting("PODSIFT_LLM_PER_EPISODE", "8", "candidates of one episode the hero model judges and rewrites "
                    + "in one request"),
            new Setting("PODSIFT_LLM_MAX_CALLS", "20", "per-run budget: model calls"),
            new Setting("PODSIFT_LLM_MAX_TOKENS", "32000", "per-run budget: input + output tokens"),
            new Setting("PODSIFT_LLM_TIMEOUT_SECONDS", "60", "per-call timeout"),
            new Setting("PODSIFT_ASR", "vosk", "speech recognition for episodes without a transcript: vosk (embedded), remote or off"),
            new Setting("PODSIFT_VOSK_MODEL", "", "a Vosk model directory to use instead of the bundled small English model"),
            new Setting("PODSIFT_ASR_THREADS", "", "recognisers run in parallel (default: one per core)"),
            new Setting("PODSIFT_ASR_CHUNK_SECONDS", "180", "a long episode is cut at silences into pieces of about this length"),
            new Setting("PODSIFT_ASR_BASE_URL", "https://api.openai.com/v1", "remote: an OpenAI-compatible API with /audio/transcriptions"),
            new Setting("PODSIFT_ASR_API_KEY", "", "remote: the API key (shown masked)"),
            new Setting("PODSIFT_ASR_MODEL", "whisper-1", "remote: the transcription model"),
            new Setting("PODSIFT_ASR_MAX_UPLOAD_BYTES", "24000000", "remote: largest piece uploaded at once (OpenAI allows 25 MB)"),
            new Setting("PODSIFT_MAX_AUDIO_BYTES", "1073741824", "largest audio download accepted (1 GiB)"),
            new Setting("PODSIFT_MAX_AUDIO_MINUTES", "300", "longest audio transcribed"),
            new Setting("PODSIFT_ASR_BUDGET_MINUTES", "60", "wall-clock minutes one run may spend on speech recognition; the rest waits"),
            new Setting("PODSIFT_FFMPEG", "", "an ffmpeg binary to decode audio with (default: the bundled linux x86-64 build)"),
            new Setting("PODSIFT_HTTP_HOST", "127.0.0.1", "serve: the address the web app listens on (0.0.0.0 for every interface)"),
            new Setting("PODSIFT_HTTP_PORT", "8080", "serve: the web app's port"),
            new Setting("PODSIFT_BASE_URL", "", "serve: the web app's public address, used in emails and feeds (default http://localhost:PORT)"),
            new Setting("PODSIFT_SECRET", "", "serve: the key that signs links and sessions (default: made once, kept in PODSIFT_DATA/secret.key; shown masked)"),
            new Setting("PODSIFT_SMTP_HOST", "localhost", "serve: the mail server digests go out through"),
            new Setting("PODSIFT_SMTP_PORT", "25", "serve: its port (587 for starttls, 465 for tls)"),
            new Setting("PODSIFT_SMTP_SECURITY", "none", "serve: none, starttls or tls"),
            new Setting("PODSIFT_SMTP_USER", "", "serve: SMTP user name (none: no login)"),
            new Setting("PODSIFT_SMTP_PASSWORD", "", "serve: SMTP password (shown masked)"),
            new Setting("PODSIFT_MAIL_FROM", "Podsift <podsift@localhost>", "serve: the From address of every email"),
            new Setting("PODSIFT_POLL_MINUTES", "60", "serve: how often followed feeds are read (longer when a feed's Cache-Control asks, up to a day)"),
            new Setting("PODSIFT_POLL_THREADS", "16", "feeds read at once"),
            new Setting("PODSIFT_PODCAST_SEARCH_URL", "https://itunes.apple.com/search", "serve: Apple's podcast search API (or a service answering the same JSON)"),
            new Setting("PODSIFT_POLL_PER_HOST", "2", "feeds read at once from any one host"),
            new Setting("PODSIFT_LATE_CUTOFF_HOURS", "12", "serve: after downtime, a missed day is still sent if its time passed less than this ago; older ones are skipped"),
            new Setting("PODSIFT_TASK_BUDGET_MINUTES", "90", "serve/worker: longest one refresh-feeds or scan-feed run may take; past it the run is cancelled and logged, and runs again at its next turn"),
            new Setting("PODSIFT_DELIVER_BUDGET_MINUTES", "10", "serve/worker: longest one deliver run may take (deliver has a thread of its own and looks for due digests every 30 s)"),
            new Setting("PODSIFT_TASK_DEAD_MINUTES", "2", "serve/worker: a task whose process stopped sending heartbeats (killed, frozen) this long ago is taken over by another"),
            new Setting("PODSIFT_ADMIN_EMAILS", "", "serve: comma-separated subscriber emails that may open /admin"),
            new Setting("PODSIFT_TRUSTED_PROXIES", "", "serve: comma-separated addresses of your reverse proxies; a request from one is counted against the address its X-Forwarded-For names (empty: the connecting address)"));

    private static Map<String, Setting> settings(Setting... s) {
        Map<String, Setting> m = new LinkedHashMap<>();
        for (Setting x : s) {
            m.put(x.name(), x);
        }
        return m;
    }

    /** Reads the settings from {@code env}; throws with the variable's name when a value is invalid. */
    public static Config from(Map<String, String> env) {
        Path data = Path.of(get(env, "PODSIFT_DATA"));
        String url = get(env, "PODSIFT_DATABASE_URL");
        if (!url.isEmpty() && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("PODSIFT_DATABASE_URL must start with jdbc:postgresql: or jdbc:sqlite:"
                    + " (got '" + url + "')");
        }
        return new Config(data, url.isEmpty() ? "jdbc:sqlite:" + data.resolve("podsift.db") : url,
                blankToNull(get(env, "PODSIFT_DATABASE_USER")), blankToNull(get(env, "PODSIFT_DATABASE_PASSWORD")),
                positive(env, "PODSIFT_BACKLOG"), positive(env, "PODSIFT_INSIGHTS_PER_EPISODE"),
                Duration.ofSeconds(positive(env, "PODSIFT_HTTP_TIMEOUT_SECONDS")),
                inMemoryCap(env, "PODSIFT_MAX_DOWNLOAD_BYTES"), get(env, "PODSIFT_SUBSCRIBER"),
                dev.podsift.llm.LlmSettings.from(env), AsrEnv.read(name -> get(env, name)),
                bool(env, "PODSIFT_ALLOW_PRIVATE_NETWORKS"),
                Duration.ofSeconds(positive(env, "PODSIFT_HTTP_DEADLINE_SECONDS")),
                Duration.ofMinutes(positive(env, "PODSIFT_AUDIO_DEADLINE_MINUTES")),
                ServiceEnv.read(name -> get(env, name)),
                positive(env, "PODSIFT_MAX_FEED_ITEMS"), positive(env, "PODSIFT_MAX_OPML_FEEDS"),
                inMemoryCap(env, "PODSIFT_MAX_TRANSCRIPT_BYTES"), inMemoryCap(env, "PODSIFT_MAX_OPML_BYTES"),
                positive(env, "PODSIFT_MAX_NEW_EPISODES"), positive(env, "PODSIFT_MAX_ANALYSED_SENTENCES"),
                Duration.ofMinutes(positive(env, "PODSIFT_ANALYSIS_MINUTES")));
    }

    /** The effective values, secrets masked, for {@code podsift config}. */
    public static Map<String, String> effective(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting s : SETTINGS.values()) {
            String v = get(env, s.name());
            boolean secret = s.name().contains("PASSWORD") || s.name().contains("API_KEY")
                    || s.name().equals("PODSIFT_SECRET");
            out.put(s.name(), secret && !v.isEmpty() ? "****" : v);
        }
        return out;
    }

    private static String get(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? SETTINGS.get(name).defaultValue() : v.trim();
    }

    private static boolean bool(Map<String, String> env, String name) {
        String v = get(env, name).toLowerCase(java.util.Locale.ROOT);
        if (!v.matches("true|false|1|0|yes|no")) {
            throw new IllegalArgumentException(name + " must be true or false (got '" + v + "')");
        }
        return v.equals("true") || v.equals("1") || v.equals("yes");
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static int positive(Map<String, String> env, String name) {
        long v = positiveLong(env, name);
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " is too large");
        }
        return (int) v;
    }

    private static long positiveLong(Map<String, String> env, String name) {
        return positive(name, get(env, name));
    }

    /** A byte cap for something read whole into memory: at most what one Java array holds. */
    private static long inMemoryCap(Map<String, String> env, String name) {
        long v = positiveLong(env, name);
        if (v > dev.podsift.net.Fetcher.MAX_IN_MEMORY_BYTES) {
            throw new IllegalArgumentException(name + " is " + v + " bytes, more than a body read into memory may have ("
                    + dev.podsift.net.Fetcher.MAX_IN_MEMORY_BYTES + " bytes, just under 2 GiB)");
        }
        return v;
    }

    /** {@code v} as a positive whole number; otherwise an error naming the setting. */
    public static long positive(String name, String v) {
        try {
            long n = Long.parseLong(v);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive whole number (got '" + v + "')");
        }
    }
}
