package dev.podsift.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Gets the bytes behind a feed, transcript or OPML reference (an http(s) URL, a file: URI or a local path) and
 * downloads audio. Every read has a connect and idle timeout, a whole-request deadline and a byte cap for its
 * {@link Kind}, counted after decompression; failures come back as {@link FeedException} naming the cause and the
 * setting. Redirects are followed here, each hop checked by {@link Redirects} (at most 5, no private addresses
 * unless the operator allows them, loops and https→http downgrades refused); {@link HttpTransport} connects only to
 * addresses the policy approved.
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

    /** What is being fetched: each kind has its own size cap, named by its setting when hit. */
    public enum Kind {
        FEED("PODSIFT_MAX_DOWNLOAD_BYTES"),
        TRANSCRIPT("PODSIFT_MAX_TRANSCRIPT_BYTES"),
        OPML("PODSIFT_MAX_OPML_BYTES");

        final String setting;

        Kind(String setting) {
            this.setting = setting;
        }
    }

    /** The largest feed, transcript or OPML cap: each is read whole into one array. */
    public static final long MAX_IN_MEMORY_BYTES = CappedBody.MAX_ARRAY;
    private final HttpTransport http;
    private final Duration timeout;
    private final Duration deadline;
    private final Map<Kind, Long> maxBytes;
    private final AddressPolicy policy;
    private final AudioDownloader downloader;

    /** Every kind capped at {@code maxBytes}. */
    public Fetcher(Duration timeout, Duration deadline, Duration downloadDeadline, long maxBytes,
                   AddressPolicy policy) {
        this(timeout, deadline, downloadDeadline, Map.of(Kind.FEED, maxBytes, Kind.TRANSCRIPT, maxBytes,
                Kind.OPML, maxBytes), policy);
    }

    /**
     * @param timeout          connect timeout, the wait for response headers, and the longest silence in a body
     * @param deadline         the whole of one feed, transcript or OPML request, body included
     * @param downloadDeadline the whole of one audio download
     * @param maxBytes         the size cap of each kind (decompressed)
     */
    public Fetcher(Duration timeout, Duration deadline, Duration downloadDeadline, Map<Kind, Long> maxBytes,
                   AddressPolicy policy) {
        this.timeout = timeout;
        this.deadline = deadline;
        this.maxBytes = new EnumMap<>(maxBytes);
        maxBytes.forEach((kind, cap) -> {
            if (cap > MAX_IN_MEMORY_BYTES) { // read into one array: Config refuses such a setting at start-up
                throw new IllegalArgumentException(kind.setting + " is " + cap + " bytes, more than a body read "
                        + "into memory may have (" + MAX_IN_MEMORY_BYTES + ")");
            }
        });
        this.policy = policy;
        this.http = new HttpTransport(timeout, policy);
        this.downloader = new AudioDownloader(this, downloadDeadline);
    }

    /** A response and, when every redirect on the way was permanent (301/308), the URL they moved the feed to. */
    record Opened(HttpTransport.Response response, URI movedTo) {
    }

    /**
     * Sends a GET to {@code url} and follows redirects itself, each hop checked by {@link Redirects}. Returns the
     * final response.
     */
    Opened open(String url, boolean compressed, Map<String, String> headers) throws FeedException,
            IOException {
        URI uri = Address.remote(url).url();
        Redirects redirects = new Redirects(url, policy);
        while (true) {
            redirects.check(uri);
            Map<String, String> h = new java.util.LinkedHashMap<>(headers);
            h.put("Accept-Encoding", compressed ? ContentCoding.ACCEPTED : "identity");
            HttpTransport.Response r;
            try {
                r = http.get(uri, h);
            } catch (IllegalArgumentException e) {
                throw new FeedException("invalid URL '" + uri + "': " + e.getMessage());
            }
            int status = r.status();
            String location = r.header("Location");
            if (!Redirects.isRedirect(status, location)) {
                return new Opened(r, redirects.movedTo());
            }
            r.close();
            uri = redirects.next(uri, status, location);
        }
    }

    /** Checks a URL against the address policy without fetching it (a feed's announced new address). */
    public void check(String url) throws FeedException {
        policy.check(Address.remote(url).url());
    }

    /** True when {@code ref} names a local file rather than a network resource (see {@link Address}). */
    public static boolean isLocal(String ref) {
        return !Address.isNetwork(ref);
    }

    /** A feed (or another small document capped like one, such as a search answer). */
    public Fetched fetch(String ref) throws FeedException {
        return fetch(ref, Kind.FEED);
    }

    /** The bytes behind {@code ref}, capped for {@code kind}. */
    public Fetched fetch(String ref, Kind kind) throws FeedException {
        long cap = maxBytes.get(kind);
        Address address = Address.of(ref);
        if (!address.isLocal()) {
            String url = address.toString();
            return network(url, () -> {
                try (HttpTransport.Response r = open(url, true, Map.of()).response()) {
                    return body(r, url, kind);
                }
            });
        }
        Path path = address.path();
        try {
            long size = Files.size(path);
            if (size > cap) {
                throw new FeedException("file is " + size + " bytes, over the limit of " + cap + " (" + kind.setting
                        + ")");
            }
            return new Fetched(Files.readAllBytes(path), null, path.toAbsolutePath().toUri().toString());
        } catch (NoSuchFileException e) {
            throw new FeedException("no such file: " + path);
        } catch (IOException e) {
            throw new FeedException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Network work on {@code url} whose failures become one clear {@link FeedException}. */
    @FunctionalInterface
    private interface NetworkWork<T> {
        T run() throws FeedException, IOException;
    }

    private <T> T network(String url, NetworkWork<T> work) throws FeedException {
        try {
            return work.run();
        } catch (IOException e) {
            throw networkError(e, "fetch", url);
        }
    }

    /** An error status: 5xx and 429 are the server's passing trouble (temporary); the rest are not. */
    static FeedException httpError(int status, String url) {
        String m = "HTTP " + status + (status == 404 ? " Not Found" : "") + " from " + url;
        return status >= 500 || status == 429 ? FeedException.temporary(m, null) : new FeedException(m);
    }

    /** One clear message for a failure below HTTP: refused address, timeout, reset, cut-off body. */
    FeedException networkError(IOException e, String verb, String url) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTransport.Refused refused) {
                return refused.reason;
            }
        }
        // everything below may pass by itself: the episode that needed it is tried again later
        if (e instanceof javax.net.ssl.SSLException) {
            String m = String.valueOf(e.getMessage());
            String why = m.contains("PKIX") || m.contains("certification path")
                    ? "the server's certificate is not trusted (self-signed, expired or from an unknown authority)"
                    : m.contains("subject alternative") || m.contains("No name matching")
                    ? "the server's certificate is for another name" : "the TLS handshake failed";
            return FeedException.temporary("cannot " + verb + " " + url + ": " + why + " (" + m + ")", e);
        }
        if (e instanceof java.io.InterruptedIOException) { // socket, connect and response timeouts
            return FeedException.temporary("timed out after " + timeout.toSeconds() + " s fetching " + url
                    + " (PODSIFT_HTTP_TIMEOUT_SECONDS)", e);
        }
        if (e instanceof UnknownHostException) {
            return FeedException.temporary("unknown host in " + url, e);
        }
        if (e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException
                && e.getMessage() != null && e.getMessage().contains("ZLIB")) {
            return FeedException.temporary("cannot " + verb + " " + url + ": the server's compressed body is corrupt ("
                    + e.getMessage() + ")", e);
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return FeedException.temporary("cannot " + verb + " " + url + ": " + m, e);
    }

    /** Reads a response's body under the deadline and the byte cap (after decompression); 4xx/5xx are errors. */
    private Fetched body(HttpTransport.Response response, String url, Kind kind) throws FeedException, IOException {
        int status = response.status();
        if (status >= 400) {
            throw httpError(status, url);
        }
        try (Deadline d = new Deadline(response::abort, deadline)) {
            byte[] body;
            String coding = response.header("Content-Encoding");
            try (InputStream in = ContentCoding.decode(response.body(), coding)) {
                // a Content-Length sizes the body only when it is the body's own length (no compression on top)
                body = readCapped(in, url, kind, ContentCoding.none(coding) ? response.contentLength() : -1);
            } catch (IOException e) {
                if (d.expired()) {
                    throw d.error(url, "PODSIFT_HTTP_DEADLINE_SECONDS");
                }
                throw e;
            }
            if (d.expired()) {
                throw d.error(url, "PODSIFT_HTTP_DEADLINE_SECONDS");
            }
            return new Fetched(body, response.header("Content-Type"), response.uri().toString());
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
            super(message, null, true);
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
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (last.etag() != null) {
            headers.put("If-None-Match", last.etag());
        }
        if (last.lastModified() != null) {
            headers.put("If-Modified-Since", last.lastModified());
        }
        return network(url, () -> {
            Opened opened = open(url, true, headers);
            try (HttpTransport.Response response = opened.response()) {
                Validators validators = new Validators(response.header("ETag"), response.header("Last-Modified"));
                String cacheControl = response.header("Cache-Control");
                Duration maxAge = maxAge(cacheControl == null ? "" : cacheControl);
                int status = response.status();
                if (status == 304) {
                    return new Polled(null, last, opened.movedTo(), maxAge);
                }
                if (status == 429 || status == 503) {
                    Duration after = retryAfter(response.header("Retry-After"));
                    throw new Throttled("HTTP " + status + " from " + url + ": the server asks us to wait"
                            + (after == null ? "" : " " + after.toMinutes() + " min"), after);
                }
                return new Polled(body(response, url, Kind.FEED), validators, opened.movedTo(), maxAge);
            }
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
        return downloader.download(ref, dir, name, maxBytes);
    }

    /** Reads the whole body, at most the kind's cap; {@code expected} (the Content-Length, or -1) only bounds growth. */
    private byte[] readCapped(InputStream in, String url, Kind kind, long expected) throws IOException, FeedException {
        return CappedBody.read(in, expected, maxBytes.get(kind), url, kind.setting);
    }
}
