package dev.modelservice.store;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The location of the store's database, and the credentials and pool to reach it.
 *
 * @param jdbcUrl {@code jdbc:hsqldb:...} for HSQLDB or {@code jdbc:postgresql://...} for PostgreSQL
 * @param user the database user
 * @param password the user's password, possibly empty
 * @param pool the connection pool settings
 * @param clock the time source for created times and nonce expiry
 */
public record StoreSettings(String jdbcUrl, String user, String password, PoolSettings pool, Clock clock) {

    /** HSQLDB's default administrator, which an embedded database is created with. */
    private static final String HSQLDB_USER = "SA";

    /** The file name prefix of the embedded database's files in its folder. */
    private static final String EMBEDDED_DATABASE_NAME = "model-service";

    public StoreSettings {
        if (jdbcUrl == null || !(jdbcUrl.startsWith("jdbc:hsqldb:") || jdbcUrl.startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException("JDBC URL '" + redact(jdbcUrl) + "' is not supported;"
                    + " use jdbc:hsqldb:file:PATH or jdbc:postgresql://HOST:PORT/DATABASE");
        }
        if (user == null) {
            throw new IllegalArgumentException("database user is missing");
        }
        if (password == null) {
            throw new IllegalArgumentException("database password is missing; give an empty one for none");
        }
        if (pool == null) {
            throw new IllegalArgumentException("pool settings are missing");
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock is missing");
        }
    }

    /** Returns settings for an embedded HSQLDB database in files under {@code folder}, created on first use. */
    public static StoreSettings embedded(Path folder) {
        String path = folder.toAbsolutePath().normalize().resolve(EMBEDDED_DATABASE_NAME).toString();
        if (path.contains(";")) {
            throw new IllegalArgumentException("database folder '" + folder + "' contains ';',"
                    + " which ends an HSQLDB path; choose a folder without it");
        }
        return new StoreSettings("jdbc:hsqldb:file:" + path, HSQLDB_USER, "", PoolSettings.DEFAULT, Clock.systemUTC());
    }

    /** Returns settings for a database reached by JDBC URL, with the default pool and the system clock. */
    public static StoreSettings of(String jdbcUrl, String user, String password) {
        return new StoreSettings(jdbcUrl, user, password, PoolSettings.DEFAULT, Clock.systemUTC());
    }

    public StoreSettings withPool(PoolSettings poolSettings) {
        return new StoreSettings(jdbcUrl, user, password, poolSettings, clock);
    }

    public StoreSettings withClock(Clock time) {
        return new StoreSettings(jdbcUrl, user, password, pool, time);
    }

    public boolean isHsqldb() {
        return jdbcUrl.startsWith("jdbc:hsqldb:");
    }

    /** Returns whether the URL names an HSQLDB database in files inside this process. */
    public boolean isEmbeddedFile() {
        return jdbcUrl.startsWith("jdbc:hsqldb:file:");
    }

    /** Returns the JDBC URL without its properties, for messages and logs. */
    public String redactedUrl() {
        return redact(jdbcUrl);
    }

    /** Leaves the password out, and anything after the URL's path, where a password may be too. */
    @Override
    public String toString() {
        return "StoreSettings[jdbcUrl=" + redactedUrl() + ", user=" + user + ", pool=" + pool + "]";
    }

    /** Returns the URL up to its first property separator, since properties may hold a password. */
    private static String redact(String url) {
        if (url == null) {
            return null;
        }
        int end = url.length();
        for (char separator : new char[] {'?', ';'}) {
            int at = url.indexOf(separator);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return end < url.length() ? url.substring(0, end) + "..." : url;
    }
}
