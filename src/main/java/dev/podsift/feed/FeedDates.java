package dev.podsift.feed;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the dates real feeds carry: RFC 822 with or without the day name, two-digit years, zone names (PST, EST,
 * GMT…), English and Portuguese month names, and ISO 8601/W3C-DTF. Returns null ("unknown") rather than guessing.
 */
public final class FeedDates {
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("fev", 2), Map.entry("mar", 3), Map.entry("apr", 4),
            Map.entry("abr", 4), Map.entry("may", 5), Map.entry("mai", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("ago", 8), Map.entry("sep", 9), Map.entry("set", 9), Map.entry("oct", 10),
            Map.entry("out", 10), Map.entry("nov", 11), Map.entry("dec", 12), Map.entry("dez", 12));
    private static final Map<String, Integer> ZONES = Map.ofEntries(
            Map.entry("UT", 0), Map.entry("UTC", 0), Map.entry("GMT", 0), Map.entry("Z", 0),
            Map.entry("EST", -5), Map.entry("EDT", -4), Map.entry("CST", -6), Map.entry("CDT", -5),
            Map.entry("MST", -7), Map.entry("MDT", -6), Map.entry("PST", -8), Map.entry("PDT", -7),
            Map.entry("CET", 1), Map.entry("CEST", 2), Map.entry("BST", 1), Map.entry("IST", 1),
            Map.entry("AEST", 10), Map.entry("JST", 9));
    private static final Pattern RFC822 = Pattern.compile(
            "(?:[A-Za-zÀ-ÿ]+\\.?,?\\s*)?(\\d{1,2})\\s+([A-Za-zÀ-ÿ]{3,})\\.?,?\\s+(\\d{2,4})"
                    + "(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?\\s*([+-]\\d{2}:?\\d{2}|[A-Za-z]{1,5})?.*");
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-?(\\d{2})(?:-?(\\d{2}))?(?:[T ](\\d{2}):?(\\d{2})(?::?(\\d{2})(?:[.,]\\d+)?)?)?\\s*"
                    + "(Z|[+-]\\d{2}(?::?\\d{2})?)?");

    private FeedDates() {
    }

    /** The instant {@code raw} names, or null when it cannot be read. */
    public static Instant parse(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim().replaceAll("\\s+", " ");
        if (s.isEmpty()) {
            return null;
        }
        try {
            Matcher iso = ISO.matcher(s);
            if (iso.matches()) {
                return iso(iso);
            }
            Matcher m = RFC822.matcher(s);
            if (m.matches()) {
                return rfc822(m);
            }
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static Instant iso(Matcher m) {
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT
                : LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
        ZoneOffset offset = offset(m.group(7));
        return OffsetDateTime.of(LocalDateTime.of(LocalDate.of(year, month, day), time), offset).toInstant();
    }

    private static Instant rfc822(Matcher m) {
        Integer month = MONTHS.get(m.group(2).substring(0, 3).toLowerCase(Locale.ROOT));
        if (month == null) {
            return null;
        }
        int year = Integer.parseInt(m.group(3));
        if (m.group(3).length() == 2) {
            year += year < 50 ? 2000 : 1900;
        }
        LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT
                : LocalTime.of(Integer.parseInt(m.group(4)) % 24, Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Math.min(59, Integer.parseInt(m.group(6))));
        ZoneOffset offset = offset(m.group(7));
        return OffsetDateTime.of(LocalDateTime.of(LocalDate.of(year, month, Integer.parseInt(m.group(1))), time), offset)
                .toInstant();
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null || zone.isEmpty()) {
            return ZoneOffset.UTC;
        }
        char c = zone.charAt(0);
        if (c == '+' || c == '-') {
            String digits = zone.substring(1).replace(":", "");
            int hours = Integer.parseInt(digits.substring(0, 2));
            int minutes = digits.length() >= 4 ? Integer.parseInt(digits.substring(2, 4)) : 0;
            int sign = c == '-' ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        Integer hours = ZONES.get(zone.toUpperCase(Locale.ROOT));
        return hours == null ? ZoneOffset.UTC : ZoneOffset.ofHours(hours);
    }

    /** Seconds from an itunes:duration ("1:02:03", "62:03", "3723", "3723.5"), or null when unreadable. */
    public static Long durationSeconds(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String[] parts = raw.trim().split(":");
        if (parts.length > 3) {
            return null;
        }
        try {
            double total = 0;
            for (String p : parts) {
                total = total * 60 + Double.parseDouble(p.trim());
            }
            return total < 0 ? null : Math.round(Math.floor(total));
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }
}
