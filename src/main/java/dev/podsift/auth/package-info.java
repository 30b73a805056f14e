/**
 * Signed, single-purpose tokens for emailed links, stamped with each subscriber's link key, and the links
 * themselves.
 *
 * <p>Imports nothing of Podsift.
 */
package dev.podsift.auth;
