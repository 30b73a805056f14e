package dev.podsift.web;

import dev.podsift.support.ServiceFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A daily service ({@link ServiceFixture}) with its web app listening on a free port of 127.0.0.1. */
final class Served implements AutoCloseable {
    final ServiceFixture f;
    final WebApp web;
    final String base;

    private Served(ServiceFixture f, WebApp web, String base) {
        this.f = f;
        this.web = web;
        this.base = base;
    }

    /** Starts one at {@code start} with the extra settings given as name, value pairs. */
    static Served at(Path dir, Instant start, String... settings) throws Exception {
        int port = WebAppTest.freePort();
        String base = "http://127.0.0.1:" + port;
        Map<String, String> env = new HashMap<>(Map.of("PODSIFT_BASE_URL", base));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        ServiceFixture f = new ServiceFixture(dir, start, env);
        WebApp web = new WebApp(f.service);
        web.start("127.0.0.1", port);
        return new Served(f, web, base);
    }

    @Override
    public void close() throws Exception {
        web.close();
        f.close();
    }
}
