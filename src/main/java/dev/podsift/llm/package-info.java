/**
 * The hero tier: a user's LLM (OpenAI-compatible, Anthropic, Ollama) as an editor of the workhorse's short list,
 * with grounding checks.
 *
 * <p>Imports model, store and insight; never digest, delivery or web.
 */
package dev.podsift.llm;
