/**
 * Reading feeds safely: the fetcher and its address policy, the streaming parser, polling, OPML, podcast search.
 *
 * <p>Imports model, store and transcript; never insight, digest, delivery, service or web.
 */
package dev.podsift.feed;
