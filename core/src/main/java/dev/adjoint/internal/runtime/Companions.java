package dev.adjoint.internal.runtime;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.objectweb.asm.tree.ClassNode;

import dev.adjoint.NotDifferentiableException;
import dev.adjoint.internal.activity.PassiveArguments;
import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.bytecode.ClassFiles;
import dev.adjoint.internal.cache.CompanionKey;
import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.internal.engine.TransformException;
import dev.adjoint.internal.rules.CallPolicy;
import dev.adjoint.internal.rules.RuleTable;

/**
 * Generates companions when a gradient first reaches a method, defines them as hidden nestmates of their hosts, and
 * keeps the handles of their augmented primals and pullbacks. A host class is never modified. Companions generated
 * earlier, ahead of time by {@code ad instrument} or by another JVM into the cache, are defined instead of generating
 * them again ({@link StoredCompanions}).
 */
public final class Companions {

    /** The derivative code of one method, ready to call. */
    public static final class Linked {
        /** Reverse mode, the augmented primal: {@code (receiver?, args..., Tape) -> R}. */
        public final MethodHandle fwd;
        /** Reverse mode, the pullback: {@code (Tape, double) -> void}. */
        public final MethodHandle rev;
        /** Forward mode, the tangent method: {@code (receiver?, args..., Tape) -> R}. */
        public final MethodHandle tan;

        Linked(MethodHandle fwd, MethodHandle rev, MethodHandle tan) {
            this.fwd = fwd;
            this.rev = rev;
            this.tan = tan;
        }
    }

    private static final Object LOCK = new Object();
    private static final ClassValue<Map<String, Linked>> BY_HOST = new ClassValue<>() {
        @Override
        protected Map<String, Linked> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    private static final ClassValue<Map<String, Linked>> TANGENTS = new ClassValue<>() {
        @Override
        protected Map<String, Linked> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    private static final Map<ClassLoader, ClassHierarchy> HIERARCHIES =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private static final ClassLoader BOOT = new ClassLoader(null) { };

    private static volatile Engine engine;

    private Companions() {
    }

    static Engine engine() {
        Engine e = engine;
        if (e == null) {
            e = engine = Engine.standard(Settings.dump() != null);
        }
        return e;
    }

    /** @return an engine that applies exactly these rules: the ones a companion's key names */
    private static Engine engine(RuleTable rules) {
        return new Engine(new CallPolicy(rules), Settings.dump() != null);
    }

    /**
     * The derivative code of a method of a loaded class, generated on first use.
     *
     * @param host the class that declares the method
     * @param name the method's name
     * @param desc the method's descriptor
     * @return the linked derivative code
     * @throws NotDifferentiableException when the method cannot be transformed
     */
    public static Linked of(Class<?> host, String name, String desc) {
        return of(host, name, desc, Engine.Mode.REVERSE, PassiveArguments.NONE);
    }

    /**
     * The tangent code (forward mode) of a method of a loaded class, generated on first use.
     *
     * @return the linked tangent code
     * @throws NotDifferentiableException when the method cannot be transformed
     */
    public static Linked tangent(Class<?> host, String name, String desc) {
        return of(host, name, desc, Engine.Mode.TANGENT, PassiveArguments.NONE);
    }

    /**
     * The derivative code of a method for calls that pass some floating-point parameters without a derivative,
     * generated on first use: those parameters are values, not inputs ({@link PassiveArguments}).
     *
     * @param passive those parameters; {@link PassiveArguments#NONE} for the general companion
     * @param mode    reverse or forward mode
     * @return the linked derivative code
     * @throws NotDifferentiableException when the method cannot be transformed
     */
    public static Linked of(Class<?> host, String name, String desc, Engine.Mode mode, int passive) {
        Map<String, Linked> map = (mode == Engine.Mode.REVERSE ? BY_HOST : TANGENTS).get(host);
        String suffix = passive == PassiveArguments.NONE ? "" : "/" + Integer.toHexString(passive);
        Linked l = map.get(name + desc + suffix);
        if (l != null) {
            return l;
        }
        synchronized (LOCK) {
            l = map.get(name + desc + suffix);
            if (l != null) {
                return l;
            }
            String internal = host.getName().replace('.', '/');
            ClassLoader loader = host.getClassLoader();
            ClassHierarchy hierarchy = hierarchy(loader);
            RuleTable rules = RuleTable.current();
            StoredCompanions.Obtained c;
            try {
                c = StoredCompanions.obtain(() -> CompanionKey.ofDigest(hierarchy.digest(internal),
                        internal + Abi.COMPANION_SUFFIX, name, desc, mode, rules.fingerprint(), passive), loader,
                        hierarchy, recording -> engine(rules).generate(classFile(host, name), name, desc, recording,
                                mode, passive));
            } catch (TransformException e) {
                throw e.toNotDifferentiable();
            }
            define(host, c, lookupIn(host, name), map, mode, suffix);
            return map.get(name + desc + suffix);
        }
    }

    /**
     * The host's class file, read only to generate: a stored companion is found by the host's digest, which the
     * class loader's hierarchy computes once per class.
     */
    private static byte[] classFile(Class<?> host, String method) {
        byte[] bytes = hierarchy(host.getClassLoader()).bytes().find(host.getName().replace('.', '/'));
        if (bytes == null) {
            throw new NotDifferentiableException(host.getName(), method, -1,
                    "a class whose class file cannot be found", "Adjoint reads class files through the class "
                    + "loader's resources; classes generated at run time are not supported");
        }
        return bytes;
    }

    /**
     * Generates and defines the companion of a synthetic class (an entry adapter) through a lookup in the package
     * where its code must run.
     *
     * @param adapter the synthetic class's file; the engine reads a fresh copy each time, since it edits what it
     *                reads, so that the bytes (and the cache key) of one adapter are the same in every mode
     * @return the derivative code of method {@code name desc} of the synthetic class
     */
    static Linked ofSynthetic(byte[] adapter, String name, String desc, MethodHandles.Lookup definer,
                              Engine.Mode mode) {
        synchronized (LOCK) {
            ClassNode node = ClassFiles.read(adapter);
            String companionName = node.name + Abi.COMPANION_SUFFIX;
            RuleTable rules = RuleTable.current();
            ClassLoader loader = definer.lookupClass().getClassLoader();
            StoredCompanions.Obtained c;
            try {
                c = StoredCompanions.obtain(() -> CompanionKey.of(adapter, companionName, name, desc, mode,
                        rules.fingerprint()), loader, hierarchy(loader),
                        recording -> engine(rules).generate(node, name, desc, companionName, recording, mode));
            } catch (TransformException e) {
                throw e.toNotDifferentiable();
            }
            Map<String, Linked> map = new ConcurrentHashMap<>();
            define(definer.lookupClass(), c, definer, map, mode, "");
            return map.get(name + desc);
        }
    }

    private static MethodHandles.Lookup lookupIn(Class<?> host, String method) {
        return HostAccess.fullPrivilege(host);
    }

    /** Defines a companion and keeps its members' handles, each under its method's key and {@code suffix}. */
    private static void define(Class<?> host, StoredCompanions.Obtained obtained, MethodHandles.Lookup lookup,
                               Map<String, Linked> map, Engine.Mode mode, String suffix) {
        Companion c = obtained.companion;
        ClassLoader loader = host.getClassLoader();
        dump(c);
        if (Settings.verify()) {
            CompanionVerifier.verify(c.bytes(), loader == null ? BOOT : loader);
        }
        MethodHandles.Lookup companion;
        try {
            companion = lookup.defineHiddenClass(c.bytes(), true, MethodHandles.Lookup.ClassOption.NESTMATE);
        } catch (IllegalAccessException | LinkageError e) {
            throw new NotDifferentiableException(host.getName(), c.members().get(0).name, -1,
                    "generated code that the JVM rejects (" + e + ")",
                    "This is a bug in Adjoint; please report it with the output of -Dadjoint.dump=DIR", e);
        }
        MethodType revType = MethodType.methodType(void.class, Tape.class, double.class);
        for (Companion.Member m : c.members()) {
            try {
                MethodType fwdType = MethodType.fromMethodDescriptorString(m.fwdDescriptor, loader);
                Class<?> k = companion.lookupClass();
                Linked l = mode == Engine.Mode.REVERSE
                        ? new Linked(companion.findStatic(k, m.fwdName, fwdType),
                                companion.findStatic(k, m.revName, revType), null)
                        : new Linked(null, null, companion.findStatic(k, m.tanName, fwdType));
                map.putIfAbsent(m.key() + suffix, l);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("companion member " + m.fwdName + " not found", e);
            }
        }
        if (Settings.verbose()) {
            System.err.println("[adjoint] " + obtained.origin.verb + " " + c.name().replace('/', '.') + " for "
                    + c.members().size() + " method(s) of " + host.getName());
        }
    }

    static void dump(Companion c) {
        Path dir = Settings.dump();
        if (dir == null) {
            return;
        }
        try {
            Path base = dir.resolve(c.name() + "-" + c.members().get(0).name.replaceAll("[^A-Za-z0-9_$]", "_"));
            Files.createDirectories(base.getParent());
            Files.write(base.resolveSibling(base.getFileName() + ".class"), c.bytes());
            if (c.listing() != null) {
                Files.write(base.resolveSibling(base.getFileName() + ".txt"),
                        c.listing().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            System.err.println("[adjoint] cannot write dump to " + dir + ": " + e);
        }
    }

    static ClassHierarchy hierarchy(ClassLoader loader) {
        ClassLoader key = loader == null ? BOOT : loader;
        return HIERARCHIES.computeIfAbsent(key, k -> new ClassHierarchy(ClassHierarchy.ClassBytes.readOnce(loader)));
    }
}
