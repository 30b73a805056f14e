package dev.podsift.cli;

import dev.podsift.app.App;
import dev.podsift.app.TerminalText;
import dev.podsift.feed.Opml;
import dev.podsift.model.Feed;
import dev.podsift.net.FeedException;
import dev.podsift.store.StoredPodcast;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code podsift feeds …}: the followed feeds. */
@Command(name = "feeds", mixinStandardHelpOptions = true, description = "Manages the feeds you follow.",
        subcommands = {FeedsCommand.Add.class, FeedsCommand.ListFeeds.class, FeedsCommand.Remove.class,
                FeedsCommand.Import.class, FeedsCommand.Export.class, FeedShowCommand.class})
public final class FeedsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code feeds add}: follow feeds (checked by reading them first). */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Follows feeds; each is read once to check it.")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "URL|PATH", arity = "1..*")
        List<String> refs;
        @Mixin
        AppOptions options;

        @Override
        public Integer call() throws Exception {
            int failed = 0;
            try (App app = options.open()) {
                for (String raw : refs) {
                    String ref = FeedRefs.normalise(raw);
                    try {
                        Feed feed = app.scanner().read(ref);
                        long id = app.podcasts().add(ref);
                        app.podcasts().recordScan(id, feed.title(), feed.link(), null);
                        System.out.println(TerminalText.line("following " + (feed.title() == null ? ref : feed.title())
                                + " (" + feed.episodes().size() + " episodes) " + ref));
                    } catch (FeedException e) {
                        failed++;
                        System.err.println(TerminalText.line("podsift: feed " + ref + ": " + e.getMessage()
                                + " (not added)"));
                    }
                }
            }
            return failed == 0 ? 0 : 1;
        }
    }

    /** {@code feeds list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists followed feeds and their last scan.")
    static final class ListFeeds implements Callable<Integer> {
        @Mixin
        AppOptions options;

        @Override
        public Integer call() throws Exception {
            try (App app = options.open()) {
                List<StoredPodcast> all = app.podcasts().list();
                if (all.isEmpty()) {
                    System.out.println("No feeds followed yet: 'podsift feeds add URL' or 'podsift feeds import FILE'.");
                }
                for (StoredPodcast p : all) {
                    String state = p.lastCheckedAt() == null ? "never scanned"
                            : p.lastError() == null ? "scanned " + p.lastCheckedAt() : "ERROR " + p.lastError();
                    System.out.println(TerminalText.line(p.title() == null ? "(untitled)" : p.title()) + "\n  "
                            + TerminalText.line(p.url()) + "\n  " + TerminalText.line(state));
                }
            }
            return 0;
        }
    }

    /** {@code feeds remove}. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Stops following feeds and forgets their episodes and insights.")
    static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "URL|PATH", arity = "1..*")
        List<String> refs;
        @Mixin
        AppOptions options;

        @Override
        public Integer call() throws Exception {
            int missing = 0;
            try (App app = options.open()) {
                for (String raw : refs) {
                    String ref = FeedRefs.normalise(raw);
                    if (app.podcasts().remove(ref)) {
                        System.out.println("removed " + ref);
                    } else {
                        missing++;
                        System.err.println("podsift: not following " + ref + " ('podsift feeds list' shows the URLs)");
                    }
                }
            }
            return missing == 0 ? 0 : 1;
        }
    }

    /** {@code feeds import}: follow every feed in an OPML file. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Follows every feed listed in an OPML file (a path or an http(s) URL).")
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "FILE|URL", description = "an OPML file, or its http(s) URL (fetched with the same "
                + "limits and address checks as feeds: PODSIFT_MAX_OPML_BYTES, PODSIFT_ALLOW_PRIVATE_NETWORKS)")
        String file;
        @Mixin
        AppOptions options;

        @Override
        public Integer call() throws Exception {
            List<Opml.Outline> outlines;
            try {
                outlines = Opml.load(options.config().fetcher(), file, options.config().maxOpmlFeeds());
            } catch (FeedException e) {
                System.err.println("podsift: OPML " + file + ": " + e.getMessage());
                return 1;
            }
            try (App app = options.open()) {
                for (Opml.Outline o : outlines) {
                    app.podcasts().add(o.url());
                }
            }
            System.out.println("following " + outlines.size() + " feed(s) from " + file);
            return 0;
        }
    }

    /** {@code feeds export}: the followed feeds as OPML. */
    @Command(name = "export", mixinStandardHelpOptions = true, description = "Writes the followed feeds as OPML 2.0.")
    static final class Export implements Callable<Integer> {
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of standard output")
        Path output;
        @Mixin
        AppOptions options;

        @Override
        public Integer call() throws Exception {
            List<Opml.Outline> outlines = new ArrayList<>();
            try (App app = options.open()) {
                for (StoredPodcast p : app.podcasts().list()) {
                    outlines.add(new Opml.Outline(p.url(), p.title()));
                }
            }
            String xml = Opml.write(outlines);
            if (output == null) {
                System.out.print(xml);
            } else {
                Files.writeString(output, xml, StandardCharsets.UTF_8);
                System.err.println("wrote " + outlines.size() + " feed(s) to " + output);
            }
            return 0;
        }
    }
}
