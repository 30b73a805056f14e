package dev.podsift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.podsift.app.TerminalText;
import dev.podsift.feed.FeedParser;
import dev.podsift.model.Feed;
import dev.podsift.model.FeedEpisode;
import dev.podsift.model.TranscriptLink;
import dev.podsift.net.FeedException;
import dev.podsift.net.Fetcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code podsift feeds show}: what Podsift reads from one feed, for debugging a feed. Stores nothing. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Prints what Podsift reads from one feed: title, and per episode its identity, title, date, "
                + "enclosure and transcript links.")
public final class FeedShowCommand implements Callable<Integer> {
    /** Output formats of {@code feeds show}. */
    public enum Format { TEXT, JSON }

    @Parameters(paramLabel = "URL|PATH")
    String ref;
    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;
    @Mixin
    AppOptions options;

    @Override
    public Integer call() throws Exception {
        var config = options.config();
        Feed feed;
        try {
            Fetcher.Fetched f = config.fetcher().fetch(FeedRefs.normalise(ref));
            feed = new FeedParser().parse(f.body(), f.charset(), f.url(), config.maxFeedItems()).feed();
        } catch (FeedException e) {
            System.err.println(TerminalText.line("podsift: feed " + ref + ": " + e.getMessage()));
            return 1;
        }
        System.out.print(format == Format.JSON ? json(feed) : TerminalText.lines(text(feed)));
        return 0;
    }

    static String json(Feed feed) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("title", feed.title());
        root.put("url", feed.url());
        root.put("new_url", feed.newUrl());
        root.put("locked", feed.locked());
        List<Object> eps = new ArrayList<>();
        for (FeedEpisode e : feed.episodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("guid", e.guid());
            m.put("identity", e.identity());
            m.put("title", e.title());
            m.put("published", e.published() == null ? null : e.published().toString());
            m.put("duration_seconds", e.durationSeconds());
            m.put("enclosure_url", e.enclosureUrl());
            m.put("enclosure_type", e.enclosureType());
            List<Object> ts = new ArrayList<>();
            for (TranscriptLink t : e.transcripts()) {
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("url", t.url());
                tm.put("type", t.type());
                tm.put("language", t.language());
                ts.add(tm);
            }
            m.put("transcripts", ts);
            eps.add(m);
        }
        root.put("episodes", eps);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    }

    static String text(Feed feed) {
        StringBuilder b = new StringBuilder();
        b.append(feed.title() == null ? "(untitled feed)" : feed.title()).append("\n  url: ").append(feed.url());
        if (feed.newUrl() != null) {
            b.append("\n  moved to: ").append(feed.newUrl());
        }
        b.append(feed.locked() ? "\n  locked: yes" : "").append("\n  episodes: ").append(feed.episodes().size())
                .append("\n\n");
        for (FeedEpisode e : feed.episodes()) {
            b.append("- ").append(e.title() == null ? "(untitled)" : e.title()).append("\n");
            b.append("    identity:  ").append(e.identity()).append(e.guid() == null ? "  (no guid)" : "").append("\n");
            b.append("    published: ").append(e.published() == null ? "unknown" : e.published()).append("\n");
            if (e.durationSeconds() != null) {
                b.append("    duration:  ").append(e.durationSeconds()).append(" s\n");
            }
            b.append("    audio:     ").append(e.enclosureUrl() == null ? "none" : e.enclosureUrl()
                    + (e.enclosureType() == null ? "" : " (" + e.enclosureType() + ")")).append("\n");
            for (TranscriptLink t : e.transcripts()) {
                b.append("    transcript: ").append(t.url()).append(t.type() == null ? "" : " (" + t.type() + ")")
                        .append("\n");
            }
        }
        return b.toString();
    }
}
