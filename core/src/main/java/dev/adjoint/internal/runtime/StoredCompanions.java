package dev.adjoint.internal.runtime;

import java.nio.file.Path;

import dev.adjoint.internal.cache.CacheDirectory;
import dev.adjoint.internal.cache.CompanionEntry;
import dev.adjoint.internal.cache.CompanionKey;
import dev.adjoint.internal.cache.PrecomputedCompanions;
import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.TransformException;

/**
 * Companions generated earlier, consulted before the engine generates one and fed after: first those precomputed
 * by {@code ad instrument} into the class path, then the persistent cache ({@link Settings#cache()}).
 */
final class StoredCompanions {

    /** How a companion was obtained, for the verbose report. */
    enum Origin {
        GENERATED("generated"),
        PRECOMPUTED("loaded precomputed"),
        CACHED("loaded cached");

        /** What the verbose report says was done. */
        final String verb;

        Origin(String verb) {
            this.verb = verb;
        }
    }

    /** Generates a companion with a hierarchy that records what the generation consults. */
    interface Generation {
        Companion generate(ClassHierarchy recording) throws TransformException;
    }

    /** A companion and where it came from. */
    static final class Obtained {
        final Companion companion;
        final Origin origin;

        Obtained(Companion companion, Origin origin) {
            this.companion = companion;
            this.origin = origin;
        }
    }

    private static final PrecomputedCompanions PRECOMPUTED = new PrecomputedCompanions(StoredCompanions::note);
    private static volatile CacheDirectory cache;

    private StoredCompanions() {
    }

    /** @return whether the class path holds a jar instrumented by {@code ad instrument} */
    static boolean precomputedPresent() {
        return PRECOMPUTED.present();
    }

    /**
     * @param key        the companion's key
     * @param loader     the host's class loader
     * @param hierarchy  the classes as that loader sees them
     * @param generation how to generate the companion when no store has it
     * @return the companion
     * @throws TransformException when it has to be generated and cannot be
     */
    static Obtained obtain(java.util.function.Supplier<CompanionKey> keys, ClassLoader loader,
                           ClassHierarchy hierarchy, Generation generation) throws TransformException {
        // a dump wants the listing, which only generation produces
        boolean reuse = Settings.dump() == null;
        CacheDirectory dir = cache();
        boolean precomputed = reuse && PRECOMPUTED.mayHold(loader);
        if (!precomputed && dir == null) {
            // no store: no key to compute (a digest costs the first gradient the security providers' set-up)
            return new Obtained(generation.generate(hierarchy), Origin.GENERATED);
        }
        CompanionKey key = keys.get();
        CompanionEntry e = precomputed ? PRECOMPUTED.find(key, loader, hierarchy) : null;
        if (e != null) {
            return new Obtained(e.companion(), Origin.PRECOMPUTED);
        }
        e = reuse && dir != null ? dir.find(key, loader, hierarchy) : null;
        if (e != null) {
            return new Obtained(e.companion(), Origin.CACHED);
        }
        ClassHierarchy recording = hierarchy.recording();
        Companion c = generation.generate(recording);
        if (dir != null) {
            dir.store(CompanionEntry.of(key, c, recording.consulted(), hierarchy));
        }
        return new Obtained(c, Origin.GENERATED);
    }

    /**
     * Called when a gradient's tape is released: stores the graph of the companions the cache served or stored, if
     * it reached any that the graph it read did not hold, so that the next JVM reads them all at once.
     */
    static void gradientEnded() {
        CacheDirectory c = cache;
        if (c != null) {
            c.storeGraph();
        }
    }

    private static synchronized CacheDirectory cache() {
        Path p = Settings.cache();
        if (p == null) {
            return null;
        }
        if (cache == null || !cache.root().equals(p.toAbsolutePath().normalize())) {
            cache = new CacheDirectory(p, StoredCompanions::note, StoredCompanions::warn);
        }
        return cache;
    }

    private static void note(String message) {
        if (Settings.verbose()) {
            System.err.println("[adjoint] " + message);
        }
    }

    private static void warn(String message) {
        System.err.println("[adjoint] " + message);
    }
}
