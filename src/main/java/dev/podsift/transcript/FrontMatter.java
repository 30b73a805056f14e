package dev.podsift.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.podsift.model.TranscriptInfo;
import java.io.IOException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A Markdown transcript's YAML front matter ({@code ---} lines around {@code title:}, {@code guest:},
 * {@code duration_seconds:}, {@code description:} …): split from the speech, and read into a {@link TranscriptInfo}.
 * Front matter that is not valid YAML is still not speech; it just tells nothing.
 */
final class FrontMatter {
    /** Far more than any real header; a larger one is read as nothing rather than parsed at length. */
    private static final int MAX_CHARS = 64 * 1024;
    private static final ObjectMapper YAML;

    static {
        LoaderOptions limits = new LoaderOptions();
        limits.setMaxAliasesForCollections(10);
        limits.setCodePointLimit(MAX_CHARS);
        limits.setNestingDepthLimit(20);
        YAML = new ObjectMapper(YAMLFactory.builder().loaderOptions(limits).build());
    }

    /** The front matter (without its fences, null when there is none) and the text after it. */
    record Split(String yaml, String body) {
    }

    private FrontMatter() {
    }

    static Split split(String content) {
        String c = content.stripLeading();
        if (c.startsWith("---")) {
            int end = c.indexOf("\n---", 3);
            if (end > 0) {
                int after = c.indexOf('\n', end + 4);
                return new Split(c.substring(3, end), after < 0 ? "" : c.substring(after + 1));
            }
        }
        return new Split(null, content);
    }

    static TranscriptInfo read(String content) {
        String yaml = split(content).yaml();
        if (yaml == null || yaml.isBlank() || yaml.length() > MAX_CHARS) {
            return TranscriptInfo.NONE;
        }
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException | RuntimeException e) {
            return TranscriptInfo.NONE;
        }
        if (root == null || !root.isObject()) {
            return TranscriptInfo.NONE;
        }
        return new TranscriptInfo(text(root, "podcast", "show", "channel"), text(root, "title"),
                text(root, "guest", "guests", "speakers"), seconds(root), text(root, "description", "summary"));
    }

    /** The first of {@code keys} that holds a scalar or a list of scalars (joined), collapsed to one line. */
    private static String text(JsonNode root, String... keys) {
        for (String k : keys) {
            JsonNode n = root.get(k);
            if (n == null || n.isNull()) {
                continue;
            }
            String s;
            if (n.isArray()) {
                StringBuilder b = new StringBuilder();
                n.forEach(e -> {
                    if (e.isValueNode()) {
                        b.append(b.length() == 0 ? "" : ", ").append(e.asText());
                    }
                });
                s = b.toString();
            } else {
                s = n.isValueNode() ? n.asText() : "";
            }
            s = s.replaceAll("\\s+", " ").trim();
            if (!s.isEmpty()) {
                return s.length() > 500 ? s.substring(0, 500) : s;
            }
        }
        return null;
    }

    private static double seconds(JsonNode root) {
        JsonNode n = root.get("duration_seconds");
        if (n != null && n.isNumber() && n.asDouble() > 0) {
            return n.asDouble();
        }
        JsonNode d = root.get("duration");
        if (d != null && d.isTextual() && d.asText().trim().matches("\\d{1,3}(:\\d{2}){1,2}")) {
            return Timecodes.parse(d.asText());
        }
        if (n != null && n.isTextual() && n.asText().trim().matches("\\d+(\\.\\d+)?")) {
            return Double.parseDouble(n.asText().trim());
        }
        return Double.NaN;
    }
}
