package dev.podsift.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    protected Database database() throws Exception {
        return Database.sqlite(dir);
    }
}
