/**
 * Settings from the environment, validated at start-up, with their documented defaults.
 *
 * <p>Holds the service's settings record and imports the others it builds (asr, llm, mail, the feed caps); none
 * of those imports it.
 */
package dev.podsift.config;
