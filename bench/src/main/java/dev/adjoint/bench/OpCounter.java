package dev.adjoint.bench;

import java.io.IOException;
import java.io.InputStream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Counts the floating-point operations a primal executes: arithmetic on {@code double} and {@code float} and the
 * calls of {@code Math}'s functions. The objectives are loaded again, instrumented, by a class loader of their own;
 * every counted instruction calls {@link #tick}. The count is the denominator of "tape bytes per operation".
 */
public final class OpCounter {

    /** Operations counted so far, by every instrumented class. */
    public static long count;

    private OpCounter() {
    }

    public static void tick() {
        count++;
    }

    /** A loader that defines instrumented copies of the classes under the given prefixes, and delegates the rest. */
    public static final class Loader extends ClassLoader {
        private final String[] prefixes;

        public Loader(ClassLoader parent, String... prefixes) {
            super(parent);
            this.prefixes = prefixes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c != null) {
                    return c;
                }
                for (String p : prefixes) {
                    if (name.startsWith(p)) {
                        byte[] b = instrument(name);
                        return defineClass(name, b, 0, b.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        }

        private byte[] instrument(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                ClassReader r = new ClassReader(in.readAllBytes());
                ClassWriter w = new ClassWriter(r, ClassWriter.COMPUTE_MAXS);
                r.accept(new ClassVisitor(Opcodes.ASM9, w) {
                    @Override
                    public MethodVisitor visitMethod(int access, String n, String d, String s, String[] e) {
                        return new Counting(super.visitMethod(access, n, d, s, e));
                    }
                }, 0);
                return w.toByteArray();
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }

    private static final class Counting extends MethodVisitor {
        Counting(MethodVisitor mv) {
            super(Opcodes.ASM9, mv);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode >= Opcodes.FADD && opcode <= Opcodes.DNEG && opcode % 4 >= 2
                    || opcode == Opcodes.D2F || opcode == Opcodes.F2D) {
                tick();
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
            Type ret = Type.getReturnType(desc);
            if (("java/lang/Math".equals(owner) || "java/lang/StrictMath".equals(owner))
                    && (ret == Type.DOUBLE_TYPE || ret == Type.FLOAT_TYPE)) {
                tick();
            }
            super.visitMethodInsn(opcode, owner, name, desc, itf);
        }

        private void tick() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, "dev/adjoint/bench/OpCounter", "tick", "()V", false);
        }
    }
}
