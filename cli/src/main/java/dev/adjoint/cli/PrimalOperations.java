package dev.adjoint.cli;

import java.io.IOException;
import java.io.InputStream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Counts the primitive floating-point operations a primal executes, as the benchmarks' {@code OpCounter} does:
 * each {@code double} and {@code float} arithmetic instruction ({@code DADD} … {@code DNEG}), each conversion
 * between the two, and each call of a {@code Math} or {@code StrictMath} function that returns one. The classes
 * under the given prefixes are loaded again, instrumented, by a class loader of their own; every counted
 * instruction calls {@link #tick} first. The originals, which gradients use, are untouched.
 */
public final class PrimalOperations {

    /** Operations counted so far by every instrumented class. */
    private static long count;

    private PrimalOperations() {
    }

    /** Called by the instrumented code before each counted operation. */
    public static void tick() {
        count++;
    }

    /** @return the operations counted so far */
    public static long count() {
        return count;
    }

    /**
     * A loader that defines instrumented copies of the classes under the prefixes and delegates the rest.
     *
     * @param parent   where the originals are
     * @param prefixes the binary-name prefixes of the classes to count in
     * @return the loader
     */
    public static ClassLoader loader(ClassLoader parent, String... prefixes) {
        return new Counting(parent, prefixes);
    }

    private static final class Counting extends ClassLoader {
        private final String[] prefixes;

        Counting(ClassLoader parent, String... prefixes) {
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
                        return new Ticking(super.visitMethod(access, n, d, s, e));
                    }
                }, 0);
                return w.toByteArray();
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }

    private static final class Ticking extends MethodVisitor {
        Ticking(MethodVisitor mv) {
            super(Opcodes.ASM9, mv);
        }

        @Override
        public void visitInsn(int opcode) {
            // FADD, DADD, FSUB, DSUB, ... FNEG, DNEG: the float and double columns of the arithmetic opcodes
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
            super.visitMethodInsn(Opcodes.INVOKESTATIC, Type.getInternalName(PrimalOperations.class), "tick", "()V",
                    false);
        }
    }
}
