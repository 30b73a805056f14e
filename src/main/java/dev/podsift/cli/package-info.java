/**
 * The ./podsift commands.
 *
 * <p>The top: anything may be imported here, nothing imports it.
 */
package dev.podsift.cli;
