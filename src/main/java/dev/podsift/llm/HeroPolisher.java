package dev.podsift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.insight.Embedder;
import dev.podsift.insight.Vectors;
import dev.podsift.store.LlmCacheStore;
import dev.podsift.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The hero tier: rewrites each short-listed insight into the target style and judges it, then checks the rewrite
 * against its quote (names, numbers, meaning) before trusting it. Every failure — a rejected rewrite, a malformed
 * answer, an error, an exhausted budget — keeps the workhorse text; the {@link Report} says what happened.
 */
public final class HeroPolisher {
    static final String SYSTEM = """
            You edit a daily newsletter of insights from podcasts. You get a quote as spoken on a show. Rewrite it as \
            one standalone, generalizable lesson in 2 or 3 sentences and at most 70 words, in plain written English, \
            understandable with no context. State the idea itself; never write "the guest said" or name the speaker. \
            Use only facts, names and numbers that are in the quote. Then judge it: 10 = a non-obvious lesson a \
            practitioner could act on, 0 = chit-chat, an ad, a question or an anecdote with no lesson. Answer with \
            JSON only: {"insight": "...", "score": 0-10}""";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * A rewrite must stay at least this close (cosine, MiniLM) to its quote. Faithful rewrites of one quote score
     * above two shows' phrasings of one idea; at 0.55 eval/pairs.json separates same-idea from near-miss pairs with
     * 86% precision.
     */
    private static final double MIN_MEANING = 0.55;

    /** One short-listed insight after polishing: the text to show, the judge's score (or -1), and what happened. */
    public record Polished(String text, double judge, String outcome) {
        public boolean rewritten() {
            return outcome.equals("rewritten") || outcome.equals("cached");
        }
    }

    /** What a run spent and how it went, for the log line. */
    public record Report(int calls, int cached, int inputTokens, int outputTokens, int rejected, int failed,
                         int skippedForBudget, List<String> problems) {
        public String line(String model, LlmSettings s) {
            return String.format("hero %s: %d call(s), %d cached, %d+%d tokens (budget %d calls, %d tokens); %d rewrite(s) "
                            + "rejected, %d failed, %d left as written for budget%s", model, calls, cached, inputTokens,
                    outputTokens, s.maxCalls(), s.maxTokens(), rejected, failed, skippedForBudget,
                    problems.isEmpty() ? "" : "; " + String.join("; ", problems.subList(0, Math.min(3, problems.size()))));
        }
    }

    private final LlmClient client;
    private final LlmSettings settings;
    private final Embedder embedder;
    private final LlmCacheStore cache;
    private final GroundingCheck grounding = new GroundingCheck();

    public HeroPolisher(LlmClient client, LlmSettings settings, Embedder embedder, LlmCacheStore cache) {
        this.client = client;
        this.settings = settings;
        this.embedder = embedder;
        this.cache = cache;
    }

    /** Polishes {@code quotes[i]} (workhorse texts {@code texts[i]}), in order, within the run's budget. */
    public Result polish(List<String> quotes, List<String> texts) throws StoreException {
        List<Polished> out = new ArrayList<>();
        int calls = 0;
        int cached = 0;
        int in = 0;
        int outTokens = 0;
        int rejected = 0;
        int failed = 0;
        int skipped = 0;
        List<String> problems = new ArrayList<>();
        boolean stop = false;
        for (int i = 0; i < quotes.size(); i++) {
            String quote = quotes.get(i);
            String key = key(quote);
            Optional<String> hit = cache.get(key);
            String answer;
            if (hit.isPresent()) {
                answer = hit.get();
                cached++;
            } else if (stop || calls >= settings.maxCalls() || in + outTokens >= settings.maxTokens()) {
                skipped++;
                out.add(new Polished(texts.get(i), -1, "budget"));
                continue;
            } else {
                try {
                    LlmReply r = client.chat(SYSTEM, "Quote:\n" + quote);
                    calls++;
                    in += r.inputTokens();
                    outTokens += r.outputTokens();
                    answer = r.text();
                } catch (LlmException e) {
                    calls++;
                    failed++;
                    problems.add(e.getMessage());
                    stop = e.rateLimited(); // no point hammering a provider that asked us to slow down
                    out.add(new Polished(texts.get(i), -1, "error"));
                    continue;
                }
            }
            Polished p = judge(answer, quote, texts.get(i), hit.isPresent());
            if (p.outcome().startsWith("rejected")) {
                rejected++;
                problems.add(p.outcome());
            } else if (p.outcome().equals("malformed")) {
                failed++;
                problems.add("malformed answer");
            }
            if (hit.isEmpty() && !p.outcome().equals("malformed")) {
                cache.put(key, answer);
            }
            out.add(p);
        }
        return new Result(out, new Report(calls, cached, in, outTokens, rejected, failed, skipped, problems));
    }

    /** Polished items in input order, and the run's report. */
    public record Result(List<Polished> items, Report report) {
    }

    private Polished judge(String answer, String quote, String workhorse, boolean fromCache) {
        JsonNode node = parse(answer);
        if (node == null || !node.path("insight").isTextual()) {
            return new Polished(workhorse, -1, "malformed");
        }
        String rewrite = node.get("insight").asText().trim();
        double score = Math.max(0, Math.min(10, node.path("score").asDouble(-1)));
        String problem = grounding.problem(rewrite, quote);
        if (problem == null) {
            float[][] v = embedder.embed(List.of(rewrite, quote));
            double meaning = Vectors.dot(v[0], v[1]);
            if (meaning < MIN_MEANING) {
                problem = String.format("drifts from the quote (similarity %.2f < %.2f)", meaning, MIN_MEANING);
            }
        }
        if (problem != null) {
            return new Polished(workhorse, score, "rejected: " + problem);
        }
        return new Polished(rewrite, score, fromCache ? "cached" : "rewritten");
    }

    /** The first JSON object in a model's answer (models wrap JSON in prose or code fences); null if none. */
    static JsonNode parse(String answer) {
        if (answer == null) {
            return null;
        }
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return null;
        }
        try {
            return JSON.readTree(answer.substring(start, end + 1));
        } catch (Exception e) {
            return null;
        }
    }

    private String key(String quote) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((client.describe() + "\n" + SYSTEM + "\n" + quote).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
