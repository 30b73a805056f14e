package dev.podsift.llm;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One real call per provider, only when a key is in the environment (OPENAI_API_KEY, ANTHROPIC_API_KEY); skipped
 * otherwise, including in CI, which has no network beyond package registries.
 */
@Tag("live")
class HeroLiveTest {
    private static void ask(String provider, String key) throws Exception {
        assumeTrue(key != null && !key.isBlank(), provider + ": no API key in the environment; live test skipped");
        LlmSettings s = LlmSettings.from(Map.of("PODSIFT_LLM_PROVIDER", provider, "PODSIFT_LLM_API_KEY", key));
        String quote = "Small, frequent releases are safer than big ones because you know which change broke.";
        LlmReply r = new LangchainChatClient(s).chat(HeroEditor.SYSTEM, HeroEditor.request(new HeroEditor.Batch(
                new HeroEditor.Episode("Shipping Software", "Deploy often", List.of()), null,
                List.of(new HeroEditor.Candidate(1, quote, quote, 30, 40)))));
        assertTrue(HeroEditor.parse(r.text()) != null, r.text());
    }

    @Test
    void openAi() throws Exception {
        ask("openai", System.getenv("OPENAI_API_KEY"));
    }

    @Test
    void anthropic() throws Exception {
        ask("anthropic", System.getenv("ANTHROPIC_API_KEY"));
    }
}
