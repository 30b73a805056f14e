/**
 * Measuring insight quality offline: held-back episodes, reader verdicts, the teacher set, simulated days.
 *
 * <p>Imports model, store, insight and digest; the product never imports it.
 */
package dev.podsift.eval;
