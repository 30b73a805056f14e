package dev.podsift.insight;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An embedder that remembers every vector in a file, keyed by the SHA-1 of the text, for evaluations and training runs
 * that embed the same corpus again and again. New vectors are appended when the run closes, which also closes the
 * embedder it wraps. With no file it only passes through. Only for offline tools: the file grows without bound and is
 * trusted.
 */
public final class CachedEmbedder implements Embedder, AutoCloseable {
    private final Embedder inner;
    private final Path file;
    private final Map<String, float[]> known = new HashMap<>();
    private final Map<String, float[]> added = new HashMap<>();

    public CachedEmbedder(Embedder inner, Path file) {
        this.inner = inner;
        this.file = file;
        if (file != null && Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                while (true) {
                    String key;
                    try {
                        key = in.readUTF();
                    } catch (EOFException end) {
                        break;
                    }
                    float[] v = new float[in.readInt()];
                    for (int k = 0; k < v.length; k++) {
                        v[k] = in.readFloat();
                    }
                    known.put(key, v);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the embedding cache " + file, e);
            }
        }
    }

    @Override
    public synchronized float[][] embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        List<String> missing = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String key = key(texts.get(i));
            float[] v = known.containsKey(key) ? known.get(key) : added.get(key);
            if (v != null) {
                out[i] = v;
            } else {
                missing.add(texts.get(i));
                where.add(i);
            }
        }
        if (!missing.isEmpty()) {
            float[][] fresh = inner.embed(missing);
            for (int j = 0; j < fresh.length; j++) {
                out[where.get(j)] = fresh[j];
                added.put(key(missing.get(j)), fresh[j]);
            }
        }
        return out;
    }

    private static String key(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(
                    text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends the vectors this run computed. */
    @Override
    public synchronized void close() {
        try {
            save();
        } finally {
            if (inner instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot close the embedder", e);
                }
            }
        }
    }

    private void save() {
        if (added.isEmpty() || file == null) {
            return;
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
            for (var e : added.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float x : e.getValue()) {
                    out.writeFloat(x);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the embedding cache " + file, e);
        }
        known.putAll(added);
        added.clear();
    }
}
