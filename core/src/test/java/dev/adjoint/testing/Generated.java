package dev.adjoint.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import dev.adjoint.MultivariateFunction;
import dev.adjoint.ScalarFunction;

/**
 * Function objects that call a static method chosen at run time, as a class the engine can read: for sweeps over
 * every subject of a class without a lambda per method (a reflective call would be refused).
 */
public final class Generated {

    private static final Loader LOADER = new Loader(Generated.class.getClassLoader());

    private Generated() {
    }

    /** @return {@code x -> m(x)} for a static {@code double m(double)} */
    public static ScalarFunction scalar(Method m) {
        return (ScalarFunction) create(m, ScalarFunction.class, "(D)D");
    }

    /** @return {@code x -> m(x)} for a static {@code double m(double[])} */
    public static MultivariateFunction vector(Method m) {
        return (MultivariateFunction) create(m, MultivariateFunction.class, "([D)D");
    }

    private static Object create(Method m, Class<?> sam, String desc) {
        String owner = Type.getInternalName(m.getDeclaringClass());
        String name = "dev/adjoint/testing/gen/" + m.getDeclaringClass().getSimpleName() + "_" + m.getName() + "_"
                + sam.getSimpleName();
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, name, null, "java/lang/Object",
                new String[] {Type.getInternalName(sam)});
        MethodVisitor init = w.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor apply = w.visitMethod(Opcodes.ACC_PUBLIC, "apply", desc, null, null);
        apply.visitVarInsn(Type.getArgumentTypes(desc)[0].getOpcode(Opcodes.ILOAD), 1);
        apply.visitMethodInsn(Opcodes.INVOKESTATIC, owner, m.getName(), desc, false);
        apply.visitInsn(Opcodes.DRETURN);
        apply.visitMaxs(0, 0);
        apply.visitEnd();
        w.visitEnd();
        try {
            return LOADER.define(name.replace('/', '.'), w.toByteArray()).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Defines generated classes and serves their class files as resources, as a class path would. */
    private static final class Loader extends ClassLoader {
        private final Map<String, byte[]> files = new ConcurrentHashMap<>();

        Loader(ClassLoader parent) {
            super(parent);
        }

        synchronized Class<?> define(String name, byte[] bytes) {
            Class<?> c = findLoadedClass(name);
            if (c != null) {
                return c;
            }
            files.put(name.replace('.', '/') + ".class", bytes);
            return defineClass(name, bytes, 0, bytes.length);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            byte[] b = files.get(name);
            return b != null ? new ByteArrayInputStream(b) : super.getResourceAsStream(name);
        }
    }
}
