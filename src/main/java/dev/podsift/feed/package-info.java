/**
 * Reading feeds: the streaming parser, polling followed feeds politely and storing their new episodes, OPML lists,
 * podcast search.
 *
 * <p>Imports model, store, transcript and net (every fetch goes through net's client); never insight, digest,
 * delivery, service or web.
 */
package dev.podsift.feed;
