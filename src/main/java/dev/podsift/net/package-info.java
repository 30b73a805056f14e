/**
 * The one safe HTTP client every stage fetches through: addresses and the policy that refuses private ones, redirects
 * checked hop by hop, timeouts and deadlines, byte caps counted after decompression, audio downloads, and decoding
 * fetched bytes into text.
 *
 * <p>Imports nothing of Podsift: feed, transcript, asr, config, web and cli stand on it.
 */
package dev.podsift.net;
