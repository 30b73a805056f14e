package dev.podsift.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.feed.FeedParser;
import dev.podsift.model.Feed;
import dev.podsift.model.FeedEpisode;
import dev.podsift.net.FeedDecoder;
import dev.podsift.net.FeedException;
import dev.podsift.support.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Python feedparser's own suite, for the folders that matter to podcasts. Each case's {@code Expect:} expression is
 * evaluated by {@link PyExpr} over a feedparser-shaped view of Podsift's model; a case whose expression needs a
 * field Podsift does not model (rights, contributors, tags, bozo…) is counted "not applicable", with the reason
 * written to target/conformance/feedparser.txt. Every case present is counted.
 */
class FeedparserSuiteTest {
    static final String[] FOLDERS = {"tests/wellformed/itunes/", "tests/wellformed/rss/", "tests/wellformed/atom10/",
            "tests/wellformed/base/", "tests/wellformed/psc/", "tests/encoding/", "tests/illformed/"};
    /** Passing cases per folder when last measured: a drop fails the build. */
    static final Map<String, Integer> MIN_PASS = Map.of("tests/encoding/", 51, "tests/illformed/", 2,
            "tests/wellformed/atom10/", 37, "tests/wellformed/base/", 18, "tests/wellformed/itunes/", 4,
            "tests/wellformed/rss/", 41);

    private record Outcome(String folder, String status, String detail) {
    }

    @Test
    void suite() throws Exception {
        Path root = Corpus.file("feedparser-suite");
        List<Outcome> outcomes = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("INDEX.tsv"), StandardCharsets.UTF_8)) {
            String[] cols = line.split("\t", -1);
            String path = cols[0];
            String folder = null;
            for (String f : FOLDERS) {
                if (path.startsWith(f)) {
                    folder = f;
                }
            }
            if (folder == null || !Files.exists(root.resolve(path))) {
                continue;
            }
            outcomes.add(run(folder, path, root.resolve(path), cols[2], cols.length > 3 ? cols[3] : ""));
        }
        Map<String, int[]> byFolder = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        for (Outcome o : outcomes) {
            int[] c = byFolder.computeIfAbsent(o.folder(), k -> new int[3]);
            c[o.status().equals("pass") ? 0 : o.status().equals("fail") ? 1 : 2]++;
            if (!o.status().equals("pass")) {
                lines.add(o.status().toUpperCase() + " " + o.detail());
            }
        }
        StringBuilder table = new StringBuilder("| folder | cases | pass | fail | not applicable | pass rate of applicable |\n"
                + "|---|---|---|---|---|---|\n");
        for (Map.Entry<String, int[]> e : byFolder.entrySet()) {
            int[] c = e.getValue();
            int total = c[0] + c[1] + c[2];
            table.append(String.format("| %s | %d | %d | %d | %d | %s |%n", e.getKey().replace("tests/", ""), total,
                    c[0], c[1], c[2], c[0] + c[1] == 0 ? "n/a" : Math.round(100.0 * c[0] / (c[0] + c[1])) + "%"));
        }
        Files.createDirectories(Path.of("target", "conformance"));
        Files.writeString(Path.of("target", "conformance", "feedparser-table.md"), table);
        Conformance.report("feedparser", outcomes.size(), lines); // "FAIL"/"N/A" per case
        System.out.print(table);
        for (Map.Entry<String, Integer> min : MIN_PASS.entrySet()) {
            int[] c = byFolder.getOrDefault(min.getKey(), new int[3]);
            assertTrue(c[0] >= min.getValue(), min.getKey() + ": " + c[0] + " pass, fewer than " + min.getValue());
        }
    }

    private static Outcome run(String folder, String path, Path file, String expect, String headers) {
        String e = expect.trim();
        if (e.equals("bozo") || e.startsWith("bozo and") || e.contains("bozo_exception")) {
            return new Outcome(folder, "n/a", path + ": expects feedparser's 'bozo' (not well-formed) flag; Podsift "
                    + "recovers without reporting well-formedness");
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            String charset = httpCharset(headers);
            Feed feed = new FeedParser().parse(FeedDecoder.decode(bytes, charset), "http://127.0.0.1:8097/" + path);
            Map<String, Object> names = new HashMap<>();
            names.put("bozo", Boolean.FALSE);
            names.put("feed", feedView(feed));
            List<Object> entries = new ArrayList<>();
            for (FeedEpisode ep : feed.episodes()) {
                entries.add(entryView(ep));
            }
            names.put("entries", entries);
            names.put("encoding", FeedDecoder.encodingName(bytes, charset));
            boolean ok = PyExpr.holds(e, names);
            return new Outcome(folder, ok ? "pass" : "fail", path + ": " + e);
        } catch (PyExpr.NotApplicable na) {
            return new Outcome(folder, "n/a", path + ": " + na.getMessage());
        } catch (FeedException | java.io.IOException | RuntimeException ex) {
            return new Outcome(folder, "fail", path + ": " + ex + " for " + e);
        }
    }

    private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*['\"]?([^'\";\\s]+)", Pattern.CASE_INSENSITIVE);

    private static String httpCharset(String headers) {
        Matcher m = CHARSET.matcher(headers);
        return m.find() ? m.group(1) : null;
    }

    private static Map<String, Object> feedView(Feed f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__known__", List.of("title", "link", "subtitle", "description", "tagline", "language", "author", "image"));
        put(m, "title", text(f.title()));
        put(m, "link", f.link());
        put(m, "subtitle", text(f.description()));
        put(m, "description", text(f.description()));
        put(m, "tagline", text(f.description()));
        put(m, "language", f.language());
        put(m, "author", f.author());
        if (f.imageUrl() != null) {
            m.put("image", Map.of("href", f.imageUrl(), "__known__", List.of("href")));
        }
        return m;
    }

    private static Map<String, Object> entryView(FeedEpisode e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__known__", List.of("title", "link", "id", "summary", "description", "published_parsed",
                "updated_parsed", "enclosures", "content"));
        put(m, "title", text(e.title()));
        put(m, "link", e.link());
        put(m, "id", e.guid());
        put(m, "summary", text(e.description()));
        put(m, "description", text(e.description()));
        if (e.description() != null) {
            m.put("content", List.of(Map.of("value", text(e.description()), "__known__", List.of("value"))));
        }
        if (e.published() != null) {
            m.put("published_parsed", tuple(e.published()));
            m.put("updated_parsed", tuple(e.published()));
        }
        List<Object> enclosures = new ArrayList<>();
        if (e.enclosureUrl() != null) {
            Map<String, Object> enc = new LinkedHashMap<>();
            enc.put("__known__", List.of("href", "type", "length"));
            enc.put("href", e.enclosureUrl());
            put(enc, "type", e.enclosureType());
            put(enc, "length", e.enclosureLength() == null ? null : String.valueOf(e.enclosureLength()));
            enclosures.add(enc);
        }
        m.put("enclosures", enclosures);
        return m;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static Object text(String s) {
        return s == null ? null : new PyExpr.Text(s);
    }

    private static List<Object> tuple(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        return List.of((long) z.getYear(), (long) z.getMonthValue(), (long) z.getDayOfMonth(), (long) z.getHour(),
                (long) z.getMinute(), (long) z.getSecond(), (long) z.getDayOfWeek().getValue() - 1,
                (long) z.getDayOfYear(), 0L);
    }
}
