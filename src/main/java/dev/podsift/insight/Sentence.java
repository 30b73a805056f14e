package dev.podsift.insight;

/** One spoken sentence: its span in the transcript's plain text, when it was said and by whom. */
public record Sentence(String text, int charStart, int charEnd, double start, double end, String speaker) {
    public int words() {
        return text.split("\\s+").length;
    }
}
