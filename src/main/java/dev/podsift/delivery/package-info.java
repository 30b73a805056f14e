/**
 * One email a day per subscriber: planning rows at local times, claiming, composing, sending, recovering.
 *
 * <p>Imports model, store, digest, mail and auth; never service or web.
 */
package dev.podsift.delivery;
