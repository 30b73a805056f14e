/**
 * Transcript formats (VTT, SRT, Podcasting 2.0 JSON, HTML, text) parsed into segments, and fetching them.
 *
 * <p>Imports model, store, net and asr (speech when there is no transcript); never feed, insight or above.
 */
package dev.podsift.transcript;
