package dev.adjoint.internal.cache;

import java.nio.charset.StandardCharsets;

import dev.adjoint.internal.activity.PassiveArguments;
import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Engine;

/**
 * What a stored companion is looked up by: a 128-bit {@linkplain Fnv128 FNV-1a hash} over the
 * {@linkplain ClassHierarchy#classDigest digest} of the host's class file, the method, the mode, the companion's name,
 * the engine's {@linkplain Engine#VERSION version} and {@linkplain Engine#build() build}, and the derivative rules in
 * force ({@code RuleTable.fingerprint()}: users may register their own). The classes that the
 * generation consulted besides the host are not known before generating; they are recorded in the entry and checked
 * when it is found ({@link CompanionEntry#changedDependency}), so a changed library never serves a stale companion.
 *
 * <p>The host enters through its digest, which the runtime computes once per class
 * ({@link ClassHierarchy#digest}) instead of hashing the class file again for each of its methods.
 */
public final class CompanionKey {

    private static final String FORMAT = "adjoint companion key 4";

    private static volatile Shared shared;

    private final String hex;

    CompanionKey(String hex) {
        this.hex = hex;
    }

    /**
     * @param hostBytes     the class file the companion is generated from
     * @param companionName the internal name of the companion
     * @param method        the method's name
     * @param descriptor    the method's descriptor
     * @param mode          reverse or forward mode
     * @param rules         the fingerprint of the derivative rules the engine applies
     * @return the key
     */
    public static CompanionKey of(byte[] hostBytes, String companionName, String method, String descriptor,
                                  Engine.Mode mode, String rules) {
        return of(hostBytes, companionName, method, descriptor, mode, rules, PassiveArguments.NONE);
    }

    /**
     * As {@link #of(byte[], String, String, String, Engine.Mode, String)}, for the companion of calls that pass some
     * floating-point parameters without a derivative ({@link PassiveArguments}).
     *
     * @param passive those parameters; the general companion's key has none and names none
     * @return the key
     */
    public static CompanionKey of(byte[] hostBytes, String companionName, String method, String descriptor,
                                  Engine.Mode mode, String rules, int passive) {
        return ofDigest(ClassHierarchy.classDigest(hostBytes), companionName, method, descriptor, mode, rules, passive);
    }

    /**
     * As {@link #of(byte[], String, String, String, Engine.Mode, String, int)}, from the host's digest: the same key.
     *
     * @param hostDigest the {@linkplain ClassHierarchy#classDigest digest} of the host's class file
     * @return the key
     */
    public static CompanionKey ofDigest(byte[] hostDigest, String companionName, String method, String descriptor,
                                        Engine.Mode mode, String rules, int passive) {
        Fnv128 hash = sharedPart(rules);
        String specialised = passive == PassiveArguments.NONE ? descriptor
                : descriptor + " passive " + Integer.toHexString(passive);
        for (String part : new String[] {mode.name(), companionName, method, specialised}) {
            absorb(hash, part);
        }
        hash.update(hostDigest);
        return new CompanionKey(hash.hex());
    }

    /**
     * @return a hash that has absorbed what every key of this engine and rule set shares: hashed once, since the
     *         rules' fingerprint is a few hundred bytes that the interpreter otherwise hashed again for every companion
     */
    private static Fnv128 sharedPart(String rules) {
        Shared s = shared;
        if (s == null || !s.rules.equals(rules)) {
            Fnv128 hash = new Fnv128();
            for (String part : new String[] {FORMAT, Engine.VERSION, Engine.build(), rules}) {
                absorb(hash, part);
            }
            shared = s = new Shared(rules, hash);
        }
        return s.hash.copy();
    }

    /** Each part ends with a NUL, which none contains, so that no two lists of parts hash the same bytes. */
    private static void absorb(Fnv128 hash, String part) {
        hash.update(part.getBytes(StandardCharsets.UTF_8));
        hash.update((byte) 0);
    }

    /** The shared part's hash, for the rules it was computed for; never updated once published. */
    private static final class Shared {
        final String rules;
        final Fnv128 hash;

        Shared(String rules, Fnv128 hash) {
            this.rules = rules;
            this.hash = hash;
        }
    }

    /** @return the key as 32 hex digits */
    public String hex() {
        return hex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompanionKey && ((CompanionKey) o).hex.equals(hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    @Override
    public String toString() {
        return hex;
    }
}
