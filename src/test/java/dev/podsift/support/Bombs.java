package dev.podsift.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Compression bombs made in the tests and benchmarks: small on the wire, huge when inflated. */
public final class Bombs {
    private Bombs() {
    }

    /** {@code zeros} bytes of zeros as gzip: one 16 MiB member compressed once and repeated (a valid stream). */
    public static byte[] gzip(long zeros) throws IOException {
        int chunk = 16 << 20;
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(one) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            z.write(new byte[chunk]);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (long n = 0; n < zeros; n += chunk) {
            one.writeTo(all);
        }
        return all.toByteArray();
    }

    /** {@code zeros} bytes of zeros as a zlib ("deflate") stream. */
    public static byte[] deflate(long zeros) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] block = new byte[1 << 20];
        try (OutputStream z = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION))) {
            for (long n = 0; n < zeros; n += block.length) {
                z.write(block);
            }
        }
        return out.toByteArray();
    }
}
