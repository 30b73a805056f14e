package dev.podsift.cli;

import dev.podsift.app.App;
import dev.podsift.feed.Opml;
import dev.podsift.net.FeedException;
import dev.podsift.store.StoredPodcast;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code podsift digest}: today's top insights from some feeds (or all followed feeds). */
@Command(name = "digest", mixinStandardHelpOptions = true,
        description = {"Scans feeds, reads (or, without one, transcribes) new episodes' transcripts and prints the top "
                + "insights across them.",
                "Feeds given here are followed from now on; without --feed/--opml, all followed feeds are used.",
                "Insights already shown are not repeated unless --since asks for a re-run."})
public final class DigestCommand implements Callable<Integer> {
    @Option(names = "--feed", paramLabel = "URL|PATH", description = "a feed URL or local file (repeatable)")
    List<String> feeds = new ArrayList<>();
    @Option(names = "--opml", paramLabel = "FILE|URL", description = "an OPML file (path or http(s) URL) of feeds")
    String opml;
    private static final int SINCE_FIRST_YEAR = 1900;
    private static final int SINCE_LAST_YEAR = 9999;
    @Option(names = "--since", paramLabel = "YYYY-MM-DD",
            description = "use episodes published since this date (UTC), even ones already shown")
    LocalDate since;
    @Option(names = "--hero-record", paramLabel = "DIR", description = "write every request to the hero model (and any "
            + "answer) as files in DIR, to be answered offline and replayed with PODSIFT_LLM_PROVIDER=replay "
            + "PODSIFT_LLM_REPLAY_DIR=DIR; with no provider the digest keeps the workhorse text")
    java.nio.file.Path heroRecord;
    @Mixin
    DigestOptions digest;
    @Mixin
    AppOptions options;

    @Override
    public Integer call() throws Exception {
        if (!digest.valid()) {
            return 2;
        }
        if (since != null && (since.getYear() < SINCE_FIRST_YEAR || since.getYear() > SINCE_LAST_YEAR)) {
            // far-off dates overflow the millisecond times episodes are stored with
            System.err.println("podsift: --since " + since + " is out of range: give a date from " + SINCE_FIRST_YEAR
                    + "-01-01 to " + SINCE_LAST_YEAR + "-12-31 (YYYY-MM-DD)");
            return 2;
        }
        List<String> refs = new ArrayList<>();
        for (String f : feeds) {
            refs.add(FeedRefs.normalise(f));
        }
        if (opml != null) {
            try {
                for (Opml.Outline o : Opml.load(options.config().fetcher(), opml, options.config().maxOpmlFeeds())) {
                    refs.add(o.url());
                }
            } catch (FeedException e) {
                System.err.println("podsift: OPML " + opml + ": " + e.getMessage());
                return 1;
            }
        }
        try (App app = new App(options.config(heroRecord == null ? java.util.Map.of()
                : java.util.Map.of("PODSIFT_LLM_RECORD_DIR", heroRecord.toString())), java.time.Clock.systemUTC())) {
            List<StoredPodcast> podcasts = new ArrayList<>();
            if (refs.isEmpty()) {
                podcasts.addAll(app.podcasts().list());
            } else {
                for (String ref : refs) {
                    app.podcasts().add(ref);
                    podcasts.add(app.podcasts().find(ref).orElseThrow());
                }
            }
            return DigestRun.run(app, podcasts, since == null ? null : since.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    digest.top, digest.topics, digest.format, digest.output, System.out, System.err);
        }
    }
}
