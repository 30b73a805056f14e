package dev.podsift.mail;

import java.util.Map;

/**
 * One message to send: plain-text and HTML parts (html may be null), a Message-ID chosen by the caller (so a resend
 * is recognisably the same message) and extra headers such as List-Unsubscribe.
 */
public record Email(String to, String subject, String text, String html, String messageId,
                    Map<String, String> headers) {
}
