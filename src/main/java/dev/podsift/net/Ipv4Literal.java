package dev.podsift.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Reads a host that is an IPv4 address in any of the forms the C library's {@code inet_aton} accepts, as curl,
 * browsers' URL parsers and the OS do: one to four parts, each decimal, octal (a leading 0) or hexadecimal (0x),
 * the last part filling the bytes left ({@code 127.1}, {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 2130706433} are
 * all 127.0.0.1). Java's own parser reads {@code 0177.0.0.1} as 177.0.0.1 and does not know {@code 0x7f.1}; the
 * address policy classifies, and the transport connects to, what this returns.
 */
final class Ipv4Literal {
    private Ipv4Literal() {
    }

    /** The address {@code host} spells, or null when it is not a numeric IPv4 form (a name, IPv6). */
    static InetAddress parse(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host; // a trailing dot is allowed
        String[] parts = h.split("\\.", -1);
        if (parts.length == 0 || parts.length > 4) {
            return null;
        }
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = number(parts[i]);
            if (v[i] < 0) {
                return null;
            }
        }
        long address = 0;
        for (int i = 0; i < v.length - 1; i++) {
            if (v[i] > 255) {
                return null;
            }
            address |= v[i] << (8 * (3 - i));
        }
        long last = v[v.length - 1];
        if (last >= 1L << (8 * (5 - v.length))) {
            return null; // the last part does not fit the bytes left
        }
        address |= last;
        byte[] b = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return InetAddress.getByAddress(host, b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    /** One part's value, or -1 when it is not a number in one of the three bases (or is over 32 bits). */
    private static long number(String part) {
        if (part.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String digits = part;
        if (part.length() > 1 && part.charAt(0) == '0' && (part.charAt(1) == 'x' || part.charAt(1) == 'X')) {
            radix = 16;
            digits = part.substring(2);
            if (digits.isEmpty()) {
                return 0; // "0x" alone is zero to inet_aton
            }
        } else if (part.length() > 1 && part.charAt(0) == '0') {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.length() > 11) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                return -1;
            }
        }
        long n = Long.parseLong(digits, radix);
        return n > 0xFFFFFFFFL ? -1 : n;
    }
}
