package dev.podsift.net;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw feed bytes into text the way browsers and feed readers do: byte-order mark first, then the HTTP
 * charset, then the XML declaration, then UTF-8 if the bytes are valid UTF-8, else Windows-1252 (the usual
 * "Latin-1 without a declaration" case). Leading junk before the document (a PHP warning, blank lines) is cut.
 */
public final class FeedDecoder {
    private static final Pattern DECL_ENCODING =
            Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
    private static final Pattern DOC_START = Pattern.compile("<\\?xml|<(rss|feed|rdf:RDF|RDF|html|opml)[\\s>]",
            Pattern.CASE_INSENSITIVE);

    private FeedDecoder() {
    }

    /** The charset {@link #decode} uses for some bytes, and how many leading bytes (a byte-order mark) to skip. */
    private record Detected(Charset charset, int skip) {
    }

    /** The charset a byte-order mark, or the first bytes of "<?xml" in a wide encoding, announce; null if none. */
    private static Detected sniff(byte[] bytes) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return new Detected(StandardCharsets.UTF_8, 3);
        } else if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF)) {
            return new Detected(Charset.forName("UTF-32BE"), 4);
        } else if (startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
            return new Detected(Charset.forName("UTF-32LE"), 4);
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            return new Detected(StandardCharsets.UTF_16BE, 2);
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            return new Detected(StandardCharsets.UTF_16LE, 2);
        } else if (startsWith(bytes, 0x00, 0x00, 0x00, 0x3C)) {
            return new Detected(Charset.forName("UTF-32BE"), 0);
        } else if (startsWith(bytes, 0x3C, 0x00, 0x00, 0x00)) {
            return new Detected(Charset.forName("UTF-32LE"), 0);
        } else if (startsWith(bytes, 0x00, 0x3C, 0x00, 0x3F)) {
            return new Detected(StandardCharsets.UTF_16BE, 0);
        } else if (startsWith(bytes, 0x3C, 0x00, 0x3F, 0x00)) {
            return new Detected(StandardCharsets.UTF_16LE, 0);
        }
        return null;
    }

    private static Detected detect(byte[] bytes, String httpCharset) {
        Detected sniffed = sniff(bytes);
        if (sniffed != null) {
            return sniffed;
        }
        Charset declared = charsetOrNull(httpCharset);
        if (declared == null) {
            String head = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1);
            int start = docStart(head);
            Matcher m = DECL_ENCODING.matcher(head.substring(Math.max(0, start)));
            declared = m.find() ? charsetOrNull(m.group(1)) : null;
        }
        if (declared != null && !declared.equals(StandardCharsets.UTF_8)) {
            return new Detected(declared, 0);
        }
        return new Detected(validUtf8(bytes) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252"), 0);
    }

    /** Decodes {@code bytes}; {@code httpCharset} may be null. Never throws on bad bytes. */
    public static String decode(byte[] bytes, String httpCharset) {
        Detected d = detect(bytes, httpCharset);
        String text = new String(bytes, d.skip(), bytes.length - d.skip(), d.charset());
        int start = docStart(text);
        return start > 0 ? text.substring(start) : text;
    }

    /**
     * The same text as {@link #decode}, as a stream: nothing the size of the document is made, so a large feed
     * costs its bytes and no more. Junk before the document is looked for in its first megabyte.
     */
    public static java.io.Reader reader(byte[] bytes, String httpCharset) {
        Detected d = detect(bytes, httpCharset);
        String head = new String(bytes, d.skip(), Math.min(bytes.length - d.skip(), 1 << 20), d.charset());
        int start = docStart(head);
        java.io.Reader r = new java.io.InputStreamReader(
                new java.io.ByteArrayInputStream(bytes, d.skip(), bytes.length - d.skip()),
                d.charset().newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE));
        try {
            r.skip(start);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // cannot happen on bytes in memory
        }
        return r;
    }

    /** True when the bytes hold nothing but whitespace (or nothing). */
    public static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The name of the encoding {@link #decode} uses for these bytes, lower case (for diagnostics and conformance). */
    public static String encodingName(byte[] bytes, String httpCharset) {
        Detected sniffed = sniff(bytes);
        if (sniffed != null) {
            return sniffed.charset().name().toLowerCase(Locale.ROOT);
        }
        if (charsetOrNull(httpCharset) != null) {
            return httpCharset.trim().replace("'", "").replace("\"", "").toLowerCase(Locale.ROOT);
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1);
        Matcher m = DECL_ENCODING.matcher(head.substring(Math.max(0, docStart(head))));
        if (m.find() && charsetOrNull(m.group(1)) != null) {
            return m.group(1).toLowerCase(Locale.ROOT);
        }
        return validUtf8(bytes) ? "utf-8" : "windows-1252";
    }

    /** Decodes a non-XML text document (a transcript): BOM, then the HTTP charset, then UTF-8, else Windows-1252. */
    public static String decodeText(byte[] bytes, String httpCharset) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        Charset declared = charsetOrNull(httpCharset);
        if (declared != null && !declared.equals(StandardCharsets.UTF_8)) {
            return new String(bytes, declared);
        }
        String utf8 = strictUtf8(bytes);
        return utf8 != null ? utf8 : new String(bytes, Charset.forName("windows-1252"));
    }

    private static int docStart(String text) {
        Matcher m = DOC_START.matcher(text);
        return m.find() ? m.start() : 0;
    }

    /** Whether the bytes are valid UTF-8, checked through a small buffer rather than a decoded copy. */
    private static boolean validUtf8(byte[] bytes) {
        java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(8192);
        while (true) {
            java.nio.charset.CoderResult r = d.decode(in, out, true);
            if (r.isError()) {
                return false;
            }
            if (r.isUnderflow()) {
                break;
            }
            out.clear();
        }
        out.clear();
        return !d.flush(out).isError();
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Charset charsetOrNull(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.trim().replace("'", "").replace("\"", "").toLowerCase(Locale.ROOT);
        if (n.equals("iso-8859-1") || n.equals("latin1") || n.equals("us-ascii")) {
            n = "windows-1252"; // what every browser does: the two agree except in C1, where cp1252 is right
        }
        try {
            return Charset.forName(n);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
