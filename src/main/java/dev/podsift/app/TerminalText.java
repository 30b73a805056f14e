package dev.podsift.app;

/**
 * Makes text from feeds, transcripts and servers (titles, error messages quoting them) safe to print on an
 * operator's terminal or in a log: control characters (C0, DEL, C1) could retitle the window, clear the screen or
 * return the cursor and overwrite the line with a forged one, and Unicode's bidirectional overrides and isolates
 * could make a line read other than it is. Line and tab breaks become spaces; the rest is dropped.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** {@code s} as one line: breaks become spaces, other controls are dropped. Null stays null. */
    public static String line(String s) {
        return clean(s, false);
    }

    /** {@code s} keeping its line breaks (a rendered digest): other breaks and controls as {@link #line}. */
    public static String lines(String s) {
        return clean(s, true);
    }

    private static String clean(String s, boolean keepNewlines) {
        if (s == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean unsafe = unsafe(c) && !(keepNewlines && c == '\n');
            if (unsafe && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (!unsafe) {
                if (b != null) {
                    b.append(c);
                }
            } else if (c == '\n' || c == '\r' || c == '\t' || c == '\u000b' || c == '\f') {
                b.append(' ');
            }
        }
        return b == null ? s : b.toString();
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)                     // C0, DEL, C1
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') // bidi embeddings, overrides, isolates
                || c == '\u200e' || c == '\u200f' || c == '\u061c';         // bidi marks
    }
}
