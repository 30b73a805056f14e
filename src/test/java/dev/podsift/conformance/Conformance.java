package dev.podsift.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a suite's pass rate and its failing cases to target/conformance/NAME.txt for the table in docs/testing.md. */
final class Conformance {
    private Conformance() {
    }

    static void report(String suite, int total, List<String> failures) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "conformance"));
        StringBuilder b = new StringBuilder(suite + ": " + (total - failures.size()) + "/" + total + " pass\n");
        for (String f : failures) {
            b.append(f.startsWith("N/A ") || f.startsWith("FAIL ") ? "" : "FAIL ").append(f).append('\n');
        }
        Files.writeString(dir.resolve(suite + ".txt"), b.toString());
        System.out.println(suite + ": " + (total - failures.size()) + "/" + total + " pass; cases not passing are listed in "
                + dir.resolve(suite + ".txt"));
    }
}
