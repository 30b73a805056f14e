package dev.podsift.model;

/**
 * Where an episode is in the pipeline; FAILED carries a reason in the store. SKIPPED marks back-catalogue episodes
 * seen on a feed's first scan beyond the backlog limit: known (so never "new" again) but not processed.
 */
public enum Stage { NEW, TRANSCRIBED, ANALYZED, FAILED, SKIPPED }
