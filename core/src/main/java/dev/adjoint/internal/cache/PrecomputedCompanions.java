package dev.adjoint.internal.cache;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.adjoint.internal.bytecode.ClassHierarchy;

/**
 * Companions that {@code ad instrument} generated ahead of time and wrote into a jar (or a directory of classes) as
 * resources, {@code META-INF/adjoint/companions/KEY.companion}, beside the unchanged classes. They are found through
 * the host's class loader, then the system class loader: the key is a content hash, so an entry may live in any jar
 * of the class path (those of a library reached from the user's jar usually live in the user's jar).
 *
 * <p>A class loader is searched only when it sees the marker {@link #MARKER} of an instrumented jar, so a JVM
 * without instrumented jars pays one failed resource lookup per class loader.
 */
public final class PrecomputedCompanions implements CompanionStore {

    /** Where an instrumented jar keeps what {@code ad instrument} added. */
    public static final String DIRECTORY = "META-INF/adjoint/";
    /** The marker of an instrumented jar: a properties file saying which engine made it. */
    public static final String MARKER = DIRECTORY + "instrumented.properties";

    private final Map<ClassLoader, Boolean> instrumented = Collections.synchronizedMap(new WeakHashMap<>());
    private final Consumer<String> report;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** @param report where to say, once each, which entries are bad or stale and are generated again (verbose) */
    public PrecomputedCompanions(Consumer<String> report) {
        this.report = report;
    }

    /** @return the resource name of the entry of a key */
    public static String resource(CompanionKey key) {
        return DIRECTORY + "companions/" + key.hex() + ".companion";
    }

    /** @return whether the system class loader sees an instrumented jar */
    public boolean present() {
        return isInstrumented(ClassLoader.getSystemClassLoader());
    }

    /** @return whether a class loader, or the system class loader, sees an instrumented jar */
    public boolean mayHold(ClassLoader loader) {
        return loader != null && isInstrumented(loader) || isInstrumented(ClassLoader.getSystemClassLoader());
    }

    @Override
    public CompanionEntry find(CompanionKey key, ClassLoader loader, ClassHierarchy hierarchy) {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        CompanionEntry e = loader == null || loader == system ? null : findIn(key, loader, hierarchy);
        return e != null ? e : findIn(key, system, hierarchy);
    }

    private CompanionEntry findIn(CompanionKey key, ClassLoader loader, ClassHierarchy hierarchy) {
        if (!isInstrumented(loader)) {
            return null;
        }
        String name = resource(key);
        byte[] bytes;
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                return null;
            }
            bytes = in.readNBytes(CompanionEntry.MAX_SIZE + 1);
        } catch (IOException e) {
            once(name, "precomputed: cannot read " + name + " (" + e + "); generating it");
            return null;
        }
        CompanionEntry entry;
        try {
            entry = CompanionEntry.parse(bytes, key);
        } catch (InvalidEntryException e) {
            once(name, "precomputed: ignored " + name + ": " + e.getMessage() + "; generating it");
            return null;
        }
        String changed = entry.changedDependency(hierarchy);
        if (changed != null) {
            once(name, "precomputed: " + name + " does not apply (" + changed.replace('/', '.')
                    + " differs from when it was instrumented); generating it");
            return null;
        }
        return entry;
    }

    private boolean isInstrumented(ClassLoader loader) {
        return instrumented.computeIfAbsent(loader, l -> l.getResource(MARKER) != null);
    }

    private void once(String what, String message) {
        if (reported.add(what)) {
            report.accept(message);
        }
    }
}
