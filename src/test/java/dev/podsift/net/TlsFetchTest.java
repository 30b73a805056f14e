package dev.podsift.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real feeds are https: the command line reads one from a TLS server on 127.0.0.1 whose certificate (made here with
 * the JDK's keytool, for the name "localhost" only) the forked JVM is told to trust. The name must match: the same
 * server reached as 127.0.0.1 is refused, and so is an untrusted certificate.
 */
class TlsFetchTest {
    private static void keytool(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    private static String feedShow(Path trust, String url) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m"));
        if (trust != null) {
            cmd.addAll(List.of("-Djavax.net.ssl.trustStore=" + trust, "-Djavax.net.ssl.trustStorePassword=changeit"));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.podsift.cli.Main", "feeds", "show", url));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PODSIFT_ALLOW_PRIVATE_NETWORKS", "true");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() + "\n" + out;
    }

    @Test
    void anHttpsFeedIsReadWithTheNameCheckedAndTheCertificateTrusted(@TempDir Path dir) throws Exception {
        keytool(dir, "-genkeypair", "-alias", "local", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-keystore", "server.p12", "-storetype",
                "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        keytool(dir, "-exportcert", "-alias", "local", "-keystore", "server.p12", "-storepass", "changeit", "-file",
                "local.cer");
        keytool(dir, "-importcert", "-noprompt", "-alias", "local", "-file", "local.cer", "-keystore", "trust.p12",
                "-storetype", "PKCS12", "-storepass", "changeit");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(dir.resolve("server.p12").toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        byte[] feed = Files.readAllBytes(Path.of("src/main/resources/demo/data-bench.xml"));
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/feed.xml", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, feed.length);
            ex.getResponseBody().write(feed);
            ex.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            String ok = feedShow(dir.resolve("trust.p12"), "https://localhost:" + port + "/feed.xml");
            assertTrue(ok.startsWith("0\n") && ok.contains("\"title\" : \"The Data Bench\"")
                    || ok.startsWith("0\n") && ok.contains("The Data Bench"), ok);

            String wrongName = feedShow(dir.resolve("trust.p12"), "https://127.0.0.1:" + port + "/feed.xml");
            assertNotEquals('0', wrongName.charAt(0), wrongName);
            assertTrue(wrongName.contains("certificate is for another name") && !wrongName.contains("The Data Bench"),
                    wrongName);

            String untrusted = feedShow(null, "https://localhost:" + port + "/feed.xml");
            assertNotEquals('0', untrusted.charAt(0), untrusted);
            assertTrue(untrusted.contains("certificate is not trusted") && !untrusted.contains("The Data Bench"),
                    untrusted);
            System.out.println("TlsFetchTest: name mismatch → " + wrongName.lines().reduce((a, b) -> b).orElse("")
                    + " | untrusted → " + untrusted.lines().reduce((a, b) -> b).orElse(""));
        } finally {
            server.stop(0);
        }
    }
}
