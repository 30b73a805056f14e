package dev.podsift.learn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Every passage readers judged, as the shipped judge saw it: its show and transcript, whether its episode is held
 * back from training, the share of its readers who kept it, the judge's score, its text and its embedding (stored to
 * 8 bits a dimension). Bundled, so the service can refit and gate the vote layer without the corpus; made by
 * {@code podsift train --verdict-base FILE} from {@code eval/verdicts}.
 */
public final class VerdictBase {
    static final String RESOURCE = "/dev/podsift/learn/verdict-base.jsonl.gz";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One judged passage. */
    public record Row(String transcript, String show, boolean heldBack, double keep, int readers, double judge,
                      String text, float[] embedding) {
    }

    private VerdictBase() {
    }

    /** The bundled rows, in file order; empty when none is bundled. */
    public static List<Row> bundled() {
        try (InputStream in = VerdictBase.class.getResourceAsStream(RESOURCE)) {
            return in == null ? List.of() : read(new GZIPInputStream(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled verdict base", e);
        }
    }

    static List<Row> read(InputStream in) throws IOException {
        List<Row> rows = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String l = r.readLine(); l != null; l = r.readLine()) {
            if (!l.isBlank()) {
                JsonNode n = JSON.readTree(l);
                rows.add(new Row(n.path("transcript").asText(), n.path("show").asText(),
                        n.path("held_back").asBoolean(), n.path("keep").asDouble(), n.path("readers").asInt(1),
                        n.path("judge").asDouble(), n.path("text").asText(),
                        vector(n.path("embedding").asText(), n.path("scale").asDouble())));
            }
        }
        return rows;
    }

    /** One row as a JSON line. */
    public static String line(Row row) {
        ObjectNode n = JSON.createObjectNode();
        n.put("transcript", row.transcript());
        n.put("show", row.show());
        n.put("held_back", row.heldBack());
        n.put("keep", row.keep());
        n.put("readers", row.readers());
        n.put("judge", Math.round(row.judge() * 1e6) / 1e6);
        n.put("text", row.text());
        float max = 1e-9f;
        for (float f : row.embedding()) {
            max = Math.max(max, Math.abs(f));
        }
        byte[] q = new byte[row.embedding().length];
        for (int k = 0; k < q.length; k++) {
            q[k] = (byte) Math.round(row.embedding()[k] / max * 127);
        }
        n.put("scale", max / 127);
        n.put("embedding", Base64.getEncoder().encodeToString(q));
        return n.toString();
    }

    private static float[] vector(String base64, double scale) {
        byte[] q = Base64.getDecoder().decode(base64);
        float[] v = new float[q.length];
        double norm = 0;
        for (int k = 0; k < q.length; k++) {
            v[k] = (float) (q[k] * scale);
            norm += v[k] * v[k];
        }
        float n = (float) Math.sqrt(Math.max(norm, 1e-12));
        for (int k = 0; k < v.length; k++) {
            v[k] /= n;
        }
        return v;
    }
}
