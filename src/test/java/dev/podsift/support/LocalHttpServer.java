package dev.podsift.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP server on 127.0.0.1 for tests: serves a directory of files, plus canned routes (status, body,
 * content type, or a delay longer than the client's timeout).
 */
public final class LocalHttpServer implements AutoCloseable {
    /** A canned response. */
    public record Route(int status, String contentType, byte[] body, long delayMs) {
    }

    private final HttpServer server;
    private final Path root;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    /** The last request's body and headers, for protocol assertions. */
    public volatile String lastBody;
    public volatile com.sun.net.httpserver.Headers lastHeaders;
    public final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

    public LocalHttpServer(Path root) throws IOException {
        this.root = root == null ? null : root.toAbsolutePath().normalize();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + (path.startsWith("/") ? path : "/" + path);
    }

    /** A hand-written handler for one path (misbehaving servers: lying lengths, cut bodies). */
    public void handler(String path, com.sun.net.httpserver.HttpHandler h) {
        server.createContext(path, h);
    }

    public void route(String path, Route r) {
        routes.put(path, r);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            lastBody = new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            lastHeaders = ex.getRequestHeaders();
            requests.incrementAndGet();
            Route r = routes.get(path);
            if (r == null && root != null) {
                Path f = root.resolve(path.substring(1)).normalize();
                if (f.startsWith(root) && Files.isRegularFile(f)) {
                    String type = f.toString().endsWith(".xml") || f.toString().endsWith(".rss") ? "application/rss+xml"
                            : "application/octet-stream";
                    r = new Route(200, type, Files.readAllBytes(f), 0);
                }
            }
            if (r == null) {
                r = new Route(404, "text/plain", "not found".getBytes(), 0);
            }
            if (r.delayMs() > 0) {
                try {
                    Thread.sleep(r.delayMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ex.getResponseHeaders().set("Content-Type", r.contentType());
            ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            } catch (IOException ignored) {
                // the client gave up (timeout tests): nothing to do
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
