package dev.podsift.insight;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds sponsor reads: from "brought to you by" / "sponsored by" to the call to action that ends them ("learn more
 * at", "use the code", "thanks to … for supporting"), at most 25 sentences. Every sentence in between is an ad,
 * however lesson-like it sounds ("This is where X is a game changer"), and is never a candidate insight. A call to
 * action with a tracking link also marks the three sentences before it (same speaker) as the read it ends.
 */
public final class AdSpans {
    private static final Pattern START = Pattern.compile("(?i)\\b(brought to you by|sponsored by|(?:a )?word from our "
            + "sponsors?|thanks to our sponsors?|this (?:episode|portion|segment|show) (?:of [^.]{0,40})?is (?:brought|"
            + "sponsored|supported))\\b");
    private static final Pattern END = Pattern.compile("(?i)(learn more at|visit \\S+|go to \\S+\\.\\w+|head to \\S+|"
            + "link is in|use (?:the )?(?:promo |coupon |discount )?code|thank(?:s| you) to \\S+(?: \\S+)? for "
            + "supporting|our thanks to|free trial|\\w+\\.(?:com|fm|io|dev|ca|org|net|ai)/\\S+)");
    private static final int MAX = 25;
    /** A call to action with a tracking path ("Get started at talkpython.fm/seer"): the end of a read, even one
     * that never said "brought to you by" first. */
    private static final Pattern CTA_URL = Pattern.compile("(?i)\\b(?:at|to|visit) \\S+\\.(?:com|fm|io|dev|ca|org|net|ai|co)/\\S+");
    private static final int BACK = 3;

    private AdSpans() {
    }

    /** {@code ad[i]} is true when sentence {@code i} belongs to a sponsor read. */
    public static boolean[] of(List<Sentence> sentences) {
        boolean[] ad = new boolean[sentences.size()];
        for (int i = 0; i < sentences.size(); i++) {
            if (!START.matcher(sentences.get(i).text()).find()) {
                continue;
            }
            int end = i;
            for (int j = i; j < Math.min(sentences.size(), i + MAX); j++) {
                if (END.matcher(sentences.get(j).text()).find()) {
                    end = j;
                }
                if (j > i && START.matcher(sentences.get(j).text()).find() && end > i) {
                    break; // the next ad or a restatement: this read ended at its last call to action
                }
            }
            for (int k = i; k <= end; k++) {
                ad[k] = true;
            }
        }
        for (int i = 0; i < sentences.size(); i++) {
            if (!CTA_URL.matcher(sentences.get(i).text()).find()) {
                continue;
            }
            String speaker = sentences.get(i).speaker();
            for (int k = i; k >= Math.max(0, i - BACK); k--) {
                if (k < i && !java.util.Objects.equals(speaker, sentences.get(k).speaker())) {
                    break;
                }
                ad[k] = true;
            }
        }
        return ad;
    }
}
