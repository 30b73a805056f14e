package dev.podsift.asr;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes any audio file to 16 kHz mono 16-bit PCM, streamed, by running ffmpeg as a child process: a corrupt or
 * hostile file can crash ffmpeg, never Podsift. The binary comes from Maven (a static linux x86-64 build shipped in
 * {@code ws.schild:jave-nativebin-linux64}) and is copied once into {@code PODSIFT_DATA/bin}; elsewhere the user
 * names one with {@code PODSIFT_FFMPEG} or puts {@code ffmpeg} on the PATH.
 *
 * <p>Inputs are local files only (downloads are ours), read with the file protocol alone and only by audio
 * demuxers, so a playlist or concat file posing as audio cannot make ffmpeg open other files or URLs.
 */
public final class Ffmpeg {
    /** PCM bytes per second of the output: 16,000 samples × 2 bytes. */
    public static final int BYTES_PER_SECOND = 32_000;
    public static final int SAMPLE_RATE = 16_000;
    private static final String BUNDLED = "ws/schild/jave/nativebin/ffmpeg-amd64";
    private static final String AUDIO_DEMUXERS = "mp3,mov,ogg,flac,wav,aac,matroska,w64,aiff,caf,s16le";
    private static final Pattern DURATION = Pattern.compile("Duration: (\\d+):(\\d\\d):(\\d\\d(?:\\.\\d+)?)");

    private final Path binary;

    public Ffmpeg(Path binary) {
        this.binary = binary;
    }

    /** The ffmpeg to use: {@code configured} if given, else the bundled build (copied to dataDir/bin), else PATH. */
    public static Ffmpeg locate(String configured, Path dataDir) throws AsrException {
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isExecutable(p)) {
                throw new AsrException("PODSIFT_FFMPEG '" + configured + "' is not an executable file");
            }
            return new Ffmpeg(p);
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        var resource = Ffmpeg.class.getClassLoader().getResource(BUNDLED);
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64")) && resource != null) {
            return new Ffmpeg(unpack(dataDir.resolve("bin")));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "ffmpeg");
            if (Files.isExecutable(p)) {
                return new Ffmpeg(p);
            }
        }
        throw new AsrException("no ffmpeg for " + os + "/" + arch + ": install ffmpeg or set PODSIFT_FFMPEG to one");
    }

    private static synchronized Path unpack(Path binDir) throws AsrException {
        try (InputStream in = Ffmpeg.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new AsrException("the bundled ffmpeg is missing from the class path");
            }
            Path target = binDir.resolve("ffmpeg-4.4.1-amd64");
            if (Files.isExecutable(target)) {
                return target;
            }
            Files.createDirectories(binDir);
            Path tmp = Files.createTempFile(binDir, "ffmpeg", ".part");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            if (!tmp.toFile().setExecutable(true)) {
                throw new AsrException("cannot make " + tmp + " executable");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new AsrException("cannot unpack the bundled ffmpeg into " + binDir + ": " + e.getMessage(), e);
        }
    }

    public Path binary() {
        return binary;
    }

    /** Starts decoding {@code audio}; read the PCM from the stream, then call {@link Pcm#finish()}. */
    public Pcm decode(Path audio) throws AsrException {
        if (!Files.isRegularFile(audio)) {
            throw new AsrException("no such audio file: " + audio);
        }
        List<String> cmd = List.of(binary.toString(), "-nostdin", "-hide_banner", "-nostats",
                "-protocol_whitelist", "file,pipe", "-format_whitelist", AUDIO_DEMUXERS,
                "-i", audio.toAbsolutePath().toString(), "-vn", "-sn", "-dn",
                "-f", "s16le", "-acodec", "pcm_s16le", "-ac", "1", "-ar", String.valueOf(SAMPLE_RATE), "pipe:1");
        try {
            return new Pcm(new ProcessBuilder(cmd).start(), audio);
        } catch (IOException e) {
            throw new AsrException("cannot run ffmpeg (" + binary + "): " + e.getMessage(), e);
        }
    }

    /** Runs ffmpeg with {@code args} to completion (encoding test audio, for instance); fails with its message. */
    public void run(List<String> args) throws AsrException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "-nostdin", "-hide_banner", "-loglevel", "error",
                "-y"));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new AsrException("ffmpeg failed: " + out.strip());
            }
        } catch (IOException e) {
            throw new AsrException("cannot run ffmpeg: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsrException("interrupted while running ffmpeg");
        }
    }

    /** A running decode: PCM on {@link #stream()}, the container's stated duration, and the exit check. */
    public static final class Pcm implements AutoCloseable {
        private final Process process;
        private final Path audio;
        private final InputStream stream;
        private final Deque<String> lastLines = new ArrayDeque<>();
        private final CountDownLatch headerRead = new CountDownLatch(1);
        private final Thread stderrReader;
        private volatile double declaredSeconds = Double.NaN;

        Pcm(Process process, Path audio) {
            this.process = process;
            this.audio = audio;
            this.stream = new BufferedInputStream(process.getInputStream(), 1 << 16);
            this.stderrReader = new Thread(this::readStderr, "ffmpeg-stderr");
            stderrReader.setDaemon(true);
            stderrReader.start();
        }

        public InputStream stream() {
            return stream;
        }

        /** How long the file says it is, in seconds, or NaN when it does not say. */
        public double declaredSeconds() {
            try {
                headerRead.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return declaredSeconds;
        }

        /** Waits for ffmpeg to end; a non-zero exit becomes an error carrying ffmpeg's own last words. */
        public void finish() throws AsrException {
            try {
                int rc = process.waitFor();
                stderrReader.join(5000);
                if (rc != 0) {
                    throw new AsrException("cannot decode " + audio.getFileName() + " as audio: " + reason());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AsrException("interrupted while decoding " + audio.getFileName());
            }
        }

        private String reason() {
            synchronized (lastLines) {
                for (var it = lastLines.descendingIterator(); it.hasNext(); ) {
                    String line = it.next();
                    if (!line.isBlank() && !line.startsWith(" ") && !line.startsWith("Conversion failed")) {
                        // "/path/to/file.mp3: Invalid data found when processing input" → drop the path
                        String p = audio.toAbsolutePath().toString();
                        return line.startsWith(p) ? line.substring(p.length()).replaceFirst("^: *", "") : line;
                    }
                }
            }
            return "ffmpeg gave no reason";
        }

        private void readStderr() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (Double.isNaN(declaredSeconds) && headerRead.getCount() > 0) {
                        Matcher m = DURATION.matcher(line);
                        if (m.find()) {
                            declaredSeconds = Integer.parseInt(m.group(1)) * 3600 + Integer.parseInt(m.group(2)) * 60
                                    + Double.parseDouble(m.group(3));
                        }
                    }
                    if (line.startsWith("Output #0") || line.startsWith("Stream mapping")) {
                        headerRead.countDown();
                    }
                    synchronized (lastLines) {
                        lastLines.addLast(line);
                        if (lastLines.size() > 30) {
                            lastLines.removeFirst();
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process went away; finish() reports its exit code
            } finally {
                headerRead.countDown();
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                stream.close();
            } catch (IOException ignored) {
                // closing a dead pipe
            }
        }
    }
}
