package dev.podsift.insight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cold open previews a passage said in full later: the preview is found, the passage and the intro are not. */
class TeasersTest {
    private static final String LESSON = "Onboarding is the only part of your product that every single user will touch";

    private static List<Sentence> episode(double repeatAt, String... texts) {
        List<Sentence> out = new ArrayList<>();
        double t = 0;
        for (String s : texts) {
            out.add(new Sentence(s, 0, s.length(), t, t + 10, "A"));
            t += 20;
        }
        out.add(new Sentence("And now the real conversation starts here for everyone", 0, 10, 600, 610, "A"));
        out.add(new Sentence(LESSON + ", so do not mess it up.", 0, 10, repeatAt, repeatAt + 10, "A"));
        return out;
    }

    @Test
    void aPreviewOfALaterPassageIsATeaser() {
        boolean[] teaser = Teasers.of(episode(900, LESSON + ".", "Right.", "Good luck getting that adoption anywhere "
                + "else in your product, right?", "Welcome to the podcast, today my guest is a growth leader."));
        // the preview, the short "Right." between previews only when both sides are previews, not the welcome
        assertArrayEquals(new boolean[] {true, false, false, false, false, false}, teaser);
    }

    @Test
    void sayingItAgainSecondsLaterIsNoPreview() {
        List<Sentence> s = new ArrayList<>();
        s.add(new Sentence(LESSON + ".", 0, 10, 100, 110, "A"));
        s.add(new Sentence("In other words, " + LESSON + ".", 0, 10, 130, 140, "A"));
        s.add(new Sentence("Something else entirely is said much later in the episode.", 0, 10, 2000, 2010, "A"));
        assertArrayEquals(new boolean[] {false, false, false}, Teasers.of(s));
    }

    @Test
    void laterPassagesAreNeverTeasers() {
        List<Sentence> s = new ArrayList<>();
        s.add(new Sentence("Welcome to the show about building products.", 0, 10, 0, 10, "A"));
        s.add(new Sentence(LESSON + ".", 0, 10, 900, 910, "A"));
        s.add(new Sentence(LESSON + ", as I said before.", 0, 10, 2000, 2010, "A"));
        assertArrayEquals(new boolean[] {false, false, false}, Teasers.of(s));
    }
}
