package dev.podsift.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One open database (SQLite file or PostgreSQL), migrated to the current schema on open. The stores share one
 * connection, one transaction at a time: {@link #inTransaction} is serialised, so the web app's threads and the
 * background tasks can use the same stores. The scheduler gets its own connections from {@link #dataSource()}.
 *
 * <p>A lost connection (PostgreSQL restarted, the network dropped) is replaced: a transaction whose connection died
 * before it reached COMMIT is run once more on a new connection (the server rolled it back, so nothing happens
 * twice); one that died during COMMIT fails with a clear error and is not repeated, since it may have landed —
 * the task that ran it retries later, and its guarded updates make a second attempt harmless.
 */
public final class Database implements AutoCloseable {
    private Connection connection;
    private final Dialect dialect;
    private final String url;
    private final String user;
    private final String password;
    private int depth;

    private Database(Connection connection, Dialect dialect, String url, String user, String password) {
        this.connection = connection;
        this.dialect = dialect;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Opens {@code jdbcUrl} (with optional credentials) and applies any pending migrations. */
    public static Database open(String jdbcUrl, String user, String password) throws StoreException {
        Dialect dialect = Dialect.forUrl(jdbcUrl);
        try {
            Path file = null;
            if (dialect == Dialect.SQLITE) {
                file = Path.of(jdbcUrl.substring("jdbc:sqlite:".length()));
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                refuseEmpty(file);
            }
            Connection c = connect(jdbcUrl, dialect, user, password);
            if (file != null) {
                refuseDamaged(c, file);
            }
            Database db = new Database(c, dialect, jdbcUrl, user, password);
            db.migrate();
            return db;
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("cannot open the database " + redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
    }

    /**
     * A database file of zero bytes is not a new database: something truncated it (a full disk, a bad copy). Opening
     * it would quietly start over with nothing, so it is refused.
     */
    private static void refuseEmpty(Path file) throws StoreException, java.io.IOException {
        if (Files.isRegularFile(file) && Files.size(file) == 0) {
            throw new StoreException("the database file " + file + " is empty (0 bytes): it was truncated or never "
                    + "written, and opening it would start over with no feeds, subscribers or history. Restore it "
                    + "from a backup; or, to really start over, delete it.", null);
        }
    }

    /** Damage inside the file (pages overwritten, a torn copy) is found at start-up, not months later. */
    private static void refuseDamaged(Connection c, Path file) throws StoreException {
        StringBuilder problems = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check(5)")) {
            while (rs.next()) {
                String line = rs.getString(1);
                if (!"ok".equals(line)) {
                    problems.append(problems.length() == 0 ? "" : "; ").append(line);
                }
            }
        } catch (SQLException e) {
            problems.append(e.getMessage());
        }
        if (problems.length() > 0) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // refusing anyway
            }
            throw new StoreException("the database file " + file + " is damaged (SQLite's quick_check: " + problems
                    + "). Stop Podsift, keep a copy of the file, and restore it from a backup; or salvage what is "
                    + "readable with: sqlite3 " + file + " .recover | sqlite3 recovered.db, and move recovered.db "
                    + "into its place.", null);
        }
    }

    private static Connection connect(String jdbcUrl, Dialect dialect, String user, String password)
            throws SQLException {
        Connection c = user == null ? DriverManager.getConnection(jdbcUrl)
                : DriverManager.getConnection(jdbcUrl, user, password);
        if (dialect == Dialect.SQLITE) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA foreign_keys = ON");
                s.execute("PRAGMA journal_mode = WAL");
                // with WAL, NORMAL keeps the database consistent through crashes and kill -9; only a power cut
                // can lose the last commits (SQLite's recommended pairing)
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("PRAGMA busy_timeout = 10000");
            }
        }
        return c;
    }

    /** A SQLite database in {@code dataDir}/podsift.db. */
    public static Database sqlite(Path dataDir) throws StoreException {
        return open("jdbc:sqlite:" + dataDir.resolve("podsift.db"), null, null);
    }

    private void migrate() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        }
        int current = 0;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            if (rs.next()) {
                current = rs.getInt(1);
            }
        }
        List<List<String>> steps = Migrations.STEPS;
        for (int v = current + 1; v <= steps.size(); v++) {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                for (String sql : steps.get(v - 1)) {
                    s.execute(dialect.ddl(sql));
                }
                s.execute("INSERT INTO schema_version (version) VALUES (" + v + ")");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw new SQLException("migration " + v + " failed: " + e.getMessage(), e);
            } finally {
                connection.setAutoCommit(auto);
            }
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * A source of further connections to the same database (same settings as this one), for the task scheduler,
     * which manages its own transactions.
     */
    public javax.sql.DataSource dataSource() {
        if (dialect == Dialect.SQLITE) {
            org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
            config.enforceForeignKeys(true);
            config.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
            config.setBusyTimeout(10_000);
            config.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.NORMAL);
            org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource(config);
            ds.setUrl(url);
            return ds;
        }
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(url);
        if (user != null) {
            ds.setUser(user);
            ds.setPassword(password);
        }
        return ds;
    }

    /**
     * Runs {@code work} in one transaction. Calls are serialised; a call made from inside another one's work joins
     * the outer transaction.
     */
    public synchronized <T> T inTransaction(SqlWork<T> work) throws StoreException {
        if (depth > 0) {
            try {
                return work.run(connection);
            } catch (SQLException e) {
                throw new StoreException("database error: " + e.getMessage(), e);
            }
        }
        depth++;
        try {
            for (int attempt = 1; ; attempt++) {
                boolean committing = false;
                try {
                    if (connection.isClosed()) {
                        reconnect();
                    }
                    connection.setAutoCommit(false);
                    try {
                        T result = work.run(connection);
                        committing = true;
                        connection.commit();
                        return result;
                    } catch (SQLException | RuntimeException e) {
                        rollbackQuietly();
                        throw e;
                    } finally {
                        autoCommitQuietly();
                    }
                } catch (SQLException e) {
                    if (!lostConnection(e)) {
                        throw new StoreException("database error: " + e.getMessage(), e);
                    }
                    reconnectQuietly();
                    if (committing || attempt >= 2) {
                        throw new StoreException("the database connection was lost" + (committing
                                ? " while committing (the change may or may not have been saved; it is retried later)"
                                : "") + ": " + e.getMessage(), e);
                    }
                    // died before COMMIT: the server rolled it back, so running it again cannot double anything
                }
            }
        } finally {
            depth--;
        }
    }

    /** True when {@code e} means the connection itself is gone, not that the statement was wrong. */
    private boolean lostConnection(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        try {
            return dialect == Dialect.POSTGRES && !connection.isValid(2);
        } catch (SQLException ignored) {
            return true;
        }
    }

    private void reconnect() throws SQLException {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // it is being replaced because it is broken
        }
        connection = connect(url, dialect, user, password);
    }

    private void reconnectQuietly() {
        try {
            reconnect();
        } catch (SQLException ignored) {
            // still down: the next transaction tries again and reports it
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // a dead connection has nothing to roll back; the server discards the transaction
        }
    }

    private void autoCommitQuietly() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // a dead connection is replaced before the next transaction
        }
    }

    /** Runs store calls as one transaction: each call joins it; any failure rolls all of them back. */
    public <T> T atomically(StoreWork<T> work) throws StoreException {
        try {
            return inTransaction(c -> {
                try {
                    return work.run();
                } catch (StoreException e) {
                    throw new Carrier(e);
                }
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof Carrier carrier) {
                throw carrier.inner;
            }
            throw e;
        }
    }

    /** Work made of store calls. */
    @FunctionalInterface
    public interface StoreWork<T> {
        T run() throws StoreException;
    }

    /** Carries a store failure through {@link #inTransaction}'s rollback unchanged. */
    private static final class Carrier extends SQLException {
        private final StoreException inner;

        Carrier(StoreException inner) {
            super(inner.getMessage(), inner);
            this.inner = inner;
        }
    }

    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }

    @Override
    public synchronized void close() throws StoreException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the database: " + e.getMessage(), e);
        }
    }
}
