/**
 * Speech to text when a feed has no transcript: audio input, chunking at silences, Vosk or a remote engine.
 *
 * <p>Imports model and net (audio is downloaded through its client); never feed, transcript, insight or above.
 */
package dev.podsift.asr;
