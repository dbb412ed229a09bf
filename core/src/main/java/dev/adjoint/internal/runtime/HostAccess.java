package dev.adjoint.internal.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import dev.adjoint.NotDifferentiableException;

/**
 * Full-privilege lookups in the packages of host classes, which defining a hidden nestmate requires.
 *
 * <p>{@code privateLookupIn} gives full privilege only inside the caller's own module. For a host in another
 * module (another class loader's unnamed module, or the runtime loaded by the boot loader) a trampoline is defined
 * into the host's package with {@link MethodHandles.Lookup#defineClass} (package access suffices); its own
 * {@code lookup()} has full privilege there. One trampoline serves a package of a loader; no existing class is
 * changed.
 */
final class HostAccess {

    private static final String TRAMPOLINE = "Adjoint$$Trampoline";
    private static final Map<Class<?>, MethodHandles.Lookup> CACHE = new ConcurrentHashMap<>();

    private HostAccess() {
    }

    /**
     * @param host a class
     * @return a lookup on it with full privilege
     * @throws NotDifferentiableException when its package is not open to Adjoint
     */
    static MethodHandles.Lookup fullPrivilege(Class<?> host) {
        MethodHandles.Lookup cached = CACHE.get(host);
        if (cached != null) {
            return cached;
        }
        MethodHandles.Lookup l;
        try {
            l = MethodHandles.privateLookupIn(host, MethodHandles.lookup());
            if (!l.hasFullPrivilegeAccess()) {
                l = MethodHandles.privateLookupIn(host, trampoline(host, l));
            }
        } catch (IllegalAccessException e) {
            throw new NotDifferentiableException(host.getName(), "?", -1,
                    "a class in a module that does not open its package to Adjoint",
                    "Run with --add-opens " + host.getModule().getName() + "/" + host.getPackageName()
                            + "=ALL-UNNAMED", e);
        }
        CACHE.put(host, l);
        return l;
    }

    private static synchronized MethodHandles.Lookup trampoline(Class<?> host, MethodHandles.Lookup packageAccess)
            throws IllegalAccessException {
        String pkg = host.getPackageName();
        String name = pkg.isEmpty() ? TRAMPOLINE : pkg + "." + TRAMPOLINE;
        Class<?> t;
        try {
            t = Class.forName(name, true, host.getClassLoader());
        } catch (ClassNotFoundException e) {
            try {
                t = packageAccess.defineClass(bytes(name.replace('.', '/')));
            } catch (LinkageError raced) {
                try {
                    t = Class.forName(name, true, host.getClassLoader());
                } catch (ClassNotFoundException again) {
                    throw raced;
                }
            }
        }
        try {
            Method m = t.getMethod("lookup");
            return (MethodHandles.Lookup) m.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalAccessException("trampoline in " + pkg + " failed: " + e);
        }
    }

    /** {@code public final class Adjoint$$Trampoline { public static Lookup lookup() { return lookup(); } }} */
    private static byte[] bytes(String internalName) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_SUPER,
                internalName, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "lookup",
                "()Ljava/lang/invoke/MethodHandles$Lookup;", null, null);
        mv.visitCode();
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
                "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
