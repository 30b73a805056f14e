package dev.podsift.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpeechBudgetTest {
    @Test
    void theFirstEpisodeAlwaysFitsThenTheMeasuredSpeedDecides() {
        SpeechBudget b = new SpeechBudget(600, 0.08);
        assertTrue(b.fits(36_000), "a run never does nothing");
        b.spent(3600, 360); // one hour of audio in six minutes: 0.1 × real time
        assertEquals(0.1, b.factor(), 1e-9);
        assertTrue(b.fits(2400), "360 + 240 s fits in 600");
        assertFalse(b.fits(2500), "360 + 250 s does not");
    }

    @Test
    void failuresCostTimeButDoNotSkewTheSpeed() {
        SpeechBudget b = new SpeechBudget(600, 0.08);
        b.spent(0, 30);
        assertEquals(0.08, b.factor(), 1e-9, "nothing heard yet: the assumed speed");
        assertTrue(b.fits(3600), "30 + 288 s");
        assertFalse(b.fits(7200), "30 + 576 s");
    }
}
