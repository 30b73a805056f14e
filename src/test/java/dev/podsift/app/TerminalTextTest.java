package dev.podsift.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** Text from feeds reaches terminals and logs without the controls that would retitle, clear or forge lines. */
class TerminalTextTest {
    /** A title that sets the terminal's title, then returns the cursor and writes a log line of its own. */
    static final String HOSTILE = "Show\u001b]0;pwned\u0007\r2026-12-02 12:00:00 INFO admin password reset";

    @Test
    void controlsAreDroppedAndBreaksBecomeSpaces() {
        String[][] table = {
                {"Show\u001b]0;pwned\u0007 title", "Show]0;pwned title"},
                {"clear\u001b[2J\u001b[H", "clear[2J[H"},
                {"line\rforged", "line forged"},
                {"two\nlines", "two lines"},
                {"tab\there", "tab here"},
                {"c1\u009b2J\u0085", "c12J"},
                {"bidi \u202eevil\u202c \u2067x\u2069 \u200f!", "bidi evil x !"},
                {"plain text, é ü 日本", "plain text, é ü 日本"}};
        for (String[] row : table) {
            assertEquals(row[1], TerminalText.line(row[0]), row[0]);
        }
    }

    @Test
    void renderedTextKeepsItsLineBreaksOnly() {
        assertEquals("a\nb c", TerminalText.lines("a\nb\rc\u001b"));
    }

    @Test
    void progressLinesCarryNoControlsFromTitles() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
                InstantSource.fixed(Instant.EPOCH));
        p.start("scanning feeds", 1);
        p.step(HOSTILE);
        p.message("episode '" + HOSTILE + "': failed");
        p.audio(HOSTILE, 1, 10);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("pwned"), printed);
        assertFalse(printed.chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == '\r'), printed);
        assertEquals(4, printed.lines().count(), "one line each, none forged: " + printed);
    }
}
