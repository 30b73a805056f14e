package dev.podsift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The settings documentation cannot drift from the code: docs/configuration.md has a row for every setting
 * {@link Config} knows, and neither it nor the README's short table has a row for a setting nobody reads.
 */
class SettingsDocsTest {
    /** A table row naming a setting: {@code | `PODSIFT_…` |}. */
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(PODSIFT_[A-Z0-9_]+)` \\|");

    @Test
    void theConfigurationDocListsEverySetting() throws Exception {
        Set<String> rows = rows(Path.of("docs", "configuration.md"));
        List<String> missing = new ArrayList<>();
        for (String name : Config.SETTINGS.keySet()) {
            if (!rows.contains(name)) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing, "docs/configuration.md has no row (| `NAME` |) for these settings");
        assertEquals(Set.of(), unknown(rows), "docs/configuration.md has rows for settings nothing reads");
    }

    @Test
    void theReadmeShowsOnlySettingsThatExist() throws Exception {
        Set<String> rows = rows(Path.of("README.md"));
        assertTrue(rows.size() >= 5, "the README's short settings table is gone: " + rows);
        assertEquals(Set.of(), unknown(rows), "the README's settings table names settings nothing reads");
    }

    /** Names in {@code rows} that are neither a {@link Config} setting nor read by the ./podsift launcher. */
    private static Set<String> unknown(Set<String> rows) throws Exception {
        Set<String> launcher = names(Files.readString(Path.of("podsift")), Pattern.compile("(PODSIFT_[A-Z0-9_]+)"));
        Set<String> out = new TreeSet<>();
        for (String name : rows) {
            if (!Config.SETTINGS.containsKey(name) && !launcher.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    private static Set<String> rows(Path file) throws Exception {
        return names(Files.readString(file), ROW);
    }

    private static Set<String> names(String text, Pattern p) {
        Set<String> out = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
