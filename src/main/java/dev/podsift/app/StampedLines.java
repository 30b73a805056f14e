package dev.podsift.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A log whose every line starts with the moment it was written (UTC, to the second), so an operator can tell when
 * a feed failed or a digest left: {@code 2026-12-02T07:00:03Z deliver: …}.
 */
public final class StampedLines extends OutputStream {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z' ")
            .withZone(ZoneOffset.UTC);
    private final OutputStream out;
    private final InstantSource clock;
    private boolean lineStart = true;

    private StampedLines(OutputStream out, InstantSource clock) {
        this.out = out;
        this.clock = clock;
    }

    /** {@code out} with every line stamped by {@code clock}. */
    public static PrintStream of(OutputStream out, InstantSource clock) {
        return new PrintStream(new StampedLines(out, clock), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (lineStart) {
            out.write(STAMP.format(clock.instant()).getBytes(StandardCharsets.US_ASCII));
            lineStart = false;
        }
        out.write(b);
        if (b == '\n') {
            lineStart = true;
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (lineStart) {
                out.write(STAMP.format(clock.instant()).getBytes(StandardCharsets.US_ASCII));
                lineStart = false;
            }
            if (b[i] == '\n') {
                out.write(b, start, i + 1 - start);
                start = i + 1;
                lineStart = true;
            }
        }
        if (start < off + len) {
            out.write(b, start, off + len - start);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
