package dev.podsift.digest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The content words of a passage (four letters or more, not the common words of talk), and what a few insights
 * share, for a reader: the content word most of them and one more insight use.
 */
public final class Words {
    private static final Set<String> COMMON = new HashSet<>(List.of(("a about above after again against all also am an and any are "
            + "aren't as at be because been before being below between both but by can can't could did didn't do does "
            + "doesn't doing don't down during each even every few for from further get gets getting go goes going "
            + "gonna got had has have having he her here hers him his how i i'm if in into is isn't it it's its just "
            + "kind know like lot lots make makes making many may me might more most much must my no nor not now of "
            + "off on once one only or other our out over own people pretty probably put really right said same say "
            + "says see she should so some something sort still such take than that that's the their them then there "
            + "there's these they they're thing things think this those though through to too try two up us very "
            + "want was way we we're well were what when where which while who why will with would yeah yes you "
            + "you're your actually basically maybe sure time times good great new big first back around come comes "
            + "look looking mean means need needs start started thought work works year years feel different able "
            + "better best give gives kinds part whole ones another").split(" ")));

    private Words() {
    }

    /** The content word of {@code text} that most of {@code others} contain (at least one), or null. */
    static String shared(String text, List<String> others) {
        Map<String, Integer> counts = new HashMap<>();
        for (String o : others) {
            for (String w : words(o)) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        String best = null;
        int bestCount = 0;
        for (String w : words(text)) {
            int n = counts.getOrDefault(w, 0);
            if (n > bestCount || n == bestCount && n > 0 && w.compareTo(best) < 0) {
                best = w;
                bestCount = n;
            }
        }
        return best;
    }

    /** The content words of {@code text}, lower-cased. */
    public static Set<String> content(String text) {
        return words(text);
    }

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).replace('’', '\'').split("[^a-z0-9']+")) {
            if (w.length() >= 4 && !COMMON.contains(w) && !w.chars().allMatch(Character::isDigit)) {
                out.add(w);
            }
        }
        return out;
    }
}
