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
import java.time.Duration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Gets the bytes behind a feed or transcript reference: an http(s) URL, a file: URI or a local path. Every read
 * has a timeout and a byte cap; failures come back as {@link FeedException} with a message naming the cause.
 * (Issue 6 replaces the network half with the hardened fetcher: address checks, per-hop redirect checks.)
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

    private final HttpClient http;
    private final Duration timeout;
    private final long maxBytes;

    public Fetcher(Duration timeout, long maxBytes) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
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
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("User-Agent", "Podsift/0.1 (+podcast insight digest)")
                    .header("Accept-Encoding", "gzip").GET().build();
        } catch (IllegalArgumentException e) {
            throw new FeedException("invalid URL '" + url + "': " + e.getMessage());
        }
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream raw = response.body()) {
                int status = response.statusCode();
                if (status >= 400) {
                    throw new FeedException("HTTP " + status + (status == 404 ? " Not Found" : "") + " from " + url);
                }
                boolean gzip = response.headers().firstValue("Content-Encoding").orElse("").contains("gzip");
                byte[] body = readCapped(gzip ? new GZIPInputStream(raw) : raw, url);
                return new Fetched(body, response.headers().firstValue("Content-Type").orElse(null),
                        response.uri().toString());
            }
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
