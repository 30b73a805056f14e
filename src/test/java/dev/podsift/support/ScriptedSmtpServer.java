package dev.podsift.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server on 127.0.0.1 (RFC 5321's commands, one connection at a time) whose answers to RCPT and to the end of
 * DATA follow a script, for the refusals a real server gives: 451 (try later), 550 (no such mailbox).
 * What it accepted is kept in {@link #accepted}.
 */
public final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread thread;
    /** Replies to RCPT TO, used in order; "250 OK" when empty. */
    public final Queue<String> rcptReplies = new ConcurrentLinkedQueue<>();
    /** Replies to the end of DATA, used in order; "250 OK" when empty. */
    public final Queue<String> dataReplies = new ConcurrentLinkedQueue<>();
    public final List<String> accepted = new CopyOnWriteArrayList<>();
    /** How many messages were accepted; with {@link #keepBodies} off (benchmarks) only this is kept. */
    public final java.util.concurrent.atomic.AtomicInteger acceptedCount = new java.util.concurrent.atomic.AtomicInteger();
    public volatile boolean keepBodies = true;

    public ScriptedSmtpServer() throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "scripted-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs one on a free port until killed, printing the port (for trying the benchmark programs by hand). */
    public static void main(String[] args) throws Exception {
        ScriptedSmtpServer s = new ScriptedSmtpServer();
        s.keepBodies = false;
        System.out.println(s.port());
        Thread.sleep(Long.MAX_VALUE);
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                s.setSoTimeout(10_000);
                s.setTcpNoDelay(true); // answer each command at once, as mail servers do
                session(s);
            } catch (IOException e) {
                // closed, or the client went away: take the next connection
            }
        }
    }

    private void session(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        reply(out, "220 scripted.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            switch (cmd) {
                case "EHLO", "HELO" -> reply(out, "250 scripted.test");
                case "MAIL" -> reply(out, "250 OK");
                case "RCPT" -> reply(out, next(rcptReplies));
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    StringBuilder body = new StringBuilder();
                    String l;
                    while ((l = in.readLine()) != null && !l.equals(".")) {
                        body.append(l).append('\n');
                    }
                    if (l == null) {
                        return; // the client died mid-message (KillTest): a real server never accepts half a message
                    }
                    String r = next(dataReplies);
                    if (r.startsWith("250")) {
                        acceptedCount.incrementAndGet();
                        if (keepBodies) {
                            accepted.add(body.toString());
                        }
                    }
                    reply(out, r);
                }
                case "RSET", "NOOP" -> reply(out, "250 OK");
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 not implemented");
            }
        }
    }

    private static String next(Queue<String> q) {
        String r = q.poll();
        return r == null ? "250 OK" : r;
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
