package dev.adjoint.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.NotDifferentiableException;
import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.internal.outline.MethodOutliner;

/**
 * Methods as large as generated library code (EJML's unrolled {@code det6} has 6,000 locals in its augmented
 * primal): ASM's default limits on the memory of frame computation and of verification must not refuse them, and a
 * method whose derivative code exceeds the JVM's limits is cut into methods within them.
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

    /**
     * 520 products: the pullback's unwinding variant is over the JVM's 64 KiB, and is cut into pieces (see
     * {@code outline.MethodOutliner}) and differentiated.
     */
    @Test
    void a_callee_whose_derivative_code_exceeds_64_kib_is_cut_into_pieces_and_differentiated(@TempDir Path dir)
            throws Exception {
        int products = 520;
        MultivariateFunction f = loadBranches(dir, products);
        double[] x = new double[N];
        Arrays.fill(x, 1.5);
        x[0] = -1;
        // huge(x) = sum over k of x[k % N] x[second(k)]
        double[] expected = new double[N];
        for (int k = 0; k < products; k++) {
            expected[k % N] += x[second(k)];
            expected[second(k)] += x[k % N];
        }
        assertArrayEquals(expected, AD.gradient(f, x), 1e-12);
        assertEquals(expected[3], AD.jvp(f, x, unit(3)), 1e-12);
    }

    /**
     * 1000 products: the pullback's unwinding variant (a dispatch over every statement's exit) has no place where it
     * can be cut. The method is differentiated with an unwinding variant that refuses: a run that returns has its
     * gradient, and only an exception that leaves the method and that the function catches is refused, naming it.
     */
    @Test
    void a_callee_whose_unwinding_code_is_too_large_refuses_only_an_exception_the_function_catches(
            @TempDir Path dir) throws Exception {
        int products = 1000;
        MultivariateFunction f = loadBranches(dir, products);
        double[] x = new double[N];
        Arrays.fill(x, 1.5);
        x[1] = 3;
        double[] expected = new double[N];
        expected[0] = 3;
        expected[1] = 1.5;
        assertArrayEquals(expected, AD.gradient(f, x), 0.0);
        x[0] = -1;
        Arrays.fill(expected, 0);
        for (int k = 0; k < products; k++) {
            expected[k % N] += x[second(k)];
            expected[second(k)] += x[k % N];
        }
        assertArrayEquals(expected, AD.gradient(f, x), 1e-12);
        // too short: huge throws, apply catches it and returns x[1]
        double[] shorter = Arrays.copyOf(x, N - 1);
        assertEquals(shorter[1], f.apply(shorter), 0.0);
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class, () -> AD.gradient(f, shorter));
        assertEquals("huge", e.methodName(), e::getMessage);
        assertTrue(e.getMessage().contains("caught inside the function") && e.getMessage().contains("too large")
                && e.getMessage().contains("Let the exception leave the function"), e::getMessage);
    }

    /**
     * 1,500 statements {@code s = 0.999 * s + x[i] * x[j]} in one block: the running sum's copies through the local
     * would make one expression DAG as deep as the method; it is cut into DAGs the planner's walks can hold.
     */
    @Test
    void a_long_straight_line_running_sum_is_differentiated_without_exhausting_the_stack(@TempDir Path dir)
            throws Exception {
        int statements = 1500;
        MultivariateFunction f = loadRunningSum(dir, statements);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = 0.1 * (i + 1);
        }
        // s = sum over k of 0.999^(statements - 1 - k) x[k % N] x[second(k)]
        double[] expected = new double[N];
        for (int k = 0; k < statements; k++) {
            double weight = Math.pow(0.999, statements - 1 - k);
            expected[k % N] += weight * x[second(k)];
            expected[second(k)] += weight * x[k % N];
        }
        assertArrayEquals(expected, AD.gradient(f, x), 1e-11);
        assertEquals(expected[3], AD.jvp(f, x, unit(3)), 1e-11);
    }

    private static MultivariateFunction loadRunningSum(Path dir, int statements)
            throws IOException, ReflectiveOperationException {
        String name = "RunningSum";
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object",
                new String[] {"dev/adjoint/MultivariateFunction"});
        cw.visitSource(name + ".java", null);
        constructor(cw);
        MethodVisitor apply = cw.visitMethod(Opcodes.ACC_PUBLIC, "apply", "([D)D", null, null);
        apply.visitCode();
        apply.visitVarInsn(Opcodes.ALOAD, 1);
        apply.visitMethodInsn(Opcodes.INVOKESTATIC, name, "sum", "([D)D", false);
        apply.visitInsn(Opcodes.DRETURN);
        apply.visitMaxs(0, 0);
        apply.visitEnd();
        MethodVisitor sum = cw.visitMethod(Opcodes.ACC_STATIC, "sum", "([D)D", null, null);
        sum.visitCode();
        sum.visitInsn(Opcodes.DCONST_0);
        sum.visitVarInsn(Opcodes.DSTORE, 1);
        for (int k = 0; k < statements; k++) {
            line(sum, 1 + k);
            sum.visitLdcInsn(0.999);
            sum.visitVarInsn(Opcodes.DLOAD, 1);
            sum.visitInsn(Opcodes.DMUL);
            product(sum, k % N, second(k));
            sum.visitInsn(Opcodes.DADD);
            sum.visitVarInsn(Opcodes.DSTORE, 1);
        }
        sum.visitVarInsn(Opcodes.DLOAD, 1);
        sum.visitInsn(Opcodes.DRETURN);
        sum.visitMaxs(0, 0);
        sum.visitEnd();
        cw.visitEnd();
        return instantiate(dir, name, cw.toByteArray());
    }

    /**
     * 150 products: the pullback's unwinding variant is over the JIT's 8,000 bytes but within 32 KiB. It runs only
     * when an exception leaves the method, so it is left whole instead of cut (cutting two such variants took a fifth
     * of a first gradient through Commons Math's Dormand–Prince); a gradient through the exception that the function
     * catches runs it.
     */
    @Test
    void an_unwinding_variant_within_32_kib_is_left_whole_and_still_reverses_a_caught_exception(@TempDir Path dir)
            throws Exception {
        MultivariateFunction f = loadBranches(dir, 150);
        ClassHierarchy h = new ClassHierarchy(ClassHierarchy.ClassBytes.of(f.getClass().getClassLoader()));
        Companion c = Engine.standard(false).generate(Files.readAllBytes(dir.resolve("Branches.class")), "huge",
                "([D)D", h, Engine.Mode.REVERSE);
        Map<String, Integer> sizes = codeSizes(c.bytes());
        List<String> unwinding = sizes.keySet().stream().filter(m -> m.contains("$unwinding")).toList();
        assertEquals(1, unwinding.size(), sizes::toString);
        int size = sizes.get(unwinding.get(0));
        assertTrue(size > MethodOutliner.JIT_LIMIT && size <= Short.MAX_VALUE, sizes::toString);

        double[] shorter = new double[N - 1];
        Arrays.fill(shorter, 1.5);
        shorter[0] = -1;
        // huge reads x[N - 1] and throws; apply catches it and returns x[1]
        double[] expected = new double[N - 1];
        expected[1] = 1;
        assertArrayEquals(expected, AD.gradient(f, shorter), 0.0);
    }

    /** @return the length of each method's code in a class file, by name */
    private static Map<String, Integer> codeSizes(byte[] classFile) {
        ClassReader r = new ClassReader(classFile);
        char[] buf = new char[r.getMaxStringLength()];
        int at = r.header + 6;
        at += 2 + 2 * r.readUnsignedShort(at);
        for (int members = 0; members < 2; members++) {
            int count = r.readUnsignedShort(at);
            at += 2;
            Map<String, Integer> sizes = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = r.readUTF8(at + 2, buf);
                int attributes = r.readUnsignedShort(at + 6);
                at += 8;
                for (int a = 0; a < attributes; a++) {
                    if ("Code".equals(r.readUTF8(at, buf))) {
                        sizes.put(name, r.readInt(at + 10));
                    }
                    at += 6 + r.readInt(at + 2);
                }
            }
            if (members == 1) {
                return sizes;
            }
        }
        throw new AssertionError("unreachable");
    }

    /**
     * {@code apply(x) { if (x[0] > 0) return small(x); try { return huge(x); } catch (AIOOBE e) { return x[1]; } }}
     * where {@code huge} multiplies array elements so
     * often that its derivative code exceeds the JVM's 64 KiB limit on a method's code.
     */
    private static MultivariateFunction loadBranches(Path dir, int products)
            throws IOException, ReflectiveOperationException {
        String name = "Branches";
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.setComputeLimits(Integer.MAX_VALUE, Long.MAX_VALUE);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object",
                new String[] {"dev/adjoint/MultivariateFunction"});
        cw.visitSource(name + ".java", null);
        constructor(cw);
        MethodVisitor apply = cw.visitMethod(Opcodes.ACC_PUBLIC, "apply", "([D)D", null, null);
        apply.visitCode();
        line(apply, 1);
        apply.visitVarInsn(Opcodes.ALOAD, 1);
        apply.visitInsn(Opcodes.ICONST_0);
        apply.visitInsn(Opcodes.DALOAD);
        apply.visitInsn(Opcodes.DCONST_0);
        apply.visitInsn(Opcodes.DCMPL);
        Label negative = new Label();
        apply.visitJumpInsn(Opcodes.IFLE, negative);
        apply.visitVarInsn(Opcodes.ALOAD, 1);
        apply.visitMethodInsn(Opcodes.INVOKESTATIC, name, "small", "([D)D", false);
        apply.visitInsn(Opcodes.DRETURN);
        apply.visitLabel(negative);
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        apply.visitTryCatchBlock(start, end, handler, "java/lang/ArrayIndexOutOfBoundsException");
        apply.visitLabel(start);
        apply.visitVarInsn(Opcodes.ALOAD, 1);
        apply.visitMethodInsn(Opcodes.INVOKESTATIC, name, "huge", "([D)D", false);
        apply.visitLabel(end);
        apply.visitInsn(Opcodes.DRETURN);
        apply.visitLabel(handler);
        apply.visitInsn(Opcodes.POP);
        apply.visitVarInsn(Opcodes.ALOAD, 1);
        apply.visitInsn(Opcodes.ICONST_1);
        apply.visitInsn(Opcodes.DALOAD);
        apply.visitInsn(Opcodes.DRETURN);
        apply.visitMaxs(0, 0);
        apply.visitEnd();
        MethodVisitor small = cw.visitMethod(Opcodes.ACC_STATIC, "small", "([D)D", null, null);
        small.visitCode();
        line(small, 2);
        product(small, 0, 1);
        small.visitInsn(Opcodes.DRETURN);
        small.visitMaxs(0, 0);
        small.visitEnd();
        MethodVisitor huge = cw.visitMethod(Opcodes.ACC_STATIC, "huge", "([D)D", null, null);
        huge.visitCode();
        for (int k = 0; k < products; k++) {
            line(huge, 3 + k);
            product(huge, k % N, second(k));
            huge.visitVarInsn(Opcodes.DSTORE, 1 + 2 * k);
        }
        huge.visitVarInsn(Opcodes.DLOAD, 1);
        for (int k = 1; k < products; k++) {
            huge.visitVarInsn(Opcodes.DLOAD, 1 + 2 * k);
            huge.visitInsn(Opcodes.DADD);
        }
        huge.visitInsn(Opcodes.DRETURN);
        huge.visitMaxs(0, 0);
        huge.visitEnd();
        cw.visitEnd();
        return instantiate(dir, name, cw.toByteArray());
    }

    private static void product(MethodVisitor mv, int i, int j) {
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitLdcInsn(i);
        mv.visitInsn(Opcodes.DALOAD);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitLdcInsn(j);
        mv.visitInsn(Opcodes.DALOAD);
        mv.visitInsn(Opcodes.DMUL);
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
        constructor(cw);
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
        return instantiate(dir, name, cw.toByteArray());
    }

    private static void constructor(ClassWriter cw) {
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
    }

    /** Loads a class from its bytes in a loader of its own, which finds its class file as Adjoint needs. */
    private static MultivariateFunction instantiate(Path dir, String name, byte[] bytes)
            throws IOException, ReflectiveOperationException {
        Files.write(dir.resolve(name + ".class"), bytes);
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
