package dev.podsift.asr;

import dev.podsift.model.Segment;
import java.util.List;

/**
 * A speech recogniser that turns stretches of 16 kHz mono PCM into words or sentences. {@link Transcriber} does the
 * decoding, cutting, parallelism and stitching; an engine only recognises one piece at a time, from any thread.
 */
public interface SpeechEngine extends AutoCloseable {
    /** Names the engine and model, stored as the transcript's source (for example "vosk:vosk-model-en-us-0.3.45"). */
    String name();

    /** The longest piece this engine accepts, in seconds (a remote API's upload limit), or infinity. */
    double maxPieceSeconds();

    /** Starts one piece; feed it PCM in order, then {@link Piece#finish()}. */
    Piece open() throws AsrException;

    @Override
    void close();

    /** One piece being recognised. Times in its result count from the piece's own start. */
    interface Piece extends AutoCloseable {
        void accept(byte[] pcm, int length) throws AsrException;

        Result finish() throws AsrException;

        @Override
        void close();
    }

    /**
     * What a piece said: words with times (Vosk), or finished sentences (a remote Whisper-style API), or both.
     * An engine that returns sentences may leave words empty and the other way round.
     */
    record Result(List<Word> words, List<Segment> sentences) {
        public Result {
            words = List.copyOf(words);
            sentences = List.copyOf(sentences);
        }
    }
}
