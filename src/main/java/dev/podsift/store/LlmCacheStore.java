package dev.podsift.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.InstantSource;
import java.util.Optional;

/** Answers of the hero model by request key, so a re-run pays for nothing it already asked. */
public final class LlmCacheStore {
    private final Database db;
    private final InstantSource clock;

    public LlmCacheStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    public Optional<String> get(String key) throws StoreException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT answer FROM llm_cache WHERE cache_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    public void put(String key, String answer) throws StoreException {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO llm_cache (cache_key, answer, created_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT (cache_key) DO NOTHING")) {
                ps.setString(1, key);
                ps.setString(2, answer);
                ps.setLong(3, clock.millis());
                return ps.executeUpdate();
            }
        });
    }
}
