/**
 * Settings from the environment, validated at start-up, with their documented defaults.
 *
 * <p>Holds the service's settings record and imports the others it builds (asr, llm, mail, net's fetcher and its
 * caps); none of those imports it.
 */
package dev.podsift.config;
