package dev.podsift.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Downloads audio for speech recognition through the {@link Fetcher}'s checked requests, streaming it to a temporary
 * file that is renamed only when complete; a web page where audio was expected, a body cut short of its
 * Content-Length, one over the cap or a full disk is an error, and the partial file is removed.
 */
final class AudioDownloader {
    private final Fetcher fetcher;
    private final Duration deadline;

    AudioDownloader(Fetcher fetcher, Duration deadline) {
        this.fetcher = fetcher;
        this.deadline = deadline;
    }

    Fetcher.Download download(String ref, Path dir, String name, long maxBytes) throws FeedException {
        Address address = Address.of(ref);
        if (address.isLocal()) {
            Path path = address.path();
            if (!Files.isRegularFile(path)) {
                throw new FeedException("no such file: " + path);
            }
            try {
                long size = Files.size(path);
                if (size > maxBytes) {
                    throw new FeedException("file is " + size + " bytes, over the limit of " + maxBytes
                            + " (PODSIFT_MAX_AUDIO_BYTES)");
                }
                return new Fetcher.Download(path, null, size, false);
            } catch (IOException e) {
                throw new FeedException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        Path part = null;
        HttpTransport.Response response = null;
        try {
            Files.createDirectories(dir);
            part = Files.createTempFile(dir, ".download-", ".part");
            response = fetcher.open(ref, false, Map.of()).response();
            long total = save(response, ref, part, maxBytes);
            Path target = dir.resolve(name);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            part = null;
            return new Fetcher.Download(target, response.header("Content-Type"), total, true);
        } catch (IOException e) {
            throw fetcher.networkError(e, "download", ref);
        } finally {
            if (response != null) {
                response.close();
            }
            if (part != null) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException ignored) {
                    // a stray .part file is harmless and named as such
                }
            }
        }
    }

    /**
     * Streams an audio response into {@code part} under the download deadline and {@code maxBytes}; a web page, an
     * error status or a body short of its Content-Length is an error. A failed write (a full disk) says so.
     */
    private long save(HttpTransport.Response response, String ref, Path part, long maxBytes) throws FeedException,
            IOException {
        String type = response.header("Content-Type");
        long declared = response.contentLength();
        if (response.status() >= 400) {
            throw Fetcher.httpError(response.status(), ref);
        }
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html")) {
            throw new FeedException(ref + " is a web page (text/html), not audio");
        }
        if (declared > maxBytes) {
            throw new FeedException(ref + " is " + declared + " bytes, over the limit of " + maxBytes
                    + " (PODSIFT_MAX_AUDIO_BYTES)");
        }
        long total = 0;
        try (Deadline d = new Deadline(response::abort, deadline);
             InputStream in = response.body(); var out = Files.newOutputStream(part)) {
            byte[] buf = new byte[64 * 1024];
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    if (d.expired()) {
                        throw d.error(ref, "PODSIFT_AUDIO_DEADLINE_MINUTES");
                    }
                    throw FeedException.temporary("the download of " + ref + " was cut off after " + total
                            + " bytes" + (declared > 0 ? " of " + declared : "") + ": " + e.getMessage(), e);
                }
                if (n < 0) {
                    break;
                }
                if (total == 0 && looksLikeHtml(buf, n)) {
                    throw new FeedException(ref + " is a web page, not audio");
                }
                total += n;
                if (total > maxBytes) {
                    throw new FeedException(ref + " is larger than the limit of " + maxBytes
                            + " bytes (PODSIFT_MAX_AUDIO_BYTES)");
                }
                try {
                    out.write(buf, 0, n);
                } catch (IOException e) {
                    throw FeedException.temporary("cannot save the download of " + ref + " in " + part.getParent()
                            + ": " + e.getMessage() + " (is the disk full?)", e);
                }
            }
            if (d.expired()) {
                throw d.error(ref, "PODSIFT_AUDIO_DEADLINE_MINUTES");
            }
        }
        if (declared >= 0 && total != declared) {
            throw FeedException.temporary("the download of " + ref + " was cut off after " + total + " of "
                    + declared + " bytes", null);
        }
        return total;
    }

    private static boolean looksLikeHtml(byte[] buf, int n) {
        String head = new String(buf, 0, Math.min(n, 256), java.nio.charset.StandardCharsets.ISO_8859_1)
                .stripLeading().toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head")
                || head.startsWith("<body");
    }
}
