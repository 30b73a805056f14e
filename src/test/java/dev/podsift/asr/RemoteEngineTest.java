package dev.podsift.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.podsift.model.Segment;
import dev.podsift.support.Wer;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The remote option against a local server speaking OpenAI's {@code /v1/audio/transcriptions} protocol
 * (multipart upload, bearer key, verbose_json answer). The server really transcribes each uploaded piece, with the
 * embedded recogniser, so stitching is checked on real words and times.
 */
class RemoteEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private final List<Integer> uploadSizes = new CopyOnWriteArrayList<>();
    private final Map<String, String> fields = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus;
    private volatile String override;
    private volatile boolean shortDuration;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/v1/audio/transcriptions", this::transcribe);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void transcribe(HttpExchange ex) throws java.io.IOException {
        try {
            answer(ex);
        } catch (RuntimeException | java.io.IOException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private void answer(HttpExchange ex) throws java.io.IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            if (!"Bearer sk-test".equals(auth)) {
                reply(ex, 401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}");
                return;
            }
            if (failuresLeft.getAndDecrement() > 0) {
                ex.getResponseHeaders().set("Retry-After", "0");
                reply(ex, failureStatus, "{\"error\":{\"message\":\"Rate limit reached\"}}");
                return;
            }
            if (override != null) {
                reply(ex, 200, override);
                return;
            }
            String boundary = type.substring(type.indexOf("boundary=") + 9);
            byte[] wav = parts(body, boundary);
            uploadSizes.add(body.length);
            byte[] pcm = Arrays.copyOfRange(wav, 44, wav.length);
            double seconds = pcm.length / 32000.0;
            ObjectNode answer = JSON.createObjectNode();
            answer.put("task", "transcribe").put("language", "english");
            answer.put("duration", shortDuration ? seconds / 2 : seconds);
            ArrayNode segs = answer.putArray("segments");
            StringBuilder text = new StringBuilder();
            try (SpeechEngine.Piece p = Speech.engine().open()) {
                p.accept(pcm, pcm.length);
                for (Segment s : new SentenceMaker().sentences(p.finish().words())) {
                    segs.addObject().put("id", segs.size()).put("start", s.start()).put("end", s.end())
                            .put("text", " " + s.text());
                    text.append(' ').append(s.text());
                }
            } catch (AsrException e) {
                reply(ex, 500, "{\"error\":{\"message\":\"" + e.getMessage() + "\"}}");
                return;
            }
            answer.put("text", text.toString().strip());
            reply(ex, 200, JSON.writeValueAsString(answer));
        }
    }

    /** Records the form fields and returns the uploaded file's bytes. */
    private byte[] parts(byte[] body, String boundary) {
        String latin = new String(body, StandardCharsets.ISO_8859_1);
        byte[] file = null;
        for (String part : latin.split("--" + java.util.regex.Pattern.quote(boundary))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headerEnd);
            String value = part.substring(headerEnd + 4, part.length() - 2);
            String name = headers.replaceAll("(?s).*?; name=\"([^\"]+)\".*", "$1");
            if (name.equals("file")) {
                file = value.getBytes(StandardCharsets.ISO_8859_1);
                fields.put("file.type", headers.replaceAll("(?s).*Content-Type: ([^\r\n]+).*", "$1"));
            } else {
                fields.put(name, value);
            }
        }
        return file;
    }

    private static void reply(HttpExchange ex, int status, String json) throws java.io.IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private Transcriber remote(String key) throws AsrException {
        // a 1 MB upload limit: about 31 s of audio per piece, so the 57 s fixture goes up in pieces
        return new Transcriber(Speech.ffmpeg(), new RemoteEngine(base(), key, "whisper-1", 1_000_000,
                Duration.ofSeconds(60)), 2, 600, 3600);
    }

    @Test
    void uploadsPiecesUnderTheLimitAndStitchesTheirTimes() throws Exception {
        Transcriber.Result r = remote("sk-test").transcribe(Speech.fixture("speech.opus"), (a, b) -> { });
        assertTrue(uploadSizes.size() >= 2, "pieces: " + uploadSizes);
        assertTrue(uploadSizes.stream().allMatch(s -> s <= 1_000_000), "upload sizes " + uploadSizes);
        assertEquals("whisper-1", fields.get("model"));
        assertEquals("verbose_json", fields.get("response_format"));
        assertEquals("audio/wav", fields.get("file.type"));
        double wer = Wer.rate(Files.readString(Speech.fixture("speech.txt")), r.transcript().plainText());
        assertTrue(wer <= 0.3, "WER " + wer + ": " + r.transcript().plainText());
        List<Segment> s = r.transcript().segments();
        for (int i = 1; i < s.size(); i++) {
            assertTrue(s.get(i).start() >= s.get(i - 1).start(), "in order: " + s.get(i - 1) + " then " + s.get(i));
        }
        assertTrue(s.get(s.size() - 1).start() > 40, "the last piece is shifted by its offset: " + s.get(s.size() - 1));
        assertTrue(s.get(s.size() - 1).text().contains("next time"), s.get(s.size() - 1).text());
        assertEquals("remote:whisper-1", r.source());
    }

    @Test
    void aRefusedKeyNamesTheSetting() {
        AsrException e = assertThrows(AsrException.class,
                () -> remote("wrong").transcribe(Speech.fixture("speech.opus"), (a, b) -> { }));
        assertTrue(e.getMessage().contains("PODSIFT_ASR_API_KEY"), e.getMessage());
    }

    @Test
    void rateLimitsAreRetriedThenSucceed() throws Exception {
        failureStatus = 429;
        failuresLeft.set(2);
        Transcriber.Result r = remote("sk-test").transcribe(Speech.fixture("speech.opus"), (a, b) -> { });
        assertTrue(r.transcript().plainText().contains("small"), r.transcript().plainText());
    }

    @Test
    void persistentRateLimitIsAClearError() {
        failureStatus = 429;
        failuresLeft.set(100);
        AsrException e = assertThrows(AsrException.class,
                () -> remote("sk-test").transcribe(Speech.fixture("speech.opus"), (a, b) -> { }));
        assertTrue(e.getMessage().contains("HTTP 429"), e.getMessage());
    }

    @Test
    void malformedAnswerIsAClearError() {
        override = "{\"text\": \"unfinished";
        AsrException e = assertThrows(AsrException.class,
                () -> remote("sk-test").transcribe(Speech.fixture("speech.opus"), (a, b) -> { }));
        assertTrue(e.getMessage().contains("not the expected JSON"), e.getMessage());
    }

    @Test
    void anAnswerCoveringHalfThePieceIsAnErrorNotAShortTranscript() {
        shortDuration = true;
        AsrException e = assertThrows(AsrException.class,
                () -> remote("sk-test").transcribe(Speech.fixture("speech.opus"), (a, b) -> { }));
        assertTrue(e.getMessage().contains("covered only"), e.getMessage());
    }
}
