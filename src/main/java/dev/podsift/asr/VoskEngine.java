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
 * The embedded recogniser: a recogniser per piece, each borrowing one of {@code copies} loaded models (recognisers
 * are not thread-safe; models are). Vosk allows one model to be shared by all threads, but measured here two
 * recognisers on one shared model ran barely faster than one (their shared search caches contend), while one
 * model per thread scales with the cores for about 70 MB more memory per copy (BENCHMARKS.md). Wraps the
 * {@code org.vosk} types.
 */
public final class VoskEngine implements SpeechEngine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Model> loaded = new ArrayList<>();
    private final java.util.concurrent.BlockingQueue<Model> idle;
    private final String name;

    public VoskEngine(Path modelDir) throws AsrException {
        this(modelDir, 1);
    }

    /** Loads {@code copies} of the model; each piece borrows one while it is recognised. */
    public VoskEngine(Path modelDir, int copies) throws AsrException {
        idle = new java.util.concurrent.ArrayBlockingQueue<>(copies);
        try {
            LibVosk.setLogLevel(LogLevel.WARNINGS);
            for (int i = 0; i < copies; i++) {
                Model m = new Model(modelDir.toString());
                loaded.add(m);
                idle.add(m);
            }
        } catch (IOException | UnsatisfiedLinkError | RuntimeException e) {
            close();
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
        Model model;
        try {
            model = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsrException("interrupted while waiting for a recogniser");
        }
        try {
            Recognizer r = new Recognizer(model, Ffmpeg.SAMPLE_RATE);
            r.setWords(true);
            return new VoskPiece(r, () -> idle.add(model));
        } catch (IOException e) {
            idle.add(model);
            throw new AsrException("cannot start a Vosk recogniser: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        loaded.forEach(Model::close);
        loaded.clear();
    }

    private static final class VoskPiece implements Piece {
        private final Recognizer recognizer;
        private final Runnable release;
        private final List<Word> words = new ArrayList<>();

        VoskPiece(Recognizer recognizer, Runnable release) {
            this.recognizer = recognizer;
            this.release = release;
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
            release.run();
        }
    }
}
