package dev.podsift.asr;

/** One recognised word: seconds from the start of the audio, and the recogniser's confidence (0–1, 1 if unknown). */
public record Word(String text, double start, double end, double confidence) {
    Word shifted(double offset) {
        return new Word(text, start + offset, end + offset, confidence);
    }
}
