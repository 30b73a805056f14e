package dev.podsift.cli;

import java.nio.file.Path;

/** Feed references as stored: URLs as given, local paths made absolute so the same file is one feed. */
final class FeedRefs {
    private FeedRefs() {
    }

    static String normalise(String ref) {
        String r = ref.trim();
        if (dev.podsift.net.Address.isNetwork(r) || r.regionMatches(true, 0, "file:", 0, 5)) {
            return r;
        }
        return Path.of(r).toAbsolutePath().normalize().toString();
    }
}
