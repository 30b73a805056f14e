package dev.podsift.insight;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Scores how much a span of speech reads as a standalone, generalizable lesson. Pure policy: text cues for
 * advice and generality, penalties for greetings, sponsor reads, logistics, questions, anecdotes and openers that
 * need the previous sentence, plus two embedding features (likeness to lesson-like prototypes, and centrality to
 * the episode). Weights are hand-set here; each feature is kept so the ranking can explain itself.
 */
public final class InsightScorer {
    private static final Pattern LESSON = Pattern.compile("(?i)\\b(the key (?:is|to|thing)|you (?:should|need to|"
            + "have to|want to|must|can't|don't)|make sure|most important|the (?:biggest |common )?mistake|instead of|"
            + "the best way|the trick|what matters|it's better to|rule of thumb|the lesson|the reason (?:is|why)|"
            + "the problem (?:is|with)|the secret|the goal|always|never|avoid|focus on|start with|start by|"
            + "the first step|in order to|if you want|so that you|helps you|the only way|the hard part|the real|"
            + "the value|matters|is about|means that|comes down to|there's no substitute|tend to|the more you)\\b");
    private static final Pattern GENERAL = Pattern.compile("(?i)\\b(people|teams|companies|developers|engineers|"
            + "organizations|users|customers|most|every|anyone|anybody|whenever|if you|when you|your)\\b");
    private static final Pattern NOT_INSIGHT = Pattern.compile("(?i)(welcome (?:to|back)|thanks? (?:so much )?for "
            + "(?:having|joining|coming|listening|being)|brought to you by|sponsor|promo code|show notes|subscribe|"
            + "patreon|leave (?:us )?a review|this episode|today's episode|next episode|on the show|my name is|"
            + "co-?host|I'm joined|see you next|talk to you (?:next|soon)|check out|sign up at|dot com|\\.com\\b|"
            + "appreciate you|dot (?:com|io|dev|org|fm|net|ai)\\b|you've been|what brings you|tell us about|great to (?:be here|have you)|good to see you|before we (?:wrap|go|get started)|"
            + "let's (?:dive|get) (?:in|into|started)|recorded)");
    private static final Pattern DANGLING = Pattern.compile("^(?i)(?:(?:so|and|but|yeah|well|right|okay),?\\s+)*"
            + "(that|this|it|they|he|she|these|those|which|there|then|also|again|exactly|because|that's|it's|"
            + "they're|he's|she's|there's|here's|whereas|which|for instance|for example|in that case|otherwise|"
            + "as well|still|too|plus|so that's|that way|in this case|at that point|from there)\\b");
    private static final Pattern REFERS_BACK = Pattern.compile("(?i)\\b(you said|you mentioned|as you say|like you "
            + "said|what you said|your point|good question|great question|that's a great|I agree|you're right)\\b");
    private static final Pattern ANECDOTE = Pattern.compile("(?i)\\b(I was|we were|last (?:week|year|month|time)|"
            + "yesterday|the other day|I remember|when I was|my (?:wife|husband|kids|daughter|son)|I went)\\b");
    /** Self-promotion and product talk: "we have a tool", "our product", "at Intel we". */
    private static final Pattern PROMO = Pattern.compile("(?i)\\b(our (?:product|platform|company|customers|team|"
            + "tool|solution)s?|we (?:have|built|launched|released|offer) (?:a|an|our)|from an? \\w+ perspective)\\b");
    /** Someone's own situation rather than a lesson: "I can run", "I've been", "what I'm seeing". */
    private static final Pattern FIRST_PERSON = Pattern.compile("(?i)\\b(I (?:can|could|was|went|had|did|got|use|"
            + "used|know a lot)|I've been|I'm (?:seeing|using|doing|working)|what I'm seeing|my (?:own|team|company))\\b");
    private static final Pattern CAPITALISED = Pattern.compile("(?<=[a-z,;] )[A-Z][\\w-]*");
    private static final Pattern HEDGE = Pattern.compile("(?i)\\b(I don't know|I'm not sure|I guess|maybe|kind of|"
            + "sort of|stuff like that|or something|whatever)\\b");
    private static final Pattern QUANTITY = Pattern.compile("\\b\\d+(?:\\.\\d+)?\\s?(?:%|percent|x|times|ms|"
            + "seconds|minutes|hours|days|GB|MB|dollars)\\b");

    /** The parts of one score, kept for explanation and later tuning. */
    public record Parts(double text, double prototype, double centrality, double length, double score) {
    }

    /** Scores a window: {@code quote} is its verbatim text, the similarities come from its embedding. */
    public Parts score(String quote, int words, double positiveSim, double negativeSim, double centroidSim) {
        return score(quote, words, positiveSim, negativeSim, centroidSim, 0);
    }

    /** As above; {@code weakestAdded} is the lowest {@link #textScore} of the sentences after the first. */
    public Parts score(String quote, int words, double positiveSim, double negativeSim, double centroidSim,
                       double weakestAdded) {
        double text = textScore(quote);
        // a window is as good as its weakest sentence: a lesson followed by chit-chat is worse than the lesson alone
        text += Math.min(0, weakestAdded + 0.5);
        double length = words < 12 ? -1.6 : words < 20 ? -0.6 : words < 28 ? -0.1 : words <= 75 ? 0.2 : -0.4;
        double prototype = (positiveSim - negativeSim) * 5.0;
        double centrality = (centroidSim - 0.35) * 1.5;
        double raw = text + length + prototype + centrality - 0.3;
        return new Parts(text, prototype, centrality, length, 1 / (1 + Math.exp(-raw)));
    }

    /** The text-cue part of the score alone: positive for advice and generality, negative for talk. */
    public double textScore(String quote) {
        double text = 0;
        text += Math.min(2, count(LESSON, quote)) * 0.45;
        text += Math.min(2, count(GENERAL, quote)) * 0.15;
        text += QUANTITY.matcher(quote).find() ? 0.1 : 0;
        text -= Math.min(2, count(NOT_INSIGHT, quote)) * 1.4;
        text -= DANGLING.matcher(quote).find() ? 0.7 : 0;
        text -= REFERS_BACK.matcher(quote).find() ? 0.8 : 0;
        text -= Math.min(2, count(ANECDOTE, quote)) * 0.35;
        text -= Math.min(3, count(HEDGE, quote)) * 0.2;
        text -= Math.min(2, count(PROMO, quote)) * 0.4;
        text -= Math.min(2, count(FIRST_PERSON, quote)) * 0.3;
        // names of products and people make a passage about them, not a lesson others can reuse
        int words = quote.split("\\s+").length;
        double names = (double) count(CAPITALISED, quote.replaceAll("\\bI\\b", "i")) / Math.max(1, words);
        text -= names > 0.06 ? Math.min(1.0, (names - 0.06) * 10) : 0;
        String trimmed = quote.trim();
        if (trimmed.endsWith("?")) {
            text -= 1.2;
        } else if (trimmed.indexOf('?') >= 0) {
            text -= 0.4;
        }
        return text;
    }

    private static int count(Pattern p, String s) {
        int n = 0;
        var m = p.matcher(s);
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Greatest similarity of {@code v} to any of {@code prototypes}. */
    static double maxSim(float[] v, List<float[]> prototypes) {
        double best = -1;
        for (float[] p : prototypes) {
            best = Math.max(best, Vectors.dot(v, p));
        }
        return best;
    }
}
