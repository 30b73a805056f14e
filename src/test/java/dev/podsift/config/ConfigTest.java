package dev.podsift.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up validation: a bad value is refused at once, with a message naming the setting and what it must be. */
class ConfigTest {
    private static String refused(String name, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Config.from(Map.of(name, value)), name + "=" + value + " was accepted");
        assertTrue(e.getMessage().startsWith(name + " must be"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aPortOutsideOneTo65535OrNotANumberIsRefused() {
        assertTrue(refused("PODSIFT_HTTP_PORT", "70000").contains("1 to 65535"));
        refused("PODSIFT_HTTP_PORT", "eighty");
        refused("PODSIFT_HTTP_PORT", "0");
        assertEquals(65535, Config.from(Map.of("PODSIFT_HTTP_PORT", "65535")).service().port());
    }

    @Test
    void aHostThatIsNoNameNorAddressIsRefused() {
        for (String bad : new String[] {"not a host", "http://0.0.0.0", "256.1.1.1", "exa_mple.com", "-lead.example",
                "::zz", "10.0.0.1:8080"}) {
            refused("PODSIFT_HTTP_HOST", bad);
        }
        for (String good : new String[] {"127.0.0.1", "0.0.0.0", "localhost", "podsift.example.com", "::", "::1"}) {
            assertEquals(good, Config.from(Map.of("PODSIFT_HTTP_HOST", good)).service().host());
        }
    }

    @Test
    void aPodcastSearchUrlThatIsNotHttpIsRefused() {
        for (String bad : new String[] {"file:///etc/passwd", "ftp://example.com/search", "itunes.apple.com/search",
                "http:///search", "jar:file:/x.jar!/y"}) {
            assertTrue(refused("PODSIFT_PODCAST_SEARCH_URL", bad).contains("http:// or https://"));
        }
        assertEquals("https://search.example.com/api", Config.from(Map.of("PODSIFT_PODCAST_SEARCH_URL",
                "https://search.example.com/api")).service().searchUrl());
    }
}
