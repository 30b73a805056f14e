package dev.podsift.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Gets the bytes behind a feed or transcript reference: an http(s) URL, a file: URI or a local path. Every read
 * has a timeout and a byte cap; failures come back as {@link FeedException} with a message naming the cause.
 * Redirects are followed here, at most 5, each hop checked by the {@link AddressPolicy} (no private addresses
 * unless the operator allows them), loops and https→http downgrades refused.
 */
public final class Fetcher {
    /** What was fetched: the body, its declared content type (or null) and where it finally came from. */
    public record Fetched(byte[] body, String contentType, String url) {
        /** The charset parameter of the content type, or null. */
        public String charset() {
            if (contentType == null) {
                return null;
            }
            for (String part : contentType.split(";")) {
                String p = part.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    return p.substring(8).replace("\"", "").trim();
                }
            }
            return null;
        }
    }

    static final int MAX_REDIRECTS = 5;
    private final HttpClient http;
    private final Duration timeout;
    private final Duration deadline;
    private final Duration downloadDeadline;
    private final long maxBytes;
    private final AddressPolicy policy;

    /**
     * @param timeout          connect timeout, and the wait for response headers
     * @param deadline         the whole of one feed or transcript request, body included
     * @param downloadDeadline the whole of one audio download
     */
    public Fetcher(Duration timeout, Duration deadline, Duration downloadDeadline, long maxBytes,
                   AddressPolicy policy) {
        this.timeout = timeout;
        this.deadline = deadline;
        this.downloadDeadline = downloadDeadline;
        this.maxBytes = maxBytes;
        this.policy = policy;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Sends a GET to {@code url} and follows redirects itself: every hop is checked by the address policy, at most
     * {@link #MAX_REDIRECTS}, no loops, no step down from https to http. Returns the final response.
     */
    private HttpResponse<InputStream> open(String url, boolean gzip) throws FeedException, IOException,
            InterruptedException {
        return open(url, gzip, java.util.Map.of()).response();
    }

    /** A response and, when every redirect on the way was permanent (301/308), the URL they moved the feed to. */
    private record Opened(HttpResponse<InputStream> response, URI movedTo) {
    }

    private Opened open(String url, boolean gzip, java.util.Map<String, String> headers) throws FeedException,
            IOException, InterruptedException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new FeedException("invalid URL '" + url + "': " + e.getMessage());
        }
        java.util.Set<URI> seen = new java.util.HashSet<>();
        URI movedTo = null;
        boolean permanent = true;
        for (int hop = 0; ; hop++) {
            policy.check(uri);
            if (!seen.add(uri)) {
                throw new FeedException("redirect loop: " + url + " leads back to " + uri);
            }
            HttpRequest.Builder b;
            try {
                b = HttpRequest.newBuilder(uri).timeout(timeout)
                        .header("User-Agent", "Podsift/0.1 (+podcast insight digest)").GET();
            } catch (IllegalArgumentException e) {
                throw new FeedException("invalid URL '" + uri + "': " + e.getMessage());
            }
            if (gzip) {
                b.header("Accept-Encoding", "gzip");
            }
            headers.forEach(b::header);
            HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = r.statusCode();
            var location = r.headers().firstValue("Location");
            if ((status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                    && location.isPresent()) {
                r.body().close();
                if (hop >= MAX_REDIRECTS) {
                    throw new FeedException("more than " + MAX_REDIRECTS + " redirects from " + url);
                }
                URI next;
                try {
                    next = uri.resolve(location.get().trim());
                } catch (IllegalArgumentException e) {
                    throw new FeedException(uri + " redirects to an invalid URL '" + location.get() + "'");
                }
                if ("https".equalsIgnoreCase(uri.getScheme()) && "http".equalsIgnoreCase(next.getScheme())) {
                    throw new FeedException(uri + " redirects from https down to http (" + next + "): refused");
                }
                // 301/308 move the feed for good (the stored URL follows); 302/303/307 are for this request only
                permanent = permanent && (status == 301 || status == 308);
                movedTo = permanent ? next : movedTo;
                uri = next;
                continue;
            }
            return new Opened(r, permanent ? movedTo : null);
        }
    }

    /** Checks a URL against the address policy without fetching it (a feed's announced new address). */
    public void check(String url) throws FeedException {
        try {
            policy.check(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw new FeedException("invalid URL '" + url + "': " + e.getMessage());
        }
    }

    /** True when {@code ref} names a local file rather than a network resource. */
    public static boolean isLocal(String ref) {
        return !(ref.startsWith("http://") || ref.startsWith("https://"));
    }

    public Fetched fetch(String ref) throws FeedException {
        if (ref.startsWith("http://") || ref.startsWith("https://")) {
            return fetchHttp(ref);
        }
        Path path;
        try {
            path = ref.startsWith("file:") ? Path.of(URI.create(ref)) : Path.of(ref);
        } catch (IllegalArgumentException e) {
            throw new FeedException("'" + ref + "' is neither an http(s) URL nor a readable file path");
        }
        try {
            long size = Files.size(path);
            if (size > maxBytes) {
                throw new FeedException("file is " + size + " bytes, over the limit of " + maxBytes
                        + " (PODSIFT_MAX_DOWNLOAD_BYTES)");
            }
            return new Fetched(Files.readAllBytes(path), null, path.toAbsolutePath().toUri().toString());
        } catch (NoSuchFileException e) {
            throw new FeedException("no such file: " + path);
        } catch (IOException e) {
            throw new FeedException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private Fetched fetchHttp(String url) throws FeedException {
        return network(url, () -> body(open(url, true), url));
    }

    /** Network work on {@code url} whose failures become one clear {@link FeedException}. */
    @FunctionalInterface
    private interface NetworkWork<T> {
        T run() throws FeedException, IOException, InterruptedException;
    }

    private <T> T network(String url, NetworkWork<T> work) throws FeedException {
        try {
            return work.run();
        } catch (HttpTimeoutException e) {
            throw new FeedException("timed out after " + timeout.toSeconds() + " s fetching " + url
                    + " (PODSIFT_HTTP_TIMEOUT_SECONDS)");
        } catch (IOException e) {
            throw new FeedException("cannot fetch " + url + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedException("interrupted while fetching " + url);
        }
    }

    /** Reads a response's body under the deadline and the byte cap (after decompression); 4xx/5xx are errors. */
    private Fetched body(HttpResponse<InputStream> response, String url) throws FeedException, IOException {
        try (InputStream raw = response.body(); Deadline d = new Deadline(raw, deadline)) {
            int status = response.statusCode();
            if (status >= 400) {
                throw new FeedException("HTTP " + status + (status == 404 ? " Not Found" : "") + " from " + url);
            }
            boolean gzip = response.headers().firstValue("Content-Encoding").orElse("").contains("gzip");
            byte[] body;
            try {
                body = readCapped(gzip ? new GZIPInputStream(raw) : raw, url);
            } catch (IOException e) {
                if (d.expired()) {
                    throw d.error(url, "PODSIFT_HTTP_DEADLINE_SECONDS");
                }
                throw e;
            }
            if (d.expired()) {
                throw d.error(url, "PODSIFT_HTTP_DEADLINE_SECONDS");
            }
            return new Fetched(body, response.headers().firstValue("Content-Type").orElse(null),
                    response.uri().toString());
        }
    }

    /** The validators of the last good response (either may be null). */
    public record Validators(String etag, String lastModified) {
        public static final Validators NONE = new Validators(null, null);
    }

    /**
     * One conditional poll: {@code fetched} is null when the server said 304 Not Modified. {@code movedTo} is the
     * feed's new address when it answered through permanent redirects; {@code maxAge} is Cache-Control's (or null).
     */
    public record Polled(Fetched fetched, Validators validators, URI movedTo, Duration maxAge) {
        public boolean notModified() {
            return fetched == null;
        }
    }

    /** The server asked us to come back later (429 or 503), {@code retryAfter} from its header, or null. */
    public static final class Throttled extends FeedException {
        private final transient Duration retryAfter;

        Throttled(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /**
     * Polls a feed URL politely: sends If-None-Match / If-Modified-Since from the last good response, reports 304,
     * permanent moves, Cache-Control max-age and Retry-After (as {@link Throttled}).
     */
    public Polled poll(String url, Validators last) throws FeedException {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (last.etag() != null) {
            headers.put("If-None-Match", last.etag());
        }
        if (last.lastModified() != null) {
            headers.put("If-Modified-Since", last.lastModified());
        }
        return network(url, () -> {
            Opened opened = open(url, true, headers);
            HttpResponse<InputStream> response = opened.response();
            var h = response.headers();
            Validators validators = new Validators(h.firstValue("ETag").orElse(null),
                    h.firstValue("Last-Modified").orElse(null));
            Duration maxAge = maxAge(h.firstValue("Cache-Control").orElse(""));
            int status = response.statusCode();
            if (status == 304) {
                response.body().close();
                return new Polled(null, last, opened.movedTo(), maxAge);
            }
            if (status == 429 || status == 503) {
                response.body().close();
                Duration after = retryAfter(h.firstValue("Retry-After").orElse(null));
                throw new Throttled("HTTP " + status + " from " + url + ": the server asks us to wait"
                        + (after == null ? "" : " " + after.toMinutes() + " min"), after);
            }
            return new Polled(body(response, url), validators, opened.movedTo(), maxAge);
        });
    }

    /** Cache-Control's max-age (s-maxage wins), or null; no-cache/no-store give zero. */
    static Duration maxAge(String cacheControl) {
        Duration out = null;
        for (String part : cacheControl.toLowerCase(Locale.ROOT).split(",")) {
            String p = part.strip();
            if (p.equals("no-cache") || p.equals("no-store")) {
                return Duration.ZERO;
            }
            if (p.startsWith("max-age=") || p.startsWith("s-maxage=")) {
                try {
                    Duration d = Duration.ofSeconds(Long.parseLong(p.substring(p.indexOf('=') + 1).replace("\"", "")));
                    out = p.startsWith("s-maxage=") || out == null ? d : out;
                } catch (NumberFormatException ignored) {
                    // a malformed directive is ignored
                }
            }
        }
        return out;
    }

    /** Retry-After as seconds or an HTTP date, or null. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            try {
                java.time.ZonedDateTime t = java.time.ZonedDateTime.parse(value.strip(),
                        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
                return Duration.between(java.time.Instant.now(), t.toInstant()).isNegative() ? Duration.ZERO
                        : Duration.between(java.time.Instant.now(), t.toInstant());
            } catch (java.time.format.DateTimeParseException ignored) {
                return null;
            }
        }
    }

    /** A downloaded file: where it is, the server's content type (or null), and its size. */
    public record Download(Path file, String contentType, long bytes, boolean temporary) {
    }

    /**
     * Gets a large file (audio) without holding it in memory: a local path is used where it is; a URL is streamed
     * into {@code dir} under a temporary name and renamed to {@code name} only when complete. A body cut short of
     * its Content-Length, one over {@code maxBytes}, or a web page where audio was expected is an error, and the
     * partial file is removed.
     */
    public Download download(String ref, Path dir, String name, long maxBytes) throws FeedException {
        if (isLocal(ref)) {
            Path path;
            try {
                path = ref.startsWith("file:") ? Path.of(URI.create(ref)) : Path.of(ref);
            } catch (IllegalArgumentException e) {
                throw new FeedException("'" + ref + "' is neither an http(s) URL nor a readable file path");
            }
            if (!Files.isRegularFile(path)) {
                throw new FeedException("no such file: " + path);
            }
            try {
                long size = Files.size(path);
                if (size > maxBytes) {
                    throw new FeedException("file is " + size + " bytes, over the limit of " + maxBytes
                            + " (PODSIFT_MAX_AUDIO_BYTES)");
                }
                return new Download(path, null, size, false);
            } catch (IOException e) {
                throw new FeedException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        Path part = null;
        try {
            Files.createDirectories(dir);
            part = Files.createTempFile(dir, ".download-", ".part");
            HttpResponse<InputStream> response = open(ref, false);
            String type = response.headers().firstValue("Content-Type").orElse(null);
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            long total = 0;
            Deadline d = null;
            try (InputStream in = response.body(); var out = Files.newOutputStream(part)) {
                d = new Deadline(in, downloadDeadline);
                if (response.statusCode() >= 400) {
                    throw new FeedException("HTTP " + response.statusCode() + " from " + ref);
                }
                if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html")) {
                    throw new FeedException(ref + " is a web page (text/html), not audio");
                }
                if (declared > maxBytes) {
                    throw new FeedException(ref + " is " + declared + " bytes, over the limit of " + maxBytes
                            + " (PODSIFT_MAX_AUDIO_BYTES)");
                }
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = in.read(buf)) > 0; ) {
                    if (total == 0 && looksLikeHtml(buf, n)) {
                        throw new FeedException(ref + " is a web page, not audio");
                    }
                    total += n;
                    if (total > maxBytes) {
                        throw new FeedException(ref + " is larger than the limit of " + maxBytes
                                + " bytes (PODSIFT_MAX_AUDIO_BYTES)");
                    }
                    out.write(buf, 0, n);
                }
                if (d.expired()) {
                    throw d.error(ref, "PODSIFT_AUDIO_DEADLINE_MINUTES");
                }
            } catch (IOException e) {
                if (d != null && d.expired()) {
                    throw d.error(ref, "PODSIFT_AUDIO_DEADLINE_MINUTES");
                }
                throw new FeedException("the download of " + ref + " was cut off after " + total + " bytes"
                        + (declared > 0 ? " of " + declared : "") + ": " + e.getMessage(), e);
            } finally {
                if (d != null) {
                    d.close();
                }
            }
            if (declared >= 0 && total != declared) {
                throw new FeedException("the download of " + ref + " was cut off after " + total + " of " + declared
                        + " bytes");
            }
            Path target = dir.resolve(name);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            part = null;
            return new Download(target, type, total, true);
        } catch (HttpTimeoutException e) {
            throw new FeedException("timed out after " + timeout.toSeconds() + " s fetching " + ref
                    + " (PODSIFT_HTTP_TIMEOUT_SECONDS)");
        } catch (IOException e) {
            throw new FeedException("cannot download " + ref + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedException("interrupted while downloading " + ref);
        } finally {
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
     * Closes a response body when its whole request runs past a deadline, so a server that drips a byte a second
     * (or sends headers and then nothing) cannot hold a run: the read fails, and {@link #error} says why.
     */
    private static final class Deadline implements AutoCloseable {
        private static final java.util.concurrent.ScheduledExecutorService TIMER =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "fetch-deadline");
                    t.setDaemon(true);
                    return t;
                });
        private final java.util.concurrent.atomic.AtomicBoolean expired =
                new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.ScheduledFuture<?> task;
        private final Duration limit;

        Deadline(InputStream body, Duration limit) {
            this.limit = limit;
            this.task = TIMER.schedule(() -> {
                expired.set(true);
                try {
                    body.close();
                } catch (IOException ignored) {
                    // closing is the point; the reader reports it
                }
            }, limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        boolean expired() {
            return expired.get();
        }

        FeedException error(String url, String setting) {
            long s = limit.toSeconds();
            return new FeedException(url + " took longer than the whole-request limit of "
                    + (s >= 120 ? s / 60 + " min" : s + " s") + " (" + setting + ")");
        }

        @Override
        public void close() {
            task.cancel(false);
        }
    }

    private static boolean looksLikeHtml(byte[] buf, int n) {
        String head = new String(buf, 0, Math.min(n, 256), java.nio.charset.StandardCharsets.ISO_8859_1)
                .stripLeading().toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head")
                || head.startsWith("<body");
    }

    private byte[] readCapped(InputStream in, String url) throws IOException, FeedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > maxBytes) {
                throw new FeedException(url + " is larger than the limit of " + maxBytes
                        + " bytes (PODSIFT_MAX_DOWNLOAD_BYTES)");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
