package dev.podsift.asr;

import dev.podsift.model.Segment;
import dev.podsift.model.Transcript;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Audio file → timed transcript. Decodes with {@link Ffmpeg} (streamed), cuts a long episode at pauses into pieces
 * ({@link Chunker}), recognises them in parallel (one recogniser per thread, one shared model), and stitches the
 * results back in order with each piece's offset. With one thread and an engine without a piece limit the whole
 * stream goes through a single recogniser uncut (the reference the chunked run is compared with).
 *
 * <p>No silent truncation: if the decoder stops well before the duration the file declares, or fails, the result
 * is an error naming the gap, never a short transcript. Silence gives an empty transcript.
 */
public final class Transcriber {
    /** Told how far recognition has got: seconds of audio done, and the file's stated length (NaN if unknown). */
    public interface Listener {
        void progress(double doneSeconds, double totalSeconds);
    }

    /** The transcript, the words behind it (empty from engines that return sentences), and the audio's length. */
    public record Result(Transcript transcript, List<Word> words, double audioSeconds, String source) {
    }

    private final Ffmpeg ffmpeg;
    private final SpeechEngine engine;
    private final int threads;
    private final double chunkSeconds;
    private final double maxAudioSeconds;

    public Transcriber(Ffmpeg ffmpeg, SpeechEngine engine, int threads, double chunkSeconds, double maxAudioSeconds) {
        this.ffmpeg = ffmpeg;
        this.engine = engine;
        this.threads = Math.max(1, threads);
        this.chunkSeconds = Math.min(chunkSeconds, engine.maxPieceSeconds() * 0.8);
        this.maxAudioSeconds = maxAudioSeconds;
    }

    public String source() {
        return engine.name();
    }

    public Result transcribe(Path audio, Listener listener) throws AsrException {
        List<SpeechEngine.Result> pieces;
        List<Double> offsets = new ArrayList<>();
        double decoded;
        double declared;
        try (Ffmpeg.Pcm pcm = ffmpeg.decode(audio)) {
            declared = pcm.declaredSeconds();
            if (declared > maxAudioSeconds) {
                throw new AsrException("the audio lasts " + clock(declared) + ", over the limit of "
                        + clock(maxAudioSeconds) + " (PODSIFT_MAX_AUDIO_MINUTES)");
            }
            AtomicLong bytes = new AtomicLong();
            listener.progress(0, declared);
            if (threads == 1 && Double.isInfinite(engine.maxPieceSeconds())) {
                pieces = List.of(whole(pcm.stream(), bytes, declared, listener));
                offsets.add(0.0);
            } else {
                pieces = chunked(pcm.stream(), bytes, offsets, declared, listener);
            }
            pcm.finish();
            decoded = bytes.get() / (double) Ffmpeg.BYTES_PER_SECOND;
        } catch (IOException e) {
            throw new AsrException("reading decoded audio failed: " + e.getMessage(), e);
        }
        if (!Double.isNaN(declared) && decoded < declared - Math.max(2.0, declared * 0.02)) {
            throw new AsrException("the audio stops at " + clock(decoded) + " but the file says it lasts "
                    + clock(declared) + ": it is truncated or damaged (download it again)");
        }
        List<Word> words = new ArrayList<>();
        List<Segment> sentences = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            double off = offsets.get(i);
            SpeechEngine.Result r = pieces.get(i);
            r.words().forEach(w -> words.add(w.shifted(off)));
            r.sentences().forEach(s -> sentences.add(new Segment(s.start() + off, s.end() + off, s.speaker(),
                    s.text())));
        }
        List<Segment> segments = sentences.isEmpty() ? new SentenceMaker().sentences(words) : sentences;
        return new Result(new Transcript(segments), words, decoded, engine.name());
    }

    private SpeechEngine.Result whole(InputStream in, AtomicLong bytes, double declared, Listener listener)
            throws IOException, AsrException {
        try (SpeechEngine.Piece piece = engine.open()) {
            byte[] buf = new byte[Ffmpeg.BYTES_PER_SECOND / 2];
            for (int n; (n = in.readNBytes(buf, 0, buf.length)) > 0; ) {
                long total = bytes.addAndGet(n);
                checkLength(total);
                piece.accept(buf, n);
                listener.progress(total / (double) Ffmpeg.BYTES_PER_SECOND, declared);
            }
            return piece.finish();
        }
    }

    private List<SpeechEngine.Result> chunked(InputStream in, AtomicLong bytes, List<Double> offsets, double declared,
                                              Listener listener) throws IOException, AsrException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "asr");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(threads + 1);
        List<Future<SpeechEngine.Result>> futures = new ArrayList<>();
        AtomicLong recognised = new AtomicLong();
        try {
            Chunker chunker = new Chunker(in, chunkSeconds);
            for (Chunker.Chunk c; (c = chunker.next()) != null; ) {
                bytes.set(chunker.bytesRead());
                checkLength(c.startByte() + c.pcm().length);
                offsets.add(c.startSeconds());
                inFlight.acquire();
                Chunker.Chunk chunk = c;
                futures.add(pool.submit(() -> {
                    try (SpeechEngine.Piece piece = engine.open()) {
                        int step = Ffmpeg.BYTES_PER_SECOND / 2;
                        byte[] buf = new byte[step];
                        for (int at = 0; at < chunk.pcm().length; at += step) {
                            int n = Math.min(step, chunk.pcm().length - at);
                            System.arraycopy(chunk.pcm(), at, buf, 0, n);
                            piece.accept(buf, n);
                        }
                        SpeechEngine.Result r = piece.finish();
                        long done = recognised.addAndGet(chunk.pcm().length);
                        listener.progress(done / (double) Ffmpeg.BYTES_PER_SECOND, declared);
                        return r;
                    } finally {
                        inFlight.release();
                    }
                }));
                for (Future<SpeechEngine.Result> f : futures) {
                    if (f.isDone()) {
                        f.get(); // fail fast: an engine error stops the decode
                    }
                }
            }
            bytes.set(chunker.bytesRead());
            List<SpeechEngine.Result> out = new ArrayList<>();
            for (Future<SpeechEngine.Result> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsrException("interrupted while recognising speech");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AsrException a) {
                throw a;
            }
            throw new AsrException("speech recognition failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private void checkLength(long bytes) throws AsrException {
        if (bytes / (double) Ffmpeg.BYTES_PER_SECOND > maxAudioSeconds) {
            throw new AsrException("the audio runs past the limit of " + clock(maxAudioSeconds)
                    + " (PODSIFT_MAX_AUDIO_MINUTES)");
        }
    }

    /** 3725.4 → "1:02:05". */
    public static String clock(double seconds) {
        return dev.podsift.model.Clock.of(seconds);
    }
}
