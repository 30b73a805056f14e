package dev.podsift.cli;

import dev.podsift.insight.Embedder;
import dev.podsift.llm.HeroEditor;
import dev.podsift.llm.LlmClients;
import dev.podsift.llm.LlmSettings;
import dev.podsift.model.EpisodeRef;
import dev.podsift.model.Insight;
import dev.podsift.model.Transcript;
import dev.podsift.store.StoreException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One episode's candidates through the hero editor, for {@code extract --hero}: its top picks, its log line. */
final class HeroPick {
    private final LlmSettings llm;
    private final Embedder embedder;

    HeroPick(LlmSettings llm, Embedder embedder) {
        this.llm = llm;
        this.embedder = embedder;
    }

    /**
     * The best {@code top} of {@code found} (best first) once the editor has judged them: its accepted rewrites in
     * place of the text, quote and times; only edited lessons once there is one (passages left as spoken and what
     * it calls no lesson or a repeat are left out, so there may be fewer). The workhorse's list when the editor
     * edited nothing.
     */
    List<Insight> pick(EpisodeRef ref, Transcript transcript, List<Insight> found, int top) {
        List<HeroEditor.Candidate> candidates = new ArrayList<>();
        for (Insight in : found.subList(0, Math.min(llm.perEpisode(), found.size()))) {
            candidates.add(new HeroEditor.Candidate(candidates.size(), in.text(), in.quote(), in.startSeconds(),
                    in.endSeconds()));
        }
        HeroEditor.Result result;
        try {
            result = new HeroEditor(LlmClients.of(llm), llm, embedder, null).edit(List.of(
                    HeroEditor.Batch.of(ref.podcast(), ref.episode(), transcript, candidates)));
        } catch (StoreException e) {
            throw new IllegalStateException("no cache is used here", e);
        }
        if (llm.provider().equals("none")) {
            System.err.println("hero: 1 request recorded in " + llm.recordDir() + " to be answered offline (no "
                    + "provider: the workhorse's picks are kept); replay it with PODSIFT_LLM_PROVIDER=replay "
                    + "PODSIFT_LLM_REPLAY_DIR=" + llm.recordDir());
        } else {
            System.err.println(result.report().line(llm.provider() + ":" + llm.model(), llm));
        }
        record Ranked(Insight insight, boolean keep, boolean rewritten, double rank) {
        }
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Insight in = found.get(i);
            HeroEditor.Edit e = i < candidates.size() ? result.edits().get((long) i) : null;
            if (e == null) {
                ranked.add(new Ranked(in, true, false, in.score()));
            } else {
                ranked.add(new Ranked(new Insight(e.text(), e.quote(), e.startSeconds(), e.endSeconds(), in.score(),
                        in.speaker(), in.embedding()), e.keep(), e.rewritten(), e.rank(in.score())));
            }
        }
        ranked.sort(Comparator.comparing(Ranked::rank).reversed());
        boolean edited = ranked.stream().anyMatch(r -> r.rewritten() && r.keep());
        List<Insight> picked = ranked.stream().filter(r -> r.keep() && (r.rewritten() || !edited)).limit(top)
                .map(Ranked::insight).toList();
        if (edited && picked.size() < top) {
            System.err.println("hero: " + picked.size() + " edited lesson(s) in this episode; passages it called no "
                    + "lesson, and ones whose rewrite failed the grounding check, are not listed");
        }
        return picked;
    }
}
