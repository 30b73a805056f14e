package dev.podsift.model;

/** Where an episode is in the pipeline; FAILED carries a reason in the store. */
public enum Stage { NEW, TRANSCRIBED, ANALYZED, FAILED }
