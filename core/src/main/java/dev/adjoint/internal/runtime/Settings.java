package dev.adjoint.internal.runtime;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Options read from system properties (and set by the agent from its own options).
 *
 * <ul>
 *   <li>{@code adjoint.dump=DIR}: write each companion's listing (IR, activity, trees, bytecode) and class file;</li>
 *   <li>{@code adjoint.verify=true}: verify every generated class before defining it (the tests set it);</li>
 *   <li>{@code adjoint.verbose=true}: report generation on standard error;</li>
 *   <li>{@code adjoint.cache=DIR} (or {@code off}): the persistent cache of generated code. Off unless set here or
 *       by the agent, whose default is {@link #defaultCache()}.</li>
 * </ul>
 *
 * <p>Setting options opens nothing: the agent sets them on its start-up path.
 */
public final class Settings {

    private static volatile Path dump = path(System.getProperty("adjoint.dump"));
    private static volatile boolean verify = Boolean.getBoolean("adjoint.verify");
    private static volatile boolean verbose = Boolean.getBoolean("adjoint.verbose");
    private static volatile Path cache = cachePath(System.getProperty("adjoint.cache"));
    private static volatile boolean cacheByDefault;

    private Settings() {
    }

    private static Path path(String s) {
        return s == null || s.isEmpty() ? null : Paths.get(s);
    }

    private static Path cachePath(String s) {
        return s == null || s.isEmpty() || "off".equals(s) ? null : Paths.get(s);
    }

    /** @return whether {@code -Dadjoint.cache} was given (it then wins over the agent's default) */
    public static boolean cacheConfigured() {
        return System.getProperty("adjoint.cache") != null;
    }

    /** @return the directory of the persistent cache, or null when it is off */
    public static Path cache() {
        Path c = cache;
        if (c == null && cacheByDefault) {
            c = cache = defaultCache();
        }
        return c;
    }

    /** @param dir the directory of the persistent cache, or null to turn it off */
    public static void cache(Path dir) {
        cacheByDefault = false;
        cache = dir;
    }

    /** Turns the cache on in {@link #defaultCache()}, found when first needed (reading the environment costs). */
    public static void cacheByDefault() {
        cacheByDefault = true;
    }

    /**
     * The cache directory the agent uses unless told otherwise: {@code $XDG_CACHE_HOME/adjoint}, else
     * {@code ~/.cache/adjoint} (on Windows {@code %LOCALAPPDATA%\adjoint\cache}).
     *
     * @return the default cache directory
     */
    public static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Paths.get(xdg).isAbsolute()) {
            return Paths.get(xdg, "adjoint");
        }
        String local = System.getenv("LOCALAPPDATA");
        if (System.getProperty("os.name", "").startsWith("Windows") && local != null && !local.isBlank()) {
            return Paths.get(local, "adjoint", "cache");
        }
        return Paths.get(System.getProperty("user.home"), ".cache", "adjoint");
    }

    /** @return the dump directory, or null */
    public static Path dump() {
        return dump;
    }

    public static void dump(Path dir) {
        dump = dir;
    }

    public static boolean verify() {
        return verify;
    }

    public static void verify(boolean on) {
        verify = on;
    }

    public static boolean verbose() {
        return verbose;
    }

    public static void verbose(boolean on) {
        verbose = on;
    }
}
