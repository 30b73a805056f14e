package dev.podsift.asr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.model.Segment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Any OpenAI-compatible {@code POST /audio/transcriptions} (OpenAI, Groq, a local faster-whisper or whisper.cpp
 * server): each piece goes up as a 16 kHz mono WAV under the provider's size limit, with
 * {@code response_format=verbose_json} so the answer carries timed segments. Rate limits and server errors are
 * retried twice (honouring Retry-After up to 30 s); a refused key, an oversized piece or an answer that covers only
 * part of its piece is an error naming the fix.
 */
public final class RemoteEngine implements SpeechEngine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RETRIES = 2;
    private final HttpClient http;
    private final String url;
    private final String apiKey;
    private final String model;
    private final long maxUploadBytes;
    private final Duration timeout;

    public RemoteEngine(String baseUrl, String apiKey, String model, long maxUploadBytes, Duration timeout) {
        this.url = baseUrl.replaceAll("/+$", "") + "/audio/transcriptions";
        this.apiKey = apiKey;
        this.model = model;
        this.maxUploadBytes = maxUploadBytes;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    }

    @Override
    public String name() {
        return "remote:" + model;
    }

    @Override
    public double maxPieceSeconds() {
        return (maxUploadBytes - 44 - 2048) / (double) Ffmpeg.BYTES_PER_SECOND;
    }

    @Override
    public Piece open() {
        return new RemotePiece();
    }

    @Override
    public void close() {
        // the JDK client holds no resources that need closing on Java 17
    }

    private final class RemotePiece implements Piece {
        private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();

        @Override
        public void accept(byte[] data, int length) {
            pcm.write(data, 0, length);
        }

        @Override
        public Result finish() throws AsrException {
            double seconds = pcm.size() / (double) Ffmpeg.BYTES_PER_SECOND;
            JsonNode answer = post(Wav.of(pcm.toByteArray(), pcm.size()));
            List<Segment> segments = new ArrayList<>();
            List<Word> words = new ArrayList<>();
            for (JsonNode s : answer.path("segments")) {
                String text = s.path("text").asText("").strip();
                if (!text.isEmpty()) {
                    segments.add(new Segment(s.path("start").asDouble(), s.path("end").asDouble(), null, text));
                }
            }
            for (JsonNode w : answer.path("words")) {
                words.add(new Word(w.path("word").asText("").strip(), w.path("start").asDouble(),
                        w.path("end").asDouble(), 1));
            }
            String text = answer.path("text").asText("").strip();
            if (segments.isEmpty() && !text.isEmpty()) {
                segments.add(new Segment(0, seconds, null, text)); // a plain "json" answer: one untimed stretch
            }
            double covered = answer.path("duration").asDouble(Double.NaN);
            if (!Double.isNaN(covered) && covered < seconds - Math.max(2.0, seconds * 0.02)) {
                throw new AsrException("the transcription service covered only " + Transcriber.clock(covered)
                        + " of a " + Transcriber.clock(seconds) + " piece");
            }
            return new Result(words, segments);
        }

        @Override
        public void close() {
            // nothing held
        }
    }

    private JsonNode post(byte[] wav) throws AsrException {
        String boundary = "podsift-" + UUID.randomUUID();
        byte[] body = multipart(boundary, wav);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("User-Agent", "Podsift/0.1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!apiKey.isBlank()) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        HttpRequest request = b.build();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r;
            try {
                r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpTimeoutException e) {
                throw new AsrException("the transcription service at " + url + " did not answer within "
                        + timeout.toSeconds() + " s");
            } catch (IOException e) {
                throw new AsrException("cannot reach the transcription service at " + url + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AsrException("interrupted while waiting for the transcription service");
            }
            int status = r.statusCode();
            if ((status == 429 || status >= 500) && attempt < RETRIES) {
                sleep(retryAfter(r, attempt));
                continue;
            }
            if (status == 401 || status == 403) {
                throw new AsrException("the transcription service refused the key (HTTP " + status
                        + "): check PODSIFT_ASR_API_KEY");
            }
            if (status == 413) {
                throw new AsrException("the transcription service says a piece is too large (HTTP 413): lower "
                        + "PODSIFT_ASR_MAX_UPLOAD_BYTES");
            }
            if (status == 429) {
                throw new AsrException("the transcription service is rate-limiting us (HTTP 429) after " + (RETRIES + 1)
                        + " tries: try again later");
            }
            if (status >= 300) {
                throw new AsrException("the transcription service answered HTTP " + status + ": "
                        + errorMessage(r.body()));
            }
            try {
                JsonNode node = JSON.readTree(r.body());
                if (node == null || !node.isObject()) {
                    throw new IOException("not a JSON object");
                }
                return node;
            } catch (IOException e) {
                throw new AsrException("the transcription service sent an answer that is not the expected JSON: "
                        + abbreviate(r.body()));
            }
        }
    }

    private byte[] multipart(String boundary, byte[] wav) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(wav.length + 1024);
        field(out, boundary, "model", model);
        field(out, boundary, "response_format", "verbose_json");
        field(out, boundary, "timestamp_granularities[]", "segment");
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"piece.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n");
        out.write(wav, 0, wav.length);
        write(out, "\r\n--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n");
    }

    private static void write(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }

    private static long retryAfter(HttpResponse<?> r, int attempt) {
        long fallback = 1000L << attempt;
        try {
            return Math.min(30_000, r.headers().firstValue("Retry-After").map(v -> Long.parseLong(v.trim()) * 1000)
                    .orElse(fallback));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void sleep(long ms) throws AsrException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsrException("interrupted while waiting to retry the transcription service");
        }
    }

    private static String errorMessage(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            String m = n.path("error").path("message").asText("");
            if (!m.isEmpty()) {
                return m;
            }
        } catch (IOException ignored) {
            // not JSON: show the start of the text
        }
        return abbreviate(body);
    }

    private static String abbreviate(String s) {
        String t = s == null ? "" : s.strip().replaceAll("\\s+", " ");
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }
}
