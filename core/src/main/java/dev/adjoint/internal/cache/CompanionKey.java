package dev.adjoint.internal.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import dev.adjoint.internal.activity.PassiveArguments;
import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Engine;

/**
 * What a stored companion is looked up by: a SHA-256 over the {@linkplain ClassHierarchy#classDigest digest} of the
 * host's class file, the method, the mode, the companion's name, the engine's {@linkplain Engine#VERSION version} and
 * {@linkplain Engine#build() build}, and the derivative rules in force ({@code RuleTable.fingerprint()}: users may
 * register their own). The classes that the
 * generation consulted besides the host are not known before generating; they are recorded in the entry and checked
 * when it is found ({@link CompanionEntry#changedDependency}), so a changed library never serves a stale companion.
 *
 * <p>The host enters through its digest, which the runtime computes once per class
 * ({@link ClassHierarchy#digest}) instead of hashing the class file again for each of its methods.
 */
public final class CompanionKey {

    private static final String FORMAT = "adjoint companion key 3";

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
        MessageDigest sha = sharedPart(rules);
        String specialised = passive == PassiveArguments.NONE ? descriptor
                : descriptor + " passive " + Integer.toHexString(passive);
        for (String part : new String[] {mode.name(), companionName, method, specialised}) {
            absorb(sha, part);
        }
        return new CompanionKey(hex(sha.digest(hostDigest)));
    }

    /**
     * @return a SHA-256 that has absorbed what every key of this engine and rule set shares: hashed once, since the
     *         rules' fingerprint is a kilobyte that the interpreter otherwise hashed again for every companion
     */
    private static MessageDigest sharedPart(String rules) {
        Shared s = shared;
        if (s == null || !s.rules.equals(rules)) {
            MessageDigest sha = ClassHierarchy.sha256();
            for (String part : new String[] {FORMAT, Engine.VERSION, Engine.build(), rules}) {
                absorb(sha, part);
            }
            shared = s = new Shared(rules, sha);
        }
        return ClassHierarchy.copy(s.digest);
    }

    /** Each part ends with a NUL, which none contains, so that no two lists of parts hash the same bytes. */
    private static void absorb(MessageDigest sha, String part) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    /** The shared part's digest, for the rules it was computed for; never updated once published. */
    private static final class Shared {
        final String rules;
        final MessageDigest digest;

        Shared(String rules, MessageDigest digest) {
            this.rules = rules;
            this.digest = digest;
        }
    }

    /** @return the key as 64 hex digits */
    public String hex() {
        return hex;
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb.toString();
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
