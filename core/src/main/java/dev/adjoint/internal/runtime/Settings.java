package dev.adjoint.internal.runtime;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Options read from system properties (and set by the agent from its own options).
 *
 * <ul>
 *   <li>{@code adjoint.dump=DIR}: write each companion's listing (IR, activity, trees, bytecode) and class file;</li>
 *   <li>{@code adjoint.verify=true}: verify every generated class before defining it (the tests set it);</li>
 *   <li>{@code adjoint.verbose=true}: report generation on standard error.</li>
 * </ul>
 */
public final class Settings {

    private static volatile Path dump = path(System.getProperty("adjoint.dump"));
    private static volatile boolean verify = Boolean.getBoolean("adjoint.verify");
    private static volatile boolean verbose = Boolean.getBoolean("adjoint.verbose");

    private Settings() {
    }

    private static Path path(String s) {
        return s == null || s.isEmpty() ? null : Paths.get(s);
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
