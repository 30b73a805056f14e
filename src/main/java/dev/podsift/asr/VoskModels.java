package dev.podsift.asr;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds the Vosk model: the user's {@code PODSIFT_VOSK_MODEL} directory, or the small English model that Maven
 * resolves ({@code com.alphacephei:vosk-model-en:0.3.45}, an Android archive whose {@code assets/model-en-us/} is
 * the model), unpacked once into {@code PODSIFT_DATA/models}. Nothing is downloaded from anywhere else.
 *
 * <p>The bundled model is unpacked with a faster decoding search than its shipped defaults ({@code max-active}
 * 1000 instead of 3000, {@code beam} 8 instead of 10): the JFK clip is recognised word for word the same, and the
 * speech benchmark ran about 1.3× faster for 0.7 points more word errors (BENCHMARKS.md), which is what brings
 * two cores past 16 hours of audio an hour. A user's own model is used exactly as it is.
 */
public final class VoskModels {
    public static final String BUNDLED_NAME = "vosk-model-en-us-0.3.45";
    private static final String ARCHIVE = "vosk-model-en-0.3.45.aar";
    private static final String PREFIX = "assets/model-en-us/";
    private static final String SPEED_CONF = """
            --min-active=200
            --max-active=1000
            --beam=8.0
            --lattice-beam=2.0
            --acoustic-scale=1.0
            --frame-subsampling-factor=3
            --endpoint.silence-phones=1:2:3:4:5:6:7:8:9:10
            --endpoint.rule2.min-trailing-silence=0.5
            --endpoint.rule3.min-trailing-silence=0.75
            --endpoint.rule4.min-trailing-silence=1.0
            """;

    private VoskModels() {
    }

    /** The model directory to load: the configured one (checked), else the bundled one (unpacked if needed). */
    public static Path resolve(Path configured, Path dataDir) throws AsrException {
        if (configured != null) {
            if (!Files.isDirectory(configured.resolve("am")) && !Files.isRegularFile(configured.resolve("final.mdl"))) {
                throw new AsrException("PODSIFT_VOSK_MODEL '" + configured + "' is not a Vosk model directory "
                        + "(it has no am/ folder); unpack a model from the Vosk models page there");
            }
            return configured;
        }
        Path target = dataDir.resolve("models").resolve(BUNDLED_NAME);
        if (Files.isRegularFile(target.resolve("conf/model.conf"))) {
            return target;
        }
        return unpack(archive(), target);
    }

    private static synchronized Path unpack(Path archive, Path target) throws AsrException {
        if (Files.isRegularFile(target.resolve("conf/model.conf"))) {
            return target;
        }
        Path tmp = null;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempDirectory(target.getParent(), ".unpacking-").toAbsolutePath().normalize();
            int files = 0;
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory() || !e.getName().startsWith(PREFIX)) {
                    continue;
                }
                Path out = tmp.resolve(e.getName().substring(PREFIX.length())).normalize();
                if (!out.startsWith(tmp)) {
                    throw new AsrException(archive + " has an entry outside its model folder: " + e.getName());
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, out);
                }
                files++;
            }
            if (files == 0 || !Files.isRegularFile(tmp.resolve("conf/model.conf"))) {
                throw new AsrException(archive + " holds no Vosk model under " + PREFIX);
            }
            Files.writeString(tmp.resolve("conf/model.conf"), SPEED_CONF);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            return target;
        } catch (IOException e) {
            throw new AsrException("cannot unpack the speech model " + archive + " into " + target + ": "
                    + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    /** Where Maven put the model archive: next to the jar (target/lib), on the class path, or in ~/.m2. */
    static Path archive() throws AsrException {
        List<Path> tried = new ArrayList<>();
        String prop = System.getProperty("podsift.voskModelArchive");
        if (prop != null && !prop.isBlank()) {
            tried.add(Path.of(prop));
        }
        URL onClassPath = VoskModels.class.getClassLoader().getResource(PREFIX + "conf/model.conf");
        if (onClassPath != null && onClassPath.getProtocol().equals("jar")) {
            String file = onClassPath.getPath();
            try {
                tried.add(Path.of(new URL(file.substring(0, file.indexOf("!/"))).toURI()));
            } catch (IOException | URISyntaxException | IllegalArgumentException ignored) {
                // not a plain file: fall through to the other places
            }
        }
        try {
            Path code = Path.of(VoskModels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            tried.add(code.resolveSibling("lib").resolve(ARCHIVE));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException | NullPointerException ignored) {
            // no code source: fall through
        }
        tried.add(Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "alphacephei", "vosk-model-en",
                "0.3.45", ARCHIVE));
        for (Path p : tried) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new AsrException("the speech model archive " + ARCHIVE + " was not found (looked in " + tried
                + "); run './mvnw -B package' to fetch it, or set PODSIFT_VOSK_MODEL to a Vosk model directory");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover .unpacking- folder is harmless and retried next time
        }
    }
}
