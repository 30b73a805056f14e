package dev.podsift.asr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * The embedded recogniser: one Vosk model in memory, shared by one recogniser per piece (the model is thread-safe;
 * recognisers are not, so each piece gets its own). Wraps the {@code org.vosk} types.
 */
public final class VoskEngine implements SpeechEngine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Model model;
    private final String name;

    public VoskEngine(Path modelDir) throws AsrException {
        try {
            LibVosk.setLogLevel(LogLevel.WARNINGS);
            this.model = new Model(modelDir.toString());
        } catch (IOException | UnsatisfiedLinkError | RuntimeException e) {
            throw new AsrException("cannot load the Vosk model in " + modelDir + ": " + e.getMessage(), e);
        }
        this.name = "vosk:" + modelDir.getFileName();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double maxPieceSeconds() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public Piece open() throws AsrException {
        try {
            Recognizer r = new Recognizer(model, Ffmpeg.SAMPLE_RATE);
            r.setWords(true);
            return new VoskPiece(r);
        } catch (IOException e) {
            throw new AsrException("cannot start a Vosk recogniser: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }

    private static final class VoskPiece implements Piece {
        private final Recognizer recognizer;
        private final List<Word> words = new ArrayList<>();

        VoskPiece(Recognizer recognizer) {
            this.recognizer = recognizer;
        }

        @Override
        public void accept(byte[] pcm, int length) throws AsrException {
            if (recognizer.acceptWaveForm(pcm, length)) {
                collect(recognizer.getResult());
            }
        }

        @Override
        public Result finish() throws AsrException {
            collect(recognizer.getFinalResult());
            return new Result(words, List.of());
        }

        private void collect(String json) throws AsrException {
            try {
                for (JsonNode w : JSON.readTree(json).path("result")) {
                    String text = w.path("word").asText("");
                    if (!text.isBlank()) {
                        words.add(new Word(text, w.path("start").asDouble(), w.path("end").asDouble(),
                                w.path("conf").asDouble(1)));
                    }
                }
            } catch (IOException e) {
                throw new AsrException("Vosk returned unreadable JSON: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            recognizer.close();
        }
    }
}
