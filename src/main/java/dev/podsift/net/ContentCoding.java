package dev.podsift.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Undoes an HTTP Content-Encoding (gzip, deflate, br, and stacks of them) as a stream, so the caller's byte cap
 * counts decompressed bytes and a compression bomb stops at the cap with bounded memory.
 */
final class ContentCoding {
    /** What we ask servers for. */
    static final String ACCEPTED = "gzip, deflate, br";
    private static final int MAX_LAYERS = 3;

    private ContentCoding() {
    }

    /** True when {@code contentEncoding} (a header value, or null) applies no coding at all. */
    static boolean none(String contentEncoding) {
        return codings(contentEncoding).isEmpty();
    }

    private static List<String> codings(String contentEncoding) {
        List<String> codings = new ArrayList<>();
        if (contentEncoding != null) {
            for (String c : contentEncoding.split(",")) {
                String coding = c.trim().toLowerCase(Locale.ROOT);
                if (!coding.isEmpty() && !coding.equals("identity")) {
                    codings.add(coding);
                }
            }
        }
        return codings;
    }

    /** {@code raw} decoded as {@code contentEncoding} says (null or identity: as is); unknown codings are errors. */
    static InputStream decode(InputStream raw, String contentEncoding) throws IOException, FeedException {
        List<String> codings = codings(contentEncoding);
        if (codings.size() > MAX_LAYERS) {
            throw new FeedException("the server compressed the body " + codings.size() + " times over ("
                    + contentEncoding + "): refused");
        }
        InputStream in = raw;
        // codings are listed in the order they were applied; undo the last first
        for (int i = codings.size() - 1; i >= 0; i--) {
            in = layer(in, codings.get(i));
        }
        return in;
    }

    private static InputStream layer(InputStream in, String coding) throws IOException, FeedException {
        switch (coding) {
            case "gzip", "x-gzip":
                return new GZIPInputStream(in, 64 * 1024);
            case "br":
                return new BrotliInputStream(in);
            case "deflate":
                return deflate(in);
            default:
                throw new FeedException("the server sent the body in an encoding Podsift does not read ("
                        + "Content-Encoding: " + coding + ")");
        }
    }

    /** "deflate" is meant to be zlib-wrapped, but some servers send raw deflate: the first two bytes tell. */
    private static InputStream deflate(InputStream in) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 2);
        int b0 = p.read();
        int b1 = b0 < 0 ? -1 : p.read();
        if (b1 >= 0) {
            p.unread(b1);
        }
        if (b0 >= 0) {
            p.unread(b0);
        }
        boolean zlib = b0 >= 0 && b1 >= 0 && (b0 & 0x0f) == 8 && ((b0 << 8) | b1) % 31 == 0;
        Inflater inflater = new Inflater(!zlib);
        return new InflaterInputStream(p, inflater, 64 * 1024) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    inflater.end(); // an Inflater we made is not ended by the stream
                }
            }
        };
    }
}
