package dev.podsift.eval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which episodes no model may be trained on: a quarter chosen by name (the first hex digit of the SHA-1 of the file
 * name without its extension is 0–3), so every verdict file, script and command agrees without a list to keep in step,
 * plus the episodes the labels hold out.
 */
public final class HeldBack {
    private final Set<String> labelHoldout;

    private HeldBack(Set<String> labelHoldout) {
        this.labelHoldout = labelHoldout;
    }

    /** The rule, with the transcripts (relative to the corpus) of the label set's held-out episodes. */
    public static HeldBack of(Collection<EvalEpisode> labelled) {
        return new HeldBack(labelled.stream().filter(e -> "holdout".equals(e.split())).map(EvalEpisode::transcript)
                .collect(Collectors.toUnmodifiableSet()));
    }

    public boolean test(String transcript) {
        return labelHoldout.contains(transcript) || byName(transcript);
    }

    /** The name rule alone: what {@code eval/verdicts/make_items.py} uses too. */
    public static boolean byName(String transcript) {
        String file = transcript.substring(transcript.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        String slug = dot > 0 ? file.substring(0, dot) : file;
        try {
            byte[] h = MessageDigest.getInstance("SHA-1").digest(slug.getBytes(StandardCharsets.UTF_8));
            return ((h[0] & 0xff) >> 4) < 4;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
