package dev.adjoint.internal.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.objectweb.asm.tree.ClassNode;

import dev.adjoint.NotDifferentiableException;
import dev.adjoint.internal.bytecode.ClassFiles;
import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.internal.engine.Lowering;
import dev.adjoint.internal.engine.TransformException;
import dev.adjoint.internal.bytecode.Abi;

/**
 * Derivatives of derivative code: the tangent (forward mode) of a method's augmented primal and pullback, for
 * Hessians by forward over reverse, and of its tangent method, for forward over forward. The companion of the
 * method is generated again, {@link Lowering lowered}, and differentiated by the engine like any other code; the
 * result is defined beside it, as a hidden nestmate of the host.
 *
 * <p>The second-order methods take two tapes: the first-order one, whose recorded partials and adjoints are now
 * data with tangents of their own, and the tape of the tangents, last.
 */
public final class SecondOrder {

    private static final Object LOCK = new Object();
    private static final ClassValue<Map<String, MethodHandle>> BY_HOST = new ClassValue<>() {
        @Override
        protected Map<String, MethodHandle> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private SecondOrder() {
    }

    /**
     * The tangent of one of a method's derivative methods, generated on first use.
     *
     * @param host the class that declares the method
     * @param name the method's name
     * @param desc the method's descriptor
     * @param kind {@code fwd}: the augmented primal, {@code (receiver?, args..., Tape, Tape) -> R};
     *             {@code rev}: the pullback, {@code (Tape, double, Tape) -> void};
     *             {@code tan}: the tangent method, {@code (receiver?, args..., Tape, Tape) -> R}
     * @return the tangent, taking the tape of the tangents last
     * @throws NotDifferentiableException when the derivative code cannot be differentiated
     */
    public static MethodHandle of(Class<?> host, String name, String desc, String kind) {
        Map<String, MethodHandle> map = BY_HOST.get(host);
        String key = kind + ' ' + name + desc;
        MethodHandle h = map.get(key);
        if (h != null) {
            return h;
        }
        synchronized (LOCK) {
            h = map.get(key);
            if (h == null) {
                String internal = host.getName().replace('.', '/');
                byte[] bytes = ClassHierarchy.ClassBytes.of(host.getClassLoader()).find(internal);
                if (bytes == null) {
                    throw new NotDifferentiableException(host.getName(), name, -1,
                            "a class whose class file cannot be found", null);
                }
                h = build(bytes, name, desc, kind, HostAccess.fullPrivilege(host));
                map.put(key, h);
            }
            return h;
        }
    }

    /** The same for a synthetic class (an entry adapter), defined through {@code definer}. */
    static MethodHandle ofSynthetic(byte[] adapter, String name, String desc, String kind,
                                    MethodHandles.Lookup definer) {
        synchronized (LOCK) {
            return build(adapter, name, desc, kind, definer);
        }
    }

    private static MethodHandle build(byte[] hostBytes, String name, String desc, String kind,
                                      MethodHandles.Lookup definer) {
        ClassHierarchy hierarchy = Companions.hierarchy(definer.lookupClass().getClassLoader());
        Engine engine = Companions.engine();
        try {
            boolean tangent = "tan".equals(kind);
            Companion first = engine.generate(hostBytes, name, desc, hierarchy,
                    tangent ? Engine.Mode.TANGENT : Engine.Mode.REVERSE);
            Companion.Member m = first.members().get(0);
            String method = tangent ? m.tanName : "rev".equals(kind) ? m.revName : m.fwdName;
            String methodDesc = "rev".equals(kind) ? Abi.REV_DESC : m.fwdDescriptor;
            return tangentOf(engine, hierarchy, definer, first, method, methodDesc);
        } catch (TransformException e) {
            throw e.toNotDifferentiable();
        }
    }

    /** Differentiates method {@code name desc} of a companion, by forward mode, and defines the result. */
    private static MethodHandle tangentOf(Engine engine, ClassHierarchy hierarchy, MethodHandles.Lookup definer,
                                          Companion first, String name, String desc) throws TransformException {
        ClassNode lowered = ClassFiles.read(first.bytes());
        Lowering.lower(lowered);
        Companion second = engine.generate(lowered, name, desc, lowered.name + Abi.COMPANION_SUFFIX, hierarchy,
                Engine.Mode.TANGENT);
        Companions.dump(second);
        Companion.Member m = second.members().get(0);
        ClassLoader loader = definer.lookupClass().getClassLoader();
        if (Settings.verify()) {
            CompanionVerifier.verify(second.bytes(), loader == null ? ClassLoader.getPlatformClassLoader() : loader);
        }
        try {
            MethodHandles.Lookup l = definer.defineHiddenClass(second.bytes(), true,
                    MethodHandles.Lookup.ClassOption.NESTMATE);
            return l.findStatic(l.lookupClass(), m.tanName, MethodType.fromMethodDescriptorString(m.fwdDescriptor,
                    loader));
        } catch (IllegalAccessException | NoSuchMethodException | LinkageError e) {
            throw new NotDifferentiableException(first.host().replace('/', '.'), name, -1,
                    "second-order code that the JVM rejects (" + e + ")",
                    "This is a bug in Adjoint; please report it with the output of -Dadjoint.dump=DIR", e);
        }
    }
}
