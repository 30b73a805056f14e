package dev.podsift.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client every outbound request goes through (Apache HttpClient 5, wrapped here so no other class sees
 * it). It resolves host names itself and connects only to the addresses the {@link AddressPolicy} approved in that
 * same look-up, so a name cannot pass the check with a public address and then connect to a private one (DNS
 * rebinding). It follows no redirects, decompresses nothing and retries nothing: {@link Fetcher} does those with
 * its own checks and caps.
 */
final class HttpTransport implements Closeable {
    /** A look-up the policy refused; carries the user-facing reason through the client library. */
    static final class Refused extends UnknownHostException {
        final transient FeedException reason;

        Refused(FeedException reason) {
            super(reason.getMessage());
            this.reason = reason;
        }
    }

    /** One response: status, headers (names lower-cased, first value), the raw body and a way to drop it. */
    static final class Response implements Closeable {
        private final ClassicHttpResponse response;
        private final HttpGet request;
        private final Map<String, String> headers;
        private final URI uri;

        private Response(ClassicHttpResponse response, HttpGet request, URI uri) {
            this.response = response;
            this.request = request;
            this.uri = uri;
            Map<String, String> h = new TreeMap<>();
            for (Header header : response.getHeaders()) {
                h.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
            }
            this.headers = h;
        }

        int status() {
            return response.getCode();
        }

        /** The first value of header {@code name} (any case), or null. */
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        long contentLength() {
            String v = header("Content-Length");
            try {
                return v == null ? -1 : Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        URI uri() {
            return uri;
        }

        /**
         * The body as sent (still content-encoded); empty when there is none. Closed before its end, it reads at most
         * {@link #LEFTOVER} more bytes looking for the end (a gzip trailer, an exact Content-Length read: the
         * connection stays reusable) and otherwise cuts the connection. The client library's own close would read
         * the whole rest, so a body stopped at its cap would still be downloaded to the end, up to the deadline.
         */
        InputStream body() throws IOException {
            HttpEntity e = response.getEntity();
            if (e == null) {
                return InputStream.nullInputStream();
            }
            return new java.io.FilterInputStream(e.getContent()) {
                private boolean ended;

                @Override
                public int read() throws IOException {
                    int b = super.read();
                    ended |= b < 0;
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int n = super.read(buf, off, len);
                    ended |= n < 0;
                    return n;
                }

                @Override
                public void close() throws IOException {
                    if (!ended) {
                        try {
                            ended = in.skip(LEFTOVER) < LEFTOVER && in.read() < 0;
                        } catch (IOException gone) {
                            ended = false;
                        }
                    }
                    if (!ended) {
                        abort();
                    }
                    try {
                        super.close();
                    } catch (IOException cutOff) {
                        if (ended) {
                            throw cutOff;
                        }
                        // after an abort there is nothing to close cleanly; the reader already has its answer
                    }
                }
            };
        }

        /** Cuts the connection at once (from any thread): a blocked read fails instead of draining the body. */
        void abort() {
            request.cancel();
        }

        /** Releases the response; a body not read to its end is cut off rather than drained. */
        @Override
        public void close() {
            abort();
            try {
                response.close();
            } catch (IOException ignored) {
                // the connection is discarded either way
            }
        }
    }

    /** What closing an unfinished body may still read to find its end and keep the connection. */
    static final long LEFTOVER = 64 * 1024;
    private static final String USER_AGENT = "Podsift/0.1 (+podcast insight digest)";
    private final CloseableHttpClient client;

    HttpTransport(Duration timeout, AddressPolicy policy) {
        Timeout t = Timeout.ofMilliseconds(timeout.toMillis());
        DnsResolver dns = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                try {
                    return policy.addresses(host);
                } catch (FeedException e) {
                    throw new Refused(e);
                }
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(dns)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t)
                                .build())
                        .setMaxConnTotal(64).setMaxConnPerRoute(8)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(t).build())
                .disableRedirectHandling().disableContentCompression().disableAutomaticRetries()
                .disableCookieManagement().disableAuthCaching().setUserAgent(USER_AGENT)
                .build();
    }

    /** Sends one GET; the caller closes the response. */
    Response get(URI uri, Map<String, String> headers) throws IOException {
        HttpGet get = new HttpGet(uri);
        headers.forEach(get::setHeader);
        try {
            return new Response(client.executeOpen(null, get, null), get, uri);
        } catch (org.apache.hc.core5.http.NoHttpResponseException e) {
            throw new IOException("the server closed the connection without an HTTP answer", e);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
