/**
 * Sending email over SMTP (Jakarta Mail wrapped): one kept connection, answers classified as sent, temporary or
 * permanent.
 *
 * <p>Imports nothing of Podsift.
 */
package dev.podsift.mail;
