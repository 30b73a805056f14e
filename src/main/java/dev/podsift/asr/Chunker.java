package dev.podsift.asr;

import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts a PCM stream (16 kHz mono, 16-bit little-endian) into pieces of about a target length, each ending at the
 * quietest 300 ms between 0.75 and 1.25 times that length, so a cut falls in a pause rather than inside a word.
 * Holds at most one piece in memory; never the whole stream.
 */
final class Chunker {
    private static final int FRAME = 160;          // 10 ms of samples
    private static final int WINDOW_FRAMES = 30;   // 300 ms

    /** One piece: where it starts in the stream (in bytes) and its PCM. */
    record Chunk(int index, long startByte, byte[] pcm) {
        double startSeconds() {
            return startByte / (double) Ffmpeg.BYTES_PER_SECOND;
        }

        double seconds() {
            return pcm.length / (double) Ffmpeg.BYTES_PER_SECOND;
        }
    }

    private final InputStream in;
    private final int minCut;
    private final byte[] buf;
    private int filled;
    private long consumed;
    private int index;
    private boolean eof;

    Chunker(InputStream in, double targetSeconds) {
        this.in = in;
        int target = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(1, targetSeconds) * Ffmpeg.BYTES_PER_SECOND);
        this.minCut = even((int) (target * 0.75));
        this.buf = new byte[even((int) Math.min(Integer.MAX_VALUE - 8, target * 1.25))];
    }

    /** PCM bytes read from the stream so far. */
    long bytesRead() {
        return consumed + filled;
    }

    /** The next piece, or null at the end of the stream. */
    Chunk next() throws IOException {
        while (!eof && filled < buf.length) {
            int n = in.read(buf, filled, buf.length - filled);
            if (n < 0) {
                eof = true;
            } else {
                filled += n;
            }
        }
        int usable = even(filled);
        if (usable == 0) {
            return null;
        }
        int cut = eof && filled <= buf.length ? usable : quietestCut(usable);
        byte[] piece = new byte[cut];
        System.arraycopy(buf, 0, piece, 0, cut);
        System.arraycopy(buf, cut, buf, 0, filled - cut);
        Chunk c = new Chunk(index++, consumed, piece);
        consumed += cut;
        filled -= cut;
        return c;
    }

    /** Byte offset of the middle of the quietest 300 ms window that starts after {@link #minCut}. */
    private int quietestCut(int usable) {
        int frameBytes = FRAME * 2;
        int firstFrame = minCut / frameBytes;
        int frames = usable / frameBytes;
        if (frames - firstFrame <= WINDOW_FRAMES) {
            return usable;
        }
        double[] energy = new double[frames - firstFrame];
        for (int f = firstFrame; f < frames; f++) {
            double sum = 0;
            for (int i = f * frameBytes; i < (f + 1) * frameBytes; i += 2) {
                int s = (short) ((buf[i] & 0xff) | (buf[i + 1] << 8));
                sum += (double) s * s;
            }
            energy[f - firstFrame] = sum;
        }
        double window = 0;
        for (int i = 0; i < WINDOW_FRAMES; i++) {
            window += energy[i];
        }
        double best = window;
        int bestStart = 0;
        for (int i = WINDOW_FRAMES; i < energy.length; i++) {
            window += energy[i] - energy[i - WINDOW_FRAMES];
            if (window < best) {
                best = window;
                bestStart = i - WINDOW_FRAMES + 1;
            }
        }
        return (firstFrame + bestStart + WINDOW_FRAMES / 2) * frameBytes;
    }

    private static int even(int n) {
        return n & ~1;
    }
}
