/**
 * Wiring: builds every piece from one Config with an injected clock, runs the pipeline, and shapes terminal and
 * log lines.
 *
 * <p>Imports the stages below it; never service, web or cli.
 */
package dev.podsift.app;
