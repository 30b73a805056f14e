package dev.podsift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape the architecture promises, read from the main sources: packages import each other without a circle
 * (so each can be understood from the ones below it), and no class grows past 400 lines.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src", "main", "java");
    private static final int MAX_LINES = 400;
    /** An import, a static import or a qualified use in code: {@code dev.podsift.feed.FeedParser}. */
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.podsift\\.([a-z][a-z0-9]*)\\.[A-Za-z*]");
    private static final Pattern PACKAGE = Pattern.compile("^package dev\\.podsift\\.([a-z][a-z0-9]*)\\s*;",
            Pattern.MULTILINE);

    @Test
    void packagesImportEachOtherWithoutACircle() throws IOException {
        Map<String, Map<String, String>> graph = packageGraph(MAIN);
        assertTrue(graph.size() > 10, "read the packages of " + MAIN.toAbsolutePath() + ": " + graph.keySet());
        List<String> cycle = cycle(graph);
        assertTrue(cycle.isEmpty(), () -> "package import circle: " + describe(cycle, graph));
    }

    @Test
    void noMainClassIsOver400Lines() throws IOException {
        List<String> long_ = new ArrayList<>();
        for (Path file : javaFiles(MAIN)) {
            int lines = Files.readAllLines(file).size();
            if (lines > MAX_LINES) {
                long_.add(MAIN.relativize(file) + " (" + lines + " lines)");
            }
        }
        assertTrue(long_.isEmpty(), () -> "over " + MAX_LINES + " lines, give a second job its own class: " + long_);
    }

    /** The circle finder itself, on a graph with a known circle: a check that cannot fail checks nothing. */
    @Test
    void aCircleIsFoundAndNamed() {
        Map<String, Map<String, String>> graph = new TreeMap<>(Map.of(
                "app", Map.of("feed", "App.java"),
                "feed", Map.of("transcript", "FeedScanner.java"),
                "transcript", Map.of("asr", "TranscriptService.java", "model", "TranscriptService.java"),
                "asr", Map.of("feed", "SpeechService.java"),
                "model", Map.of()));
        List<String> cycle = cycle(graph);
        assertEquals(List.of("feed", "transcript", "asr", "feed"), cycle);
        assertTrue(describe(cycle, graph).contains("asr → feed (SpeechService.java)"), describe(cycle, graph));
    }

    /** For each package, the packages it refers to, each with the first file (by name) that does. */
    static Map<String, Map<String, String>> packageGraph(Path root) throws IOException {
        Map<String, Map<String, String>> graph = new TreeMap<>();
        for (Path file : javaFiles(root)) {
            String code = withoutComments(Files.readString(file));
            Matcher p = PACKAGE.matcher(code);
            if (!p.find()) {
                continue; // dev.podsift itself, if it ever has classes, is not a stage
            }
            Map<String, String> uses = graph.computeIfAbsent(p.group(1), k -> new TreeMap<>());
            Matcher m = REFERENCE.matcher(code.substring(p.end()));
            while (m.find()) {
                if (!m.group(1).equals(p.group(1))) {
                    uses.putIfAbsent(m.group(1), file.getFileName().toString());
                }
            }
        }
        return graph;
    }

    /** One circle as the packages along it, first one repeated at the end; empty when there is none. */
    static List<String> cycle(Map<String, Map<String, String>> graph) {
        Set<String> done = new TreeSet<>();
        for (String start : graph.keySet()) {
            List<String> found = walk(start, graph, new ArrayList<>(), done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> walk(String pkg, Map<String, Map<String, String>> graph, List<String> path,
                                     Set<String> done) {
        int at = path.indexOf(pkg);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(pkg);
            return cycle;
        }
        if (done.contains(pkg)) {
            return List.of();
        }
        path.add(pkg);
        for (String next : graph.getOrDefault(pkg, Map.of()).keySet()) {
            List<String> found = walk(next, graph, path, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        done.add(pkg);
        return List.of();
    }

    private static String describe(List<String> cycle, Map<String, Map<String, String>> graph) {
        StringBuilder out = new StringBuilder(String.join(" → ", cycle)).append(':');
        for (int i = 0; i + 1 < cycle.size(); i++) {
            out.append("\n  ").append(cycle.get(i)).append(" → ").append(cycle.get(i + 1)).append(" (")
                    .append(graph.get(cycle.get(i)).get(cycle.get(i + 1))).append(')');
        }
        return out.toString();
    }

    /** The source with its comments blanked out; string and character literals (which may hold "/*") kept. */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                out.append(' ');
            } else if (c == '"' || c == '\'') {
                String quote = source.startsWith("\"\"\"", i) ? "\"\"\"" : String.valueOf(c);
                int end = i + quote.length();
                while (end < source.length() && !source.startsWith(quote, end)) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(source.length(), end + quote.length());
                out.append(source, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
