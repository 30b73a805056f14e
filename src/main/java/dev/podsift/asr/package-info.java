/**
 * Speech to text when a feed has no transcript: audio input, chunking at silences, Vosk or a remote engine.
 *
 * <p>Imports model, feed and config; never insight or above.
 */
package dev.podsift.asr;
