/**
 * Choosing a day's top insights (diversity, topics, at most two per show) and rendering them (text, Markdown,
 * HTML, JSON).
 *
 * <p>Imports model, store, insight and llm; never delivery, service or web.
 */
package dev.podsift.digest;
