package dev.podsift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.insight.Embedder;
import dev.podsift.insight.Vectors;
import dev.podsift.model.Transcript;
import dev.podsift.store.LlmCacheStore;
import dev.podsift.store.StoreException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The hero tier: an editor that reads one episode's short-listed candidates with the transcript around each, and
 * answers for each whether it holds a standalone lesson, the lesson written in the target style, a 1–10 judgement,
 * which earlier candidate it repeats, and the exact transcript span it rests on. One request per episode, so the
 * model compares the candidates and the answer can be shared by every subscriber who gets that episode.
 *
 * <p>Grounding is a check, not trust: the span must be found word for word near the candidate (it becomes the
 * quote and the timestamps), and the lesson may state no number or name the span does not, nor drift from its
 * meaning. A rewrite that fails keeps the workhorse text; a failed call, a malformed answer or an exhausted budget
 * keeps the workhorse ranking. The {@link Report} counts each case.
 */
public final class HeroEditor {
    static final String SYSTEM = """
            You are the editor of a paid daily email, "top 5 insights from today's podcasts". You get candidate \
            passages from one episode, each with the transcript around it (the passage's own lines start with >>). \
            For each candidate, decide whether the transcript there holds a standalone, generalizable lesson or \
            non-obvious claim that someone working in that field could act on or learn from. Not a lesson: \
            chit-chat, a story with no takeaway, a description of one company's product or setup with no general \
            point, news or a comparison of products that will be stale in a month, a question, intro, outro or \
            sponsor material, advice so common that a practitioner already knows it.
            For every candidate answer:
            - "n": its number;
            - "lesson": true or false;
            - "insight" (only when lesson is true): the lesson in 2 or 3 sentences and at most 70 words, in plain \
            written English, for a reader who has not heard the episode: say what "it", "this" or "that" stands \
            for, and name the subject (what law, which kind of team or product) when the transcript does; state the \
            idea itself, never "the guest said" and never the speaker's name; use only facts, names and numbers \
            said in the span;
            - "span" (only when lesson is true): the transcript sentences the lesson rests on, copied exactly, word \
            for word, from the passage or the transcript around it: one to five consecutive sentences of one \
            speaker, without speaker names or times, holding every name and number the lesson uses;
            - "score": 1 to 10, against the other candidates: 10 = a demanding reader would be glad to get it in \
            the morning email, 5 = borderline, 3 or less = obvious, vague or dated, 1 = junk;
            - "repeats": the number of an earlier candidate that makes the same point, or null.
            Answer with JSON only: {"candidates": [{"n": 1, "lesson": true, "insight": "...", "span": "...", \
            "score": 8, "repeats": null}]}""";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * A rewrite must stay at least this close (cosine, MiniLM) to its span. Faithful rewrites of one passage score
     * above two shows' phrasings of one idea; at 0.55 eval/pairs.json separates same-idea from near-miss pairs with
     * 86% precision.
     */
    static final double MIN_MEANING = 0.55;
    /** Seconds of transcript the editor reads on each side of a candidate. */
    static final double CONTEXT_SECONDS = 45;
    /** A span longer than this is not a quote a card can show. */
    static final int MAX_SPAN_WORDS = 150;
    /** Weight of the editor's 1–10 judgement (as judge/10 − 0.5) added to the workhorse's ranking score. */
    public static final double JUDGE_WEIGHT = 1.0;

    /** The episode a batch comes from, as the editor is told about it. */
    public record Episode(String show, String title, List<String> speakers) {
    }

    /** One candidate: its id (the caller's), the workhorse's text and verbatim quote, and when the quote was said. */
    public record Candidate(long id, String text, String quote, double startSeconds, double endSeconds) {
    }

    /** One episode's candidates, best first, and its transcript (null when none is stored: the quote alone is sent). */
    public record Batch(Episode episode, Transcript transcript, List<Candidate> candidates) {
        /** A batch whose episode names its main speakers, as the transcript has them (none without one). */
        public static Batch of(String show, String title, Transcript transcript, List<Candidate> candidates) {
            List<String> speakers = transcript == null ? List.of() : new TranscriptWindow(transcript).speakers(4);
            return new Batch(new Episode(show, title, speakers), transcript, candidates);
        }
    }

    /**
     * The editor's verdict on one candidate: the text, quote and times to show (the workhorse's when the rewrite
     * was not accepted), its judgement (−1 when it gave none), whether it is a lesson, which candidate (by id) it
     * repeats, and what happened: rewritten, cached, rejected: why, no lesson, malformed, error, budget, unanswered.
     */
    public record Edit(long id, String text, String quote, double startSeconds, double endSeconds, double judge,
                       boolean lesson, Long repeats, String outcome) {
        public boolean rewritten() {
            return outcome.equals("rewritten") || outcome.equals("cached");
        }

        /** True when the editor judged it (a score came back), whether or not its rewrite was accepted. */
        public boolean judged() {
            return judge >= 0;
        }

        /** False when the editor said there is no lesson here or that it repeats another candidate: never sent. */
        public boolean keep() {
            return !judged() || (lesson && repeats == null);
        }

        /**
         * The workhorse ranking score adjusted by this judgement. Callers send accepted rewrites only, once there is
         * one: readers keep a passage left as spoken a fraction as often.
         */
        public double rank(double workhorseScore) {
            return judged() ? workhorseScore + JUDGE_WEIGHT * (judge / 10 - 0.5) : workhorseScore;
        }
    }

    /** What a run spent and how it went, for the log line. */
    public record Report(int calls, int cached, int inputTokens, int outputTokens, int rewritten, int rejected,
                         int failed, int skippedForBudget, List<String> problems) {
        /** The run's log line, with the budget it ran under. */
        public String line(String model, LlmSettings s) {
            return String.format(Locale.ROOT, "hero %s: %s (budget %d calls, %d tokens)%s", model, spent(),
                    s.maxCalls(), s.maxTokens(),
                    problems.isEmpty() ? "" : "; " + String.join("; ", problems.subList(0, Math.min(3, problems.size()))));
        }

        /** What was spent and what came of it. */
        public String spent() {
            return String.format(Locale.ROOT, "%d call(s), %d cached, %d+%d tokens; %d rewritten, %d rewrite(s) "
                    + "rejected, %d failed, %d left as written for budget", calls, cached, inputTokens, outputTokens,
                    rewritten, rejected, failed, skippedForBudget);
        }
    }

    /** Every candidate's edit, by its id, and the run's report. */
    public record Result(Map<Long, Edit> edits, Report report) {
    }

    private final LlmClient client;
    private final LlmSettings settings;
    private final Embedder embedder;
    private final LlmCacheStore cache;
    private final GroundingCheck grounding = new GroundingCheck();

    /** An editor; {@code cache} (may be null) keeps answers so the same request is never paid for twice. */
    public HeroEditor(LlmClient client, LlmSettings settings, Embedder embedder, LlmCacheStore cache) {
        this.client = client;
        this.settings = settings;
        this.embedder = embedder;
        this.cache = cache;
    }

    /** Edits the batches in order (most promising first), one request each, within the run's budget. */
    public Result edit(List<Batch> batches) throws StoreException {
        Map<Long, Edit> edits = new LinkedHashMap<>();
        int calls = 0;
        int cached = 0;
        int in = 0;
        int out = 0;
        int rewritten = 0;
        int rejected = 0;
        int failed = 0;
        int skipped = 0;
        List<String> problems = new ArrayList<>();
        boolean stop = false;
        for (Batch batch : batches) {
            if (batch.candidates().isEmpty()) {
                continue;
            }
            Map<Long, String> contexts = contexts(batch);
            String user = request(batch, contexts);
            String key = RecordedRequests.key(client.describe(), SYSTEM, user);
            Optional<String> hit = cache == null ? Optional.empty() : cache.get(key);
            String answer;
            if (hit.isPresent()) {
                answer = hit.get();
                cached++;
            } else if (stop || calls >= settings.maxCalls() || in + out >= settings.maxTokens()) {
                skipped += batch.candidates().size();
                unchanged(batch, "budget", edits);
                continue;
            } else {
                try {
                    LlmReply r = client.chat(SYSTEM, user);
                    calls++;
                    in += r.inputTokens();
                    out += r.outputTokens();
                    answer = r.text();
                } catch (LlmException e) {
                    calls++;
                    failed += batch.candidates().size();
                    problems.add(e.getMessage());
                    stop = e.rateLimited(); // no point hammering a provider that asked us to slow down
                    unchanged(batch, "error", edits);
                    continue;
                }
            }
            Map<Long, Edit> got = read(answer, batch, contexts, hit.isPresent());
            if (got == null) {
                failed += batch.candidates().size();
                problems.add("malformed answer for " + batch.episode().title());
                unchanged(batch, "malformed", edits);
                continue;
            }
            if (hit.isEmpty() && cache != null) {
                cache.put(key, answer);
            }
            for (Edit e : got.values()) {
                if (e.rewritten()) {
                    rewritten++;
                } else if (e.outcome().startsWith("rejected")) {
                    rejected++;
                    problems.add(e.outcome());
                }
            }
            edits.putAll(got);
        }
        return new Result(edits, new Report(calls, cached, in, out, rewritten, rejected, failed, skipped, problems));
    }

    /** The user message for one batch: the episode, then each candidate's passage and the transcript around it. */
    static String request(Batch batch) {
        return request(batch, contexts(batch));
    }

    /** The transcript around each candidate of a batch, by id, as the editor reads it (empty without a transcript). */
    private static Map<Long, String> contexts(Batch batch) {
        TranscriptWindow window = batch.transcript() == null ? null : new TranscriptWindow(batch.transcript());
        Map<Long, String> out = new HashMap<>();
        for (Candidate c : batch.candidates()) {
            out.put(c.id(), window == null ? "" : window.around(c.quote(), c.startSeconds(), c.endSeconds(),
                    CONTEXT_SECONDS));
        }
        return out;
    }

    private static String request(Batch batch, Map<Long, String> contexts) {
        Episode ep = batch.episode();
        StringBuilder s = new StringBuilder();
        s.append("Show: ").append(orUnknown(ep.show())).append('\n');
        s.append("Episode: ").append(orUnknown(ep.title())).append('\n');
        if (!ep.speakers().isEmpty()) {
            s.append("Speakers: ").append(String.join(", ", ep.speakers())).append('\n');
        }
        int n = 0;
        for (Candidate c : batch.candidates()) {
            n++;
            s.append("\nCandidate ").append(n).append(" (at ").append(dev.podsift.model.Clock.of(c.startSeconds())).append(")\n");
            String around = contexts.get(c.id());
            if (around.contains(">> ")) {
                s.append("Transcript (the passage's lines start with >>):\n").append(around).append('\n');
            } else {
                s.append("Passage: ").append(c.quote().trim()).append('\n');
            }
        }
        return s.toString();
    }

    /** The edits an answer gives, by candidate id; null when the answer is not the JSON asked for. */
    private Map<Long, Edit> read(String answer, Batch batch, Map<Long, String> contexts, boolean fromCache) {
        JsonNode root = parse(answer);
        JsonNode list = root == null ? null : root.isArray() ? root : root.path("candidates");
        if (list == null || !list.isArray()) {
            return null;
        }
        List<Candidate> cands = batch.candidates();
        Map<Long, Edit> edits = new HashMap<>();
        for (JsonNode node : list) {
            int n = node.path("n").asInt(0);
            if (n < 1 || n > cands.size() || edits.containsKey(cands.get(n - 1).id())) {
                continue;
            }
            Candidate c = cands.get(n - 1);
            double score = node.path("score").isNumber() ? Math.max(1, Math.min(10, node.path("score").asDouble())) : 5;
            boolean lesson = node.path("lesson").asBoolean(true);
            int r = node.path("repeats").asInt(0);
            Long repeats = r >= 1 && r < n ? cands.get(r - 1).id() : null;
            if (!lesson) {
                edits.put(c.id(), workhorse(c, score, false, repeats, "no lesson"));
                continue;
            }
            edits.put(c.id(), ground(c, node.path("insight").asText(""), node.path("span").asText(""), score, repeats,
                    batch.transcript(), contexts.get(c.id()), fromCache));
        }
        if (edits.isEmpty() && !cands.isEmpty()) {
            return null;
        }
        for (Candidate c : cands) {
            edits.putIfAbsent(c.id(), workhorse(c, -1, true, null, "unanswered"));
        }
        Map<Long, Edit> ordered = new LinkedHashMap<>();
        for (Candidate c : cands) {
            ordered.put(c.id(), edits.get(c.id()));
        }
        return ordered;
    }

    /** The rewrite if its span is in the transcript near the candidate and it says nothing the span does not. */
    private Edit ground(Candidate c, String rewrite, String spanText, double score, Long repeats, Transcript transcript,
                        String context, boolean fromCache) {
        rewrite = rewrite.trim();
        TranscriptWindow.Span span;
        if (transcript != null) {
            Optional<TranscriptWindow.Span> found = new TranscriptWindow(transcript).find(spanText,
                    c.startSeconds() - CONTEXT_SECONDS - 5, c.endSeconds() + CONTEXT_SECONDS + 5);
            if (found.isEmpty()) {
                return workhorse(c, score, true, repeats, "rejected: its span is not in the transcript near the passage");
            }
            span = found.get();
        } else if (TranscriptWindow.normal(c.quote()).toLowerCase(Locale.ROOT)
                .contains(TranscriptWindow.normal(spanText).trim().toLowerCase(Locale.ROOT)) && !spanText.isBlank()) {
            span = new TranscriptWindow.Span(c.quote(), c.startSeconds(), c.endSeconds(), null);
        } else {
            return workhorse(c, score, true, repeats, "rejected: its span is not in the passage");
        }
        int words = span.quote().split("\\s+").length;
        String problem = words > MAX_SPAN_WORDS ? "a span of " + words + " words (at most " + MAX_SPAN_WORDS + ")"
                : grounding.problem(rewrite, span.quote(), transcript == null ? c.quote() : context);
        if (problem == null) {
            float[][] v = embedder.embed(List.of(rewrite, span.quote()));
            double meaning = Vectors.dot(v[0], v[1]);
            if (meaning < MIN_MEANING) {
                problem = String.format(Locale.ROOT, "drifts from its span (similarity %.2f < %.2f)", meaning, MIN_MEANING);
            }
        }
        if (problem != null) {
            return workhorse(c, score, true, repeats, "rejected: " + problem);
        }
        return new Edit(c.id(), rewrite, span.quote(), span.startSeconds(), Math.max(span.endSeconds(),
                span.startSeconds()), score, true, repeats, fromCache ? "cached" : "rewritten");
    }

    private static Edit workhorse(Candidate c, double score, boolean lesson, Long repeats, String outcome) {
        return new Edit(c.id(), c.text(), c.quote(), c.startSeconds(), c.endSeconds(), score, lesson, repeats, outcome);
    }

    private static void unchanged(Batch batch, String outcome, Map<Long, Edit> edits) {
        for (Candidate c : batch.candidates()) {
            edits.put(c.id(), workhorse(c, -1, true, null, outcome));
        }
    }

    /** The first JSON value in a model's answer (models wrap JSON in prose or code fences); null if none. */
    static JsonNode parse(String answer) {
        if (answer == null) {
            return null;
        }
        int object = answer.indexOf('{');
        int array = answer.indexOf('[');
        boolean isArray = array >= 0 && (object < 0 || array < object);
        int start = isArray ? array : object;
        int end = answer.lastIndexOf(isArray ? ']' : '}');
        if (start < 0 || end <= start) {
            return null;
        }
        try {
            return JSON.readTree(answer.substring(start, end + 1));
        } catch (Exception e) {
            return null;
        }
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? "(unknown)" : s.trim();
    }

}
