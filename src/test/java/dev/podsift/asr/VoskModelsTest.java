package dev.podsift.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled model unpacks once into any data directory, however it is written (the default is "./data"). */
class VoskModelsTest {
    @TempDir
    Path tmp;

    @Test
    void unpacksIntoADotRelativeDataDirectoryOnce() throws Exception {
        Path rel = Path.of(".").resolve(Path.of("").toAbsolutePath().relativize(tmp)).resolve("data");
        Path model = VoskModels.resolve(null, rel);
        assertTrue(Files.isRegularFile(model.resolve("am/final.mdl")), model.toString());
        assertTrue(Files.readString(model.resolve("conf/model.conf")).contains("--max-active=1000"));
        long stamp = Files.getLastModifiedTime(model.resolve("am/final.mdl")).toMillis();
        assertEquals(model, VoskModels.resolve(null, rel), "the second call finds it");
        assertEquals(stamp, Files.getLastModifiedTime(model.resolve("am/final.mdl")).toMillis(), "not unpacked again");
        try (var left = Files.list(model.getParent())) {
            assertEquals(1, left.count(), "no .unpacking- folder left behind");
        }
    }

    @Test
    void aConfiguredDirectoryThatIsNotAModelIsRefusedClearly() {
        AsrException e = assertThrows(AsrException.class, () -> VoskModels.resolve(tmp, tmp));
        assertTrue(e.getMessage().contains("PODSIFT_VOSK_MODEL"), e.getMessage());
    }
}
