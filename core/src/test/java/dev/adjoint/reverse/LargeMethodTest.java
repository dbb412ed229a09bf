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
 * primal): ASM's default limit on the memory of frame computation must not refuse them.
 */
class LargeMethodTest {

    /** Unrolled products, each into a local of its own on a line of its own, as code generators write them. */
    private static final int PRODUCTS = 300;
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

    /** {@code double apply(double[] x) { double p0 = x[0] * x[3]; ...; return p0 + p1 + ...; }} */
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
        for (int k = 0; k < PRODUCTS; k++) {
            line(mv, line++);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitLdcInsn(k % N);
            mv.visitInsn(Opcodes.DALOAD);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitLdcInsn(second(k));
            mv.visitInsn(Opcodes.DALOAD);
            mv.visitInsn(Opcodes.DMUL);
            mv.visitVarInsn(Opcodes.DSTORE, 2 + 2 * k);
        }
        line(mv, line++);
        mv.visitVarInsn(Opcodes.DLOAD, 2);
        for (int k = 1; k < PRODUCTS; k++) {
            mv.visitVarInsn(Opcodes.DLOAD, 2 + 2 * k);
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

    private static void line(MethodVisitor mv, int line) {
        Label l = new Label();
        mv.visitLabel(l);
        mv.visitLineNumber(line, l);
    }
}
