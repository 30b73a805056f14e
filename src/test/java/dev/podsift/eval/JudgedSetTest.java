package dev.podsift.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgedSetTest {
    @TempDir
    Path dir;

    @Test
    void readersOfOnePassageGiveTheShareThatKeptIt() throws IOException {
        Files.createDirectories(dir.resolve("verdicts"));
        Files.writeString(dir.resolve("verdicts/verdicts.jsonl"), """
                {"transcript": "a.md", "quote": "Ship  small.", "keep": true, "score": 4, "reader": "R1"}
                {"transcript": "a.md", "quote": "Ship small.", "keep": false, "score": 2, "reader": "R2"}
                {"transcript": "a.md", "quote": "Write tests.", "keep": true, "reader": "R1"}

                {"transcript": "b.md", "quote": "Hello.", "keep": false, "score": 1, "reader": "R1"}
                """);
        var set = JudgedSet.load(dir);
        assertEquals(2, set.size());
        var a = set.get("a.md");
        assertEquals(2, a.size(), "whitespace does not make another passage");
        assertEquals(0.5, a.get(0).keep());
        assertEquals(3.0, a.get(0).score());
        assertEquals(2, a.get(0).readers());
        assertFalse(a.get(0).kept(), "a split is not a majority");
        assertTrue(a.get(1).kept());
        assertTrue(Double.isNaN(a.get(1).score()));
        assertEquals(0.0, set.get("b.md").get(0).keep());
    }

    @Test
    void aVerdictWithoutKeepIsAClearError() throws IOException {
        Files.createDirectories(dir.resolve("verdicts"));
        Files.writeString(dir.resolve("verdicts/verdicts.jsonl"), "{\"transcript\": \"a.md\", \"quote\": \"x\"}\n");
        IOException e = assertThrows(IOException.class, () -> JudgedSet.load(dir));
        assertTrue(e.getMessage().contains("keep"), e.getMessage());
    }

    @Test
    void withoutTheVerdictsFileTheFreshJudgementsAreRead() throws IOException {
        Files.writeString(dir.resolve("judged-fresh.json"), """
                {"about": "x", "passages": [{"transcript": "a.md", "quote": "Ship small.", "kept": true}]}
                """);
        assertEquals(1.0, JudgedSet.load(dir).get("a.md").get(0).keep());
    }
}
