package dev.podsift.net;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a whole response body into memory, at most a cap, with a buffer that grows with the bytes that actually
 * arrive: a Content-Length is the server's word, not a fact, so it can cap the buffer's growth (an honest body
 * ends in an array of exactly its size) but never size an allocation before the bytes are there. Lengths are
 * 64-bit throughout; a cap beyond what one Java array holds is refused when the fetcher is made.
 */
final class CappedBody {
    /** The largest array the JVM reliably allocates. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** The first buffer, whatever the server announces. */
    static final int FIRST = 64 * 1024;

    private CappedBody() {
    }

    /**
     * The body of {@code url}; {@code expected} is its announced length, or -1. Over {@code cap} (or announced
     * over it) is an error naming {@code setting}; a body that stops short of its announced length is a temporary
     * error.
     */
    static byte[] read(InputStream in, long expected, long cap, String url, String setting)
            throws IOException, FeedException {
        if (expected > cap) {
            throw new FeedException(url + " is " + expected + " bytes, over the limit of " + cap + " bytes ("
                    + setting + ")");
        }
        // an honest body grows its buffer up to its announced length and no further; a body longer than it says
        // grows on towards the cap
        long ceiling = expected >= 0 ? expected : cap;
        byte[] buf = new byte[(int) Math.min(ceiling, FIRST)];
        long total = 0;
        while (true) {
            if (total == buf.length) {
                int next = in.read(); // full: is there more?
                if (next < 0) {
                    break;
                }
                if (total + 1 > cap) {
                    throw tooLarge(url, cap, setting);
                }
                long grown = Math.min(Math.max(2 * total, FIRST), total < ceiling ? ceiling : cap);
                buf = Arrays.copyOf(buf, (int) Math.max(grown, total + 1));
                buf[(int) total++] = (byte) next;
            }
            int n = in.read(buf, (int) total, (int) (buf.length - total));
            if (n < 0) {
                break;
            }
            total += n;
        }
        if (expected >= 0 && total < expected) {
            throw FeedException.temporary("the body of " + url + " stopped after " + total + " of " + expected
                    + " bytes", null);
        }
        return total == buf.length ? buf : Arrays.copyOf(buf, (int) total);
    }

    private static FeedException tooLarge(String url, long cap, String setting) {
        return new FeedException(url + " is larger than the limit of " + cap + " bytes (" + setting
                + ", counted after decompression)");
    }
}
