package dev.podsift.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on a loopback address that misbehaves on purpose, written on raw sockets so it can do what a
 * well-behaved server library will not: lie about Content-Length, reset the connection, answer with garbage,
 * drip bytes, go silent after the headers, serve compression bombs. Paths not scripted are served from a folder.
 */
public final class HostileHttpServer implements AutoCloseable {
    /** What to do with one request: write anything (or nothing) to the socket. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(Socket socket, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Behaviour> paths = new ConcurrentHashMap<>();
    private final Path root;
    /** Requests received, all paths together. */
    public final AtomicInteger requests = new AtomicInteger();

    public HostileHttpServer(InetAddress address, Path root) throws IOException {
        this.root = root;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(address, 0));
        pool.submit(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    public void on(String path, Behaviour b) {
        paths.put(path, b);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                pool.submit(() -> session(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            requests.incrementAndGet();
            String path = head.split(" ", 3)[1];
            Behaviour b = paths.get(path);
            if (b != null) {
                b.serve(s, out);
            } else {
                serveFile(out, path);
            }
            out.flush();
        } catch (IOException | InterruptedException ignored) {
            // the client hung up, or we reset it on purpose
        }
    }

    private void serveFile(OutputStream out, String path) throws IOException {
        Path f = root == null ? null : root.resolve(path.substring(1)).normalize();
        if (f == null || !f.startsWith(root) || !Files.isRegularFile(f)) {
            respond(out, 404, "text/plain", Map.of(), "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String type = path.endsWith(".xml") ? "application/rss+xml" : path.endsWith(".json") ? "application/json"
                : path.endsWith(".vtt") ? "text/vtt" : "text/plain; charset=utf-8";
        respond(out, 200, type, Map.of(), Files.readAllBytes(f));
    }

    /** Writes a whole, honest response, closing the connection after it. */
    public static void respond(OutputStream out, int status, String type, Map<String, String> headers, byte[] body)
            throws IOException {
        StringBuilder h = new StringBuilder("HTTP/1.1 " + status + " X\r\nContent-Type: " + type
                + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n");
        headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        out.write(h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
    }

    /** Writes a status line and headers only. */
    public static void head(OutputStream out, int status, Map<String, String> headers) throws IOException {
        StringBuilder h = new StringBuilder("HTTP/1.1 " + status + " X\r\nConnection: close\r\n");
        headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        out.write(h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Announces a body of {@code length} bytes, sends only {@code sent}, and hangs up. */
    public static Behaviour announcing(long length, byte[] sent) {
        return announcing(length, sent, 0);
    }

    /** As {@link #announcing(long, byte[])}, holding the connection {@code holdMillis} before hanging up. */
    public static Behaviour announcing(long length, byte[] sent, long holdMillis) {
        return (socket, out) -> {
            head(out, 200, Map.of("Content-Type", "application/rss+xml", "Content-Length", String.valueOf(length)));
            out.write(sent);
            out.flush();
            Thread.sleep(holdMillis);
        };
    }

    /** Closes the socket with a TCP reset instead of an orderly close. */
    public static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        for (int c; (c = in.read()) >= 0; ) {
            b.write(c);
            state = (c == '\r' || c == '\n') ? state + 1 : 0;
            if (state == 4 || b.size() > 65_536) {
                return b.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
