package dev.podsift.app;

import java.io.PrintStream;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Reports a long run on stderr: a self-rewriting status line (done/total, ETA) on a terminal, and plain log lines
 * otherwise, so piped output and CI logs stay readable. Messages (errors, summaries) always get their own line.
 * Every text given is printed through {@link TerminalText}: titles and errors come from feeds.
 */
public final class Progress {
    private final PrintStream out;
    private final boolean terminal;
    private final InstantSource clock;
    private String phase = "";
    private int total;
    private int done;
    private long startedMs;
    private boolean lineOpen;

    public Progress(PrintStream out, boolean terminal, InstantSource clock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
    }

    public static Progress forStderr(InstantSource clock) {
        return new Progress(System.err, System.console() != null && System.getenv("CI") == null, clock);
    }

    public void start(String phase, int total) {
        this.phase = TerminalText.line(phase);
        this.total = total;
        this.done = 0;
        this.startedMs = clock.millis();
        if (!terminal) {
            out.println(phase + ": " + total + " to do");
        } else {
            draw();
        }
    }

    /** One unit of the current phase finished; {@code what} names it. */
    public void step(String what) {
        what = TerminalText.line(what); // a feed's or episode's title
        done++;
        if (terminal) {
            draw();
        } else {
            out.println(phase + " " + done + "/" + total + ": " + what);
        }
    }

    /** A line that must stay visible: an error or a summary. */
    public void message(String line) {
        line = TerminalText.line(line); // quotes titles and servers' words
        if (lineOpen) {
            out.print("\r\033[2K");
            lineOpen = false;
        }
        out.println(line);
        if (terminal && done < total) {
            draw();
        }
    }

    /**
     * One long task measured in seconds of audio: on a terminal a line with percent, position, speed and ETA,
     * redrawn in place; otherwise a plain line at every tenth. {@code total} may be NaN (length unknown).
     */
    public synchronized void audio(String what, double done, double total) {
        what = TerminalText.line(what);
        if (!what.equals(phase)) {
            phase = what;
            startedMs = clock.millis();
            this.done = 0;
            this.total = 0;
        }
        double elapsed = Math.max(0.001, (clock.millis() - startedMs) / 1000.0);
        double speed = done / elapsed;
        boolean known = !Double.isNaN(total) && total > 0;
        int percent = known ? (int) Math.min(100, Math.floor(100 * done / total)) : -1;
        String line = what + (known ? " " + percent + "%" : "") + " · " + dev.podsift.asr.Transcriber.clock(done)
                + (known ? " / " + dev.podsift.asr.Transcriber.clock(total) : "") + String.format(java.util.Locale.ROOT, " · %.1f× real time",
                speed) + (known && speed > 0 && done < total
                ? " · ETA " + format(Duration.ofMillis((long) ((total - done) / speed * 1000))) : "");
        if (terminal) {
            out.print("\r\033[2K" + line);
            out.flush();
            lineOpen = true;
        } else if (known ? percent / 10 > this.done : done - this.done * 600 >= 600) {
            this.done = known ? percent / 10 : (int) (done / 600);
            out.println(line);
        }
    }

    public void finish() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }

    private void draw() {
        long elapsed = clock.millis() - startedMs;
        String eta = done == 0 || done >= total ? "" : " · ETA " + format(Duration.ofMillis(elapsed * (total - done) / done));
        out.print("\r\033[2K" + phase + " " + done + "/" + total + eta);
        out.flush();
        lineOpen = true;
    }

    private static String format(Duration d) {
        long s = Math.max(1, d.toSeconds());
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }
}
