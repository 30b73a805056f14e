package dev.podsift.feed;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/** Resolves a feed's relative links the XML Base way: the nearest {@code xml:base} attributes, then the document. */
final class XmlBase {
    private XmlBase() {
    }

    /** Resolves {@code raw} against the nearest xml:base and then {@code docUrl} (may be null); null if blank. */
    static String resolve(Element at, String raw, String docUrl) {
        if (raw == null) {
            return null;
        }
        String ref = raw.trim();
        if (ref.isEmpty()) {
            return null;
        }
        List<String> bases = new ArrayList<>();
        for (Element e = at; e != null; e = e.parent()) {
            String b = e.attr("xml:base");
            if (!b.isBlank()) {
                bases.add(b.trim());
            }
        }
        String base = docUrl;
        for (int i = bases.size() - 1; i >= 0; i--) {
            base = join(base, bases.get(i));
        }
        return join(base, ref);
    }

    private static String join(String base, String ref) {
        if (base == null || base.isBlank()) {
            return ref;
        }
        try {
            URI refUri = new URI(ref.replace(" ", "%20"));
            if (refUri.isAbsolute()) {
                return ref;
            }
            return new URI(base.replace(" ", "%20")).resolve(refUri).toString();
        } catch (Exception e) {
            return ref;
        }
    }
}
