package dev.podsift.insight;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kind of passage an insight is, read from its words: a story (someone's own past), a framework (a named or
 * counted way of thinking), advice (what you should do), evidence (numbers, data) or a claim (an observation). Cue
 * words only, so it is cheap, explainable and the same in the service and in training; a reader's votes per kind
 * tell the digest which kinds they keep.
 */
public enum Kind {
    STORY("stories"), FRAMEWORK("frameworks"), ADVICE("advice"), EVIDENCE("evidence"), CLAIM("observations");

    private static final Pattern STORY_CUES = Pattern.compile("\\b(?:i|we) (?:was|were|had|did|went|remember|started"
            + "|joined|built|tried|learned|decided|got|ended up|thought|realized|realised|spent|left|launched|hired"
            + "|sold|raised|met|used to)\\b|\\bwhen i was\\b|\\bat the time\\b|\\bback then\\b|\\byears ago\\b"
            + "|\\bone day\\b|\\bi remember\\b|\\bmy (?:first|last) (?:job|company|startup)\\b");
    private static final Pattern FRAMEWORK_CUES = Pattern.compile("\\bthere are (?:two|three|four|five|six|seven|\\d+)"
            + " (?:\\w+ )?(?:things|ways|steps|types|kinds|questions|parts|levels|stages|buckets|pillars|principles"
            + "|categories|reasons)\\b|\\bframework\\b|\\bthe way i think about\\b|\\bmental model\\b|\\bfirst(?:ly)?,"
            + ".*\\bsecond(?:ly)?,|\\bprinciples?\\b|\\bthe formula\\b|\\bmatrix\\b|\\bfunnel\\b");
    private static final Pattern ADVICE_CUES = Pattern.compile("\\byou (?:should|need to|have to|must|shouldn't)\\b"
            + "|\\bmake sure\\b|\\bthe key is\\b|\\bmy advice\\b|\\bi (?:would )?recommend\\b|\\bstart with\\b"
            + "|\\bfocus on\\b|\\bthe best way to\\b|^(?:don't|do|try|stop|start|think|ask|be|make|find|use|get)\\b");
    private static final Pattern STRONG_STORY_CUES = Pattern.compile("\\bi remember\\b|\\bwhen i was\\b"
            + "|\\byears ago\\b|\\bone day\\b|\\bback then\\b|\\bat the time\\b|\\bstory\\b");
    private static final Pattern EVIDENCE_CUES = Pattern.compile("\\d+(?:\\.\\d+)?\\s*(?:%|percent|x\\b|times\\b"
            + "|million|billion|thousand|k\\b)|\\bdata\\b|\\bstud(?:y|ies)\\b|\\bresearch\\b|\\bsurvey\\b"
            + "|\\bexperiments?\\b|\\bmetrics?\\b|\\bper cent\\b|\\bpercent\\b|\\bdoubled\\b|\\btripled\\b");

    private final String plural;

    Kind(String plural) {
        this.plural = plural;
    }

    /** How a reader would name a few of them ("stories", "advice"). */
    public String plural() {
        return plural;
    }

    /** The kind of a passage's text. */
    public static Kind of(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace('’', '\'');
        int story = count(STORY_CUES, t) + 2 * count(STRONG_STORY_CUES, t);
        int advice = count(ADVICE_CUES, t);
        if (story >= 2 && story >= advice) {
            return STORY;
        }
        if (count(FRAMEWORK_CUES, t) > 0) {
            return FRAMEWORK;
        }
        if (advice > 0) {
            return ADVICE;
        }
        if (count(EVIDENCE_CUES, t) > 0) {
            return EVIDENCE;
        }
        return story > 0 ? STORY : CLAIM;
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
