package dev.podsift.transcript;

import dev.podsift.model.Segment;
import dev.podsift.model.Transcript;
import dev.podsift.model.TranscriptInfo;
import java.util.List;
import java.util.Locale;

/** Reads a transcript in any supported format (JSON, WebVTT, SRT, HTML, text, Markdown) into timed segments. */
public final class TranscriptParser {

    /** The formats Podsift reads, best first: timing precision decides which publisher file to fetch. */
    public enum Format { JSON, VTT, SRT, HTML, TEXT }

    /** Parses {@code content}; {@code typeHint} is a MIME type or file name (may be null). */
    public Transcript parse(String content, String typeHint) throws TranscriptException {
        if (content == null || content.isBlank()) {
            throw new TranscriptException("the transcript is empty");
        }
        Format format = detect(content, typeHint);
        if (format == null) {
            throw new TranscriptException("unknown transcript format" + (typeHint == null ? "" : " '" + typeHint + "'")
                    + " (supported: JSON, WebVTT, SRT, HTML, plain text, Markdown)");
        }
        TranscriptInfo info = format == Format.TEXT ? FrontMatter.read(content) : null;
        List<Segment> segments = switch (format) {
            case JSON -> JsonTranscriptParser.parse(content);
            case VTT, SRT -> VttParser.parse(content);
            case HTML -> HtmlTranscriptParser.parse(content);
            case TEXT -> TextTranscriptParser.parse(content, info.durationSeconds());
        };
        Transcript t = new Transcript(segments, info);
        if (t.isEmpty()) {
            throw new TranscriptException("the transcript has no spoken text (" + format + ")");
        }
        return t;
    }

    /** The format from the declared type or name, checked against the content; null when it is not text at all. */
    public static Format detect(String content, String typeHint) {
        String head = content.stripLeading();
        String h = head.length() > 512 ? head.substring(0, 512) : head;
        if (h.startsWith("WEBVTT")) {
            return Format.VTT;
        }
        if (h.startsWith("{") || h.matches("(?s)^\\[\\s*[{\\]\"].*")) {
            return Format.JSON;
        }
        if (h.matches("(?s)^\\d+\\s*\\r?\\n\\s*\\d{1,2}:\\d{2}:\\d{2}[,.]\\d+\\s*-->.*")) {
            return Format.SRT;
        }
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("<!doctype html") || lower.startsWith("<html") || lower.contains("<cite>")
                || lower.contains("<p>") || lower.contains("<body")) {
            return Format.HTML;
        }
        if (h.indexOf('\0') >= 0 || binaryShare(h) > 0.1) {
            return null;
        }
        String hint = typeHint == null ? "" : typeHint.toLowerCase(Locale.ROOT);
        if (hint.contains("srt") || hint.contains("vtt")) {
            return Format.VTT;
        }
        if (hint.startsWith("audio/") || hint.startsWith("video/") || hint.startsWith("image/")
                || hint.contains("pdf")) {
            return null;
        }
        return Format.TEXT;
    }

    private static double binaryShare(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        int bad = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 32 && c != '\n' && c != '\r' && c != '\t') || c == '\uFFFD') {
                bad++;
            }
        }
        return (double) bad / s.length();
    }

    /** Rank of a publisher transcript's MIME type: lower is better (timing precision); unknown types last. */
    public static int preference(String mimeType) {
        String t = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        if (t.contains("json")) {
            return 0;
        }
        if (t.contains("vtt")) {
            return 1;
        }
        if (t.contains("srt") || t.contains("subrip")) {
            return 2;
        }
        if (t.contains("html")) {
            return 3;
        }
        if (t.startsWith("text/")) {
            return 4;
        }
        return 5;
    }
}
