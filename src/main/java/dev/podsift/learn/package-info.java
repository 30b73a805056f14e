/**
 * Learning from everyone's votes: the bundled verdict base (every passage readers judged, as the judge scored it),
 * the refit of the judge's last layer on those verdicts plus the votes, the gate that adopts it only when held-back
 * verdicts say it is no worse, and the layer in use. Imports insight (the layer, kinds) and store; never digest,
 * delivery, web or service.
 */
package dev.podsift.learn;
