/**
 * Settings from the environment, validated at start-up, with their documented defaults.
 *
 * <p>Imports the settings records it builds (feed, asr, llm, service).
 */
package dev.podsift.config;
