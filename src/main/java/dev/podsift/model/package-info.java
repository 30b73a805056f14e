/**
 * The records every stage passes along: a feed and its episodes, a transcript's segments, an insight, a stage.
 *
 * <p>Imports nothing of Podsift: it is the floor every other package stands on.
 */
package dev.podsift.model;
