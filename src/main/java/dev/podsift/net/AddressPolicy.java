package dev.podsift.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs a user may make Podsift fetch: http(s) only, no credentials in the URL, and, unless the operator sets
 * {@code PODSIFT_ALLOW_PRIVATE_NETWORKS=true}, no host that resolves to a loopback, private, link-local, CGNAT,
 * multicast, unique-local, reserved or unspecified address (nor an IPv6 address wrapping one: IPv4-mapped,
 * -compatible and -translated, NAT64, 6to4, Teredo; nor an IPv4 host in octal, hex or short form), so a
 * feed URL cannot be used to reach the machine's own services or its network. Checked on every redirect hop, and
 * again by {@link HttpTransport} at connect time on the very look-up whose addresses it connects to, so a name that
 * answers a public address to the check and a private one to the connection (DNS rebinding) is refused too.
 */
public final class AddressPolicy {
    /** Resolves a host name to its addresses (tests answer differently on each look-up). */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;
    private final java.util.function.Predicate<InetAddress> blocked;

    public AddressPolicy(boolean allowPrivate, Resolver resolver) {
        this(allowPrivate, resolver, AddressPolicy::isBlocked);
    }

    /** With {@code blocked} deciding which addresses are private (tests treat one loopback address as public). */
    public AddressPolicy(boolean allowPrivate, Resolver resolver, java.util.function.Predicate<InetAddress> blocked) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
        this.blocked = blocked;
    }

    public static AddressPolicy of(boolean allowPrivate) {
        return new AddressPolicy(allowPrivate, InetAddress::getAllByName);
    }

    /** Throws with a message a user can act on when {@code uri} may not be fetched. */
    public void check(URI uri) throws FeedException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FeedException("'" + uri + "' is not an http(s) URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new FeedException("'" + redacted(uri) + "' has a user name or password in it: refused");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new FeedException("'" + uri + "' has no host");
        }
        if (!allowPrivate) {
            addresses(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        }
    }

    /**
     * Looks {@code host} up once and returns its addresses when every one of them may be reached; otherwise a
     * {@link FeedException} names the address and the setting that allows it. The transport connects only to what
     * this returns.
     */
    public InetAddress[] addresses(String host) throws FeedException {
        InetAddress[] addresses;
        try {
            InetAddress numeric = Ipv4Literal.parse(host); // 0177.0.0.1 is 127.0.0.1, as the OS reads it
            addresses = numeric != null ? new InetAddress[] {numeric} : resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new FeedException("unknown host '" + host + "'");
        }
        if (addresses == null || addresses.length == 0) {
            throw new FeedException("unknown host '" + host + "'");
        }
        if (allowPrivate) {
            return addresses;
        }
        for (InetAddress a : addresses) {
            if (blocked.test(a)) {
                boolean literal = host.equalsIgnoreCase(a.getHostAddress());
                throw new FeedException(host + (literal ? " is" : " resolves to") + " a private or local address ("
                        + a.getHostAddress() + "): refused; an operator who means it sets "
                        + "PODSIFT_ALLOW_PRIVATE_NETWORKS=true");
            }
        }
        return addresses;
    }

    /** True for every address a user-given URL must not reach. */
    public static boolean isBlocked(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return blocked4(b);
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return true; // fc00::/7 unique local
            }
            boolean zeros80 = true;
            for (int i = 0; i < 10; i++) {
                zeros80 &= b[i] == 0;
            }
            boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            boolean compatible = zeros80 && b[10] == 0 && b[11] == 0;
            boolean translated = zeros(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && b[10] == 0
                    && b[11] == 0; // ::ffff:0:a.b.c.d (SIIT)
            boolean nat64 = prefix(b, 0x00, 0x64, 0xff, 0x9b) && zeros(b, 4, 12); // 64:ff9b::/96
            if (mapped || compatible || translated || nat64) {
                return blocked4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if (prefix(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
                return true; // 64:ff9b:1::/48, NAT64 for local use only: never the public internet
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x02) {
                return blocked4(new byte[] {b[2], b[3], b[4], b[5]}); // 6to4 2002::/16 wraps an IPv4 address
            }
            if (prefix(b, 0x20, 0x01, 0x00, 0x00)) { // Teredo 2001::/32: the server's address, then the client's inverted
                return blocked4(new byte[] {b[4], b[5], b[6], b[7]}) || blocked4(new byte[] {(byte) ~b[12],
                        (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]});
            }
            return first == 0x01 && b[1] == 0 && b[2] == 0 && b[3] == 0; // 100::/64 discard
        }
        return true;
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean prefix(byte[] b, int... p) {
        for (int i = 0; i < p.length; i++) {
            if ((b[i] & 0xff) != p[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean blocked4(byte[] b) {
        int x = b[0] & 0xff;
        int y = b[1] & 0xff;
        return x == 0 || x == 10 || x == 127 || x >= 224                      // this network, private, loopback, multicast, reserved
                || (x == 100 && y >= 64 && y <= 127)                         // CGNAT 100.64/10
                || (x == 169 && y == 254) || (x == 172 && y >= 16 && y <= 31) || (x == 192 && y == 168)
                || (x == 192 && y == 0 && (b[2] & 0xff) == 0)                // IETF protocol assignments
                || (x == 198 && (y == 18 || y == 19));                       // benchmarking
    }

    private static String redacted(URI uri) {
        return uri.getScheme() + "://…@" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
