package dev.podsift.insight;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The embedded workhorse: all-MiniLM-L6-v2 (quantized, ONNX) running in-process from the jar Maven Central serves.
 * Loading takes about a second; embedding runs on one thread per core.
 */
public final class MiniLmEmbedder implements Embedder, AutoCloseable {
    private final ExecutorService pool;
    private final AllMiniLmL6V2QuantizedEmbeddingModel model;

    public MiniLmEmbedder() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "embedder");
            t.setDaemon(true);
            return t;
        });
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(pool);
    }

    @Override
    public float[][] embed(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            segments.add(TextSegment.from(t.isBlank() ? "." : t));
        }
        List<Embedding> out = model.embedAll(segments).content();
        float[][] vectors = new float[out.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = Vectors.normalise(out.get(i).vector());
        }
        return vectors;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
