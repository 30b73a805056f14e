package dev.podsift.web;

import io.javalin.http.Context;
import java.util.Set;

/**
 * The address a request comes from, for rate limits: the connecting address, unless that is one of the operator's
 * reverse proxies (PODSIFT_TRUSTED_PROXIES), when it is the last address in X-Forwarded-For that is not a proxy of
 * theirs. A visitor cannot choose their address by sending the header themselves.
 */
final class ClientAddress {
    private final Set<String> trustedProxies;

    ClientAddress(Set<String> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return peer;
    }
}
