/**
 * The workhorse: sentence windows, the first-stage scorer, the judge, embeddings (MiniLM), the analysis service.
 *
 * <p>Imports model and store; never feed, digest, delivery or web.
 */
package dev.podsift.insight;
