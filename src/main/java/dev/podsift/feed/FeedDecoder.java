package dev.podsift.feed;

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

    /** Decodes {@code bytes}; {@code httpCharset} may be null. Never throws on bad bytes. */
    public static String decode(byte[] bytes, String httpCharset) {
        Charset bomCharset = null;
        int skip = 0;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            bomCharset = StandardCharsets.UTF_8;
            skip = 3;
        } else if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF)) {
            bomCharset = Charset.forName("UTF-32BE");
            skip = 4;
        } else if (startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
            bomCharset = Charset.forName("UTF-32LE");
            skip = 4;
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            bomCharset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            bomCharset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (startsWith(bytes, 0x00, 0x00, 0x00, 0x3C)) {
            bomCharset = Charset.forName("UTF-32BE");
        } else if (startsWith(bytes, 0x3C, 0x00, 0x00, 0x00)) {
            bomCharset = Charset.forName("UTF-32LE");
        } else if (startsWith(bytes, 0x00, 0x3C, 0x00, 0x3F)) {
            bomCharset = StandardCharsets.UTF_16BE;
        } else if (startsWith(bytes, 0x3C, 0x00, 0x3F, 0x00)) {
            bomCharset = StandardCharsets.UTF_16LE;
        }
        String text;
        if (bomCharset != null) {
            text = new String(bytes, skip, bytes.length - skip, bomCharset);
        } else {
            Charset declared = charsetOrNull(httpCharset);
            if (declared == null) {
                String head = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1);
                int start = docStart(head);
                Matcher m = DECL_ENCODING.matcher(head.substring(Math.max(0, start)));
                declared = m.find() ? charsetOrNull(m.group(1)) : null;
            }
            if (declared != null && !declared.equals(StandardCharsets.UTF_8)) {
                text = new String(bytes, declared);
            } else {
                text = strictUtf8(bytes);
                if (text == null) {
                    text = new String(bytes, Charset.forName("windows-1252"));
                }
            }
        }
        int start = docStart(text);
        return start > 0 ? text.substring(start) : text;
    }

    /** The name of the encoding {@link #decode} uses for these bytes, lower case (for diagnostics and conformance). */
    public static String encodingName(byte[] bytes, String httpCharset) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return "utf-8";
        }
        if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF) || startsWith(bytes, 0x00, 0x00, 0x00, 0x3C)) {
            return "utf-32be";
        }
        if (startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00) || startsWith(bytes, 0x3C, 0x00, 0x00, 0x00)) {
            return "utf-32le";
        }
        if (startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0x00, 0x3C, 0x00, 0x3F)) {
            return "utf-16be";
        }
        if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0x3C, 0x00, 0x3F, 0x00)) {
            return "utf-16le";
        }
        if (charsetOrNull(httpCharset) != null) {
            return httpCharset.trim().replace("'", "").replace("\"", "").toLowerCase(Locale.ROOT);
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1);
        Matcher m = DECL_ENCODING.matcher(head.substring(Math.max(0, docStart(head))));
        if (m.find() && charsetOrNull(m.group(1)) != null) {
            return m.group(1).toLowerCase(Locale.ROOT);
        }
        return strictUtf8(bytes) != null ? "utf-8" : "windows-1252";
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
