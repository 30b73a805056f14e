package dev.podsift.asr;

/**
 * How much speech recognition one run may do: a wall-clock budget, spent episode by episode. Whether the next
 * episode fits is judged from its audio length times the speed measured so far in this run (or, before the first
 * episode, the speed assumed for the engine). The first episode always fits, so a run never does nothing.
 */
public final class SpeechBudget {
    /** Wall seconds per audio second assumed before anything is measured: BENCHMARKS.md's figure, rounded up. */
    public static final double ASSUMED_VOSK = 0.08;
    public static final double ASSUMED_REMOTE = 0.05;
    private final double budgetSeconds;
    private final double assumed;
    private double audio;
    private double wall;

    public SpeechBudget(double budgetSeconds, double assumedFactor) {
        this.budgetSeconds = budgetSeconds;
        this.assumed = assumedFactor;
    }

    public static SpeechBudget of(AsrSettings s) {
        return new SpeechBudget(s.budgetMinutes() * 60.0, s.engine().equals("remote") ? ASSUMED_REMOTE : ASSUMED_VOSK);
    }

    /** Wall seconds per second of audio: measured in this run, else assumed. */
    public double factor() {
        return audio > 60 ? wall / audio : assumed;
    }

    /** Whether {@code audioSeconds} more can be recognised within the budget. */
    public boolean fits(double audioSeconds) {
        return wall == 0 || wall + audioSeconds * factor() <= budgetSeconds;
    }

    public void spent(double audioSeconds, double wallSeconds) {
        audio += audioSeconds;
        wall += wallSeconds;
    }

    public double wallSeconds() {
        return wall;
    }
}
