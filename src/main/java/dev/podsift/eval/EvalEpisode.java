package dev.podsift.eval;

import java.util.List;

/**
 * One labelled episode of the evaluation set: which corpus transcript, whether it is for tuning or held back,
 * the passages that deserve to be insights and tempting ones that do not. Labels are our own reading;
 * {@code labelledUntil} (seconds, optional) says where reading stopped when only part of an episode was labelled.
 */
public record EvalEpisode(String id, String show, String transcript, String split, Double labelledUntil,
                          List<Label> insights, List<Label> nonInsights) {
    /** A labelled passage: a verbatim quote (the key sentence or sentences), about when, and why. */
    public record Label(String quote, double start, String reason) {
    }
}
