package dev.adjoint.internal.cache;

import dev.adjoint.internal.bytecode.ClassHierarchy;

/**
 * Where companions generated earlier are found before the engine generates them again: the persistent
 * {@link CacheDirectory}, and the {@link PrecomputedCompanions} that {@code ad instrument} writes into jars. Both
 * hold {@link CompanionEntry} files and return only entries that are intact and whose consulted classes are unchanged.
 */
public interface CompanionStore {

    /**
     * @param key       the companion's key
     * @param loader    the class loader of the host (null for the boot loader)
     * @param hierarchy the classes as that loader sees them, to check the entry's dependencies against
     * @return the valid entry, or null
     */
    CompanionEntry find(CompanionKey key, ClassLoader loader, ClassHierarchy hierarchy);
}
