package dev.podsift.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The server's signing secret: PODSIFT_SECRET when set, else a random one made once and kept in
 * {@code PODSIFT_DATA/secret.key} (readable by its owner only), so links in old emails keep working after a restart
 * and several workers sharing the data directory agree.
 */
public final class Secrets {
    private Secrets() {
    }

    public static byte[] load(String configured, Path dataDir) throws IOException {
        if (configured != null && !configured.isBlank()) {
            byte[] b = configured.strip().getBytes(StandardCharsets.UTF_8);
            if (b.length < 16) {
                throw new IllegalArgumentException("PODSIFT_SECRET must be at least 16 characters");
            }
            return b;
        }
        Path file = dataDir.resolve("secret.key");
        if (!Files.exists(file)) {
            Files.createDirectories(dataDir);
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Path tmp = Files.createTempFile(dataDir, ".secret", ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the file keeps the directory's defaults
                }
                Files.writeString(tmp, HexFormat.of().formatHex(random));
                try {
                    Files.createLink(file, tmp); // fails if another process made it first: then theirs is kept
                } catch (FileAlreadyExistsException e) {
                    // another worker won the race
                } catch (UnsupportedOperationException e) {
                    Files.move(tmp, file);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        String hex = Files.readString(file).strip();
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is damaged (not hex); delete it to make a new secret (old email links "
                    + "then stop working)");
        }
    }
}
