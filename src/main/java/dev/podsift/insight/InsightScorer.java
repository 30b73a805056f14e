package dev.podsift.insight;

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
            + "appreciate you|dot (?:com|io|dev|org|fm|net|ai|ca)\\b|\\b\\w+\\.(?:ca|fm|io|dev|co|org|net)\\b|you've been|what brings you|tell us about|great to (?:be here|have you)|good to see you|before we (?:wrap|go|get started)|"
            + "let's (?:dive|get) (?:in|into|started)|recorded)");
    private static final Pattern DANGLING = Pattern.compile("^(?i)(?:(?:so|and|but|yeah|well|right|okay),?\\s+)*"
            + "(that|this|it|they|he|she|these|those|which|there|then|also|again|exactly|because|that's|it's|"
            + "they're|he's|she's|there's|here's|whereas|which|for instance|for example|in that case|otherwise|"
            + "as well|still|too|plus|so that's|that way|in this case|at that point|from there|or|nor|of|than|"
            + "rather than|such as|including|whether|versus|as opposed to|as in|if (?:that|that's|this|so|not))\\b");
    private static final Pattern REFERS_BACK = Pattern.compile("(?i)\\b(would you|do you (?:think|see|have|know)|"
            + "what do you|how do you|can you (?:tell|talk|explain)|have you|are you|did you|you said|you mentioned|as you say|like you "
            + "said|what you said|your point|good question|great question|that's a great|I agree|you're right)\\b");
    private static final Pattern ANECDOTE = Pattern.compile("(?i)\\b(I was|we were|last (?:week|year|month|time)|"
            + "yesterday|the other day|I remember|when I was|my (?:wife|husband|kids|daughter|son)|I went)\\b");
    /**
     * Self-promotion and product talk: "we have a tool", "our product", "on our side", "we can scale it down",
     * "we're going to add": what a vendor built or plans, which a listener cannot reuse as a lesson.
     */
    private static final Pattern PROMO = Pattern.compile("(?i)\\b(our (?:product|platform|company|customers|team|"
            + "tool|solution|users|clients|system|service|database|api|side|roadmap|offering)s?|"
            + "we (?:have|built|launched|released|offer) (?:a|an|our)|from an? \\w+ perspective|"
            + "we(?:'ve| have)? (?:built|added|launched|shipped|released)|we (?:support|provide|handle|integrate)|"
            + "we(?:'re| are) (?:going to|gonna) (?:add|build|release|launch|evolve|support|ship|keep)|"
            + "we(?:'re| are) (?:building|working on|launching|releasing)|we can (?:now )?(?:increase|decrease|scale|"
            + "handle|store|support|offer|deploy)|the way (?:that )?we (?:handle|do|built|designed)|"
            + "(?:sign|signing) up|free tier)\\b");
    /** Someone's own situation rather than a lesson: "I can run", "I've been", "what I'm seeing". */
    private static final Pattern FIRST_PERSON = Pattern.compile("(?i)\\b(I (?:can|could|was|went|had|did|got|use|"
            + "used|know a lot)|I've been|I'm (?:seeing|using|doing|working)|what I'm seeing|my (?:own|team|company))\\b");
    private static final Pattern CAPITALISED = Pattern.compile("(?<=[a-z,;] )[A-Z][\\w-]*");
    private static final Pattern HEDGE = Pattern.compile("(?i)\\b(I don't know|I'm not sure|I guess|maybe|kind of|"
            + "sort of|stuff like that|or something|whatever)\\b");
    private static final Pattern QUANTITY = Pattern.compile("\\b\\d+(?:\\.\\d+)?\\s?(?:%|percent|x|times|ms|"
            + "seconds|minutes|hours|days|GB|MB|dollars)\\b");

    private final SpokenTextCleaner cleaner = new SpokenTextCleaner();

    /** The parts of one score, kept for explanation and later tuning. */
    public record Parts(double text, double prototype, double centrality, double length, double logit, double score) {
    }

    /**
     * Cue counts of a sentence; a window's cues are the sum of its sentences' (counts add up; the opener is the
     * first sentence's, the question mark at the end is the last one's), so no pattern runs twice over the same text.
     */
    public record Cues(int lesson, int general, int quantity, int notInsight, boolean dangling, int refersBack,
                       int anecdote, int hedge, int promo, int firstPerson, int names, int words, boolean endsQuestion,
                       boolean question, boolean trailsOff) {
        public Cues plus(Cues next) {
            return new Cues(lesson + next.lesson, general + next.general, quantity + next.quantity,
                    notInsight + next.notInsight, dangling, refersBack + next.refersBack, anecdote + next.anecdote,
                    hedge + next.hedge, promo + next.promo, firstPerson + next.firstPerson, names + next.names,
                    words + next.words, next.endsQuestion, question || next.question, next.trailsOff);
        }
    }

    /**
     * Counts the cues in one sentence (or any span). Whether it opens by leaning on what came before is judged on
     * the text a reader is shown ({@link SpokenTextCleaner}), so fillers do not hide a "that's" or an "or".
     */
    public Cues cues(String text) {
        String trimmed = text.trim();
        return new Cues(count(LESSON, text), count(GENERAL, text), QUANTITY.matcher(text).find() ? 1 : 0,
                count(NOT_INSIGHT, text), DANGLING.matcher(cleaner.clean(text)).find(), count(REFERS_BACK, text),
                count(ANECDOTE, text), count(HEDGE, text), count(PROMO, text), count(FIRST_PERSON, text),
                count(CAPITALISED, text.replaceAll("\\bI\\b", "i")), trimmed.split("\\s+").length,
                trimmed.endsWith("?"), trimmed.indexOf('?') >= 0,
                trimmed.endsWith("...") || trimmed.endsWith("…") || trimmed.endsWith("-"));
    }

    /** Scores a window from its summed cues and embedding similarities. */
    public Parts score(Cues c, double positiveSim, double negativeSim, double centroidSim, double weakestAdded) {
        double text = textScore(c);
        // a window is as good as its weakest sentence: a lesson followed by chit-chat is worse than the lesson alone
        text += Math.min(0, weakestAdded + 0.5);
        int words = c.words();
        double length = words < 12 ? -1.6 : words < 20 ? -0.6 : words < 28 ? -0.1 : words <= 75 ? 0.2 : -0.4;
        double prototype = (positiveSim - negativeSim) * 5.0;
        double centrality = (centroidSim - 0.35) * 1.5;
        double raw = text + length + prototype + centrality - 0.3;
        return new Parts(text, prototype, centrality, length, raw, 1 / (1 + Math.exp(-raw)));
    }

    /** The text-cue part of a score: positive for advice and generality, negative for talk. */
    public double textScore(Cues c) {
        double text = 0;
        text += Math.min(2, c.lesson()) * 0.45;
        text += Math.min(2, c.general()) * 0.15;
        text += c.quantity() > 0 ? 0.1 : 0;
        text -= Math.min(2, c.notInsight()) * 1.4;
        text -= c.dangling() ? 0.7 : 0;
        text -= c.refersBack() > 0 ? 0.8 : 0;
        text -= Math.min(2, c.anecdote()) * 0.35;
        text -= Math.min(3, c.hedge()) * 0.2;
        text -= Math.min(2, c.promo()) * 0.4;
        text -= Math.min(2, c.firstPerson()) * 0.3;
        // names of products and people make a passage about them, not a lesson others can reuse
        double names = (double) c.names() / Math.max(1, c.words());
        text -= names > 0.06 ? Math.min(1.0, (names - 0.06) * 10) : 0;
        if (c.trailsOff()) {
            text -= 0.3;
        }
        if (c.endsQuestion()) {
            text -= 1.2;
        } else if (c.question()) {
            text -= 0.4;
        }
        return text;
    }

    /** The text-cue score of one span of text. */
    public double textScore(String text) {
        return textScore(cues(text));
    }

    private static int count(Pattern p, String s) {
        int n = 0;
        var m = p.matcher(s);
        while (m.find()) {
            n++;
        }
        return n;
    }
}
