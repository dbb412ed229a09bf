package dev.adjoint.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;

/**
 * Methods as large as generated library code (EJML's unrolled {@code det6} has 6,000 locals in its augmented
 * primal): ASM's default limits on the memory of frame computation and of verification must not refuse them.
 */
class LargeMethodTest {

    /** Unrolled products, each into a local of its own on a line of its own, as code generators write them. */
    private static final int PRODUCTS = 600;
    private static final int N = 10;

    @Test
    void an_unrolled_method_with_thousands_of_locals_is_differentiated(@TempDir Path dir) throws Exception {
        MultivariateFunction f = load(dir);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = 0.1 * (i + 1);
        }
        double[] expected = new double[N];
        for (int k = 0; k < PRODUCTS; k++) {
            expected[k % N] += x[second(k)];
            expected[second(k)] += x[k % N];
        }
        assertArrayEquals(expected, AD.gradient(f, x), 1e-12);
        assertEquals(expected[3], AD.jvp(f, x, unit(3)), 1e-12);
    }

    private static int second(int k) {
        return (7 * k + 3) % N;
    }

    private static double[] unit(int i) {
        double[] v = new double[N];
        v[i] = 1;
        return v;
    }

    /**
     * {@code double apply(double[] x) { double a0 = x[0]; ...; double p0 = a0 * a3; ...; return p0 + p1 + ...; }}:
     * few reads, many locals, as in EJML's unrolled determinants and inverses.
     */
    private static MultivariateFunction load(Path dir) throws IOException, ReflectiveOperationException {
        String name = "Unrolled";
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS); // straight-line code needs no frames
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object",
                new String[] {"dev/adjoint/MultivariateFunction"});
        cw.visitSource(name + ".java", null);
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "apply", "([D)D", null, null);
        mv.visitCode();
        int line = 1;
        for (int i = 0; i < N; i++) {
            line(mv, line++);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitLdcInsn(i);
            mv.visitInsn(Opcodes.DALOAD);
            mv.visitVarInsn(Opcodes.DSTORE, element(i));
        }
        for (int k = 0; k < PRODUCTS; k++) {
            line(mv, line++);
            mv.visitVarInsn(Opcodes.DLOAD, element(k % N));
            mv.visitVarInsn(Opcodes.DLOAD, element(second(k)));
            mv.visitInsn(Opcodes.DMUL);
            mv.visitVarInsn(Opcodes.DSTORE, product(k));
        }
        line(mv, line++);
        mv.visitVarInsn(Opcodes.DLOAD, product(0));
        for (int k = 1; k < PRODUCTS; k++) {
            mv.visitVarInsn(Opcodes.DLOAD, product(k));
            mv.visitInsn(Opcodes.DADD);
        }
        mv.visitInsn(Opcodes.DRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        Files.write(dir.resolve(name + ".class"), cw.toByteArray());
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                LargeMethodTest.class.getClassLoader());
        return (MultivariateFunction) loader.loadClass(name).getConstructor().newInstance();
    }

    private static int element(int i) {
        return 2 + 2 * i;
    }

    private static int product(int k) {
        return element(N) + 2 * k;
    }

    private static void line(MethodVisitor mv, int line) {
        Label l = new Label();
        mv.visitLabel(l);
        mv.visitLineNumber(line, l);
    }
}
