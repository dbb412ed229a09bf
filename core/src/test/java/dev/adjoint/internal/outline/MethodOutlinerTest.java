package dev.adjoint.internal.outline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

import dev.adjoint.AD;
import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.internal.ir.Inlining;
import dev.adjoint.internal.reverse.ReverseTransform;
import dev.adjoint.testing.Oracle;

/**
 * Derivative code of unrolled arithmetic is cut into methods HotSpot compiles, and the cut changes no number: the
 * gradient and the directional derivative of {@link Unrolled#unrolled}, and the gradient of {@link Cofactors}, agree
 * with central differences.
 */
class MethodOutlinerTest {

    private static double[] point() {
        double[] x = new double[16];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.3 + 0.05 * i * Math.cos(i);
        }
        return x;
    }

    @Test
    void the_gradient_of_unrolled_code_cut_into_pieces_matches_central_differences() {
        double[] x = point();
        double[] expected = Oracle.centralGradient(Unrolled::unrolled, x);
        double[] actual = AD.gradient(Unrolled::unrolled, x);
        assertArrayEquals(expected, actual, 1e-6 * scale(expected));
    }

    @Test
    void the_directional_derivative_of_unrolled_code_cut_into_pieces_matches_central_differences() {
        double[] x = point();
        double[] v = new double[x.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(i + 1);
        }
        double[] g = Oracle.centralGradient(Unrolled::unrolled, x);
        double expected = 0;
        for (int i = 0; i < g.length; i++) {
            expected += g[i] * v[i];
        }
        assertEquals(expected, AD.jvp(Unrolled::unrolled, x, v), 1e-6 * scale(g));
    }

    @Test
    void every_generated_method_of_unrolled_code_is_within_the_jit_limit_in_both_modes() throws Exception {
        assertWithinJitLimit(Unrolled.class, "unrolled");
    }

    @Test
    void the_gradient_of_an_inverse_by_nested_cofactor_expressions_matches_central_differences() {
        double[] x = wellConditioned();
        double[] expected = Oracle.centralGradient(Cofactors::inverseSum, x);
        double[] actual = AD.gradient(Cofactors::inverseSum, x);
        assertArrayEquals(expected, actual, 1e-6 * scale(expected));
    }

    /**
     * Its partials keep values in locals written while the rest of an expression is on the stack: left out of the
     * spill array, they were passed to and from every piece, and the caller of the pieces stayed over the limit.
     */
    @Test
    void every_generated_method_of_an_inverse_by_nested_cofactor_expressions_is_within_the_jit_limit_in_both_modes()
            throws Exception {
        assertWithinJitLimit(Cofactors.class, "inverseSum");
    }

    /**
     * A stub that restores the locals a handler reads used to jump into the handler: C1 then refused the whole
     * caller ("exception handler can be reached by both normal and exceptional control flow"), which ran
     * interpreted until C2 took it thousands of gradients later (EJML's {@code inv4} and {@code inv5}).
     */
    @Test
    void no_handler_of_unrolled_code_cut_into_pieces_is_reached_by_normal_control_flow_in_both_modes()
            throws Exception {
        assertHandlersOnlyCatch(Unrolled.class, "unrolled");
        assertHandlersOnlyCatch(Cofactors.class, "inverseSum");
    }

    /** @return a 5×5 matrix, diagonally dominant, every entry distinct */
    private static double[] wellConditioned() {
        double[] x = new double[25];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                x[i * 5 + j] = i == j ? 4 + i : 0.13 * (i + 1) - 0.07 * j;
            }
        }
        return x;
    }

    /**
     * Every method the derivative code of {@code f(double[])} is cut into, in both modes, is within the JIT's limit,
     * except unwinding variants (cut only past 32 KiB: they run once per exception that leaves the method).
     */
    private void assertWithinJitLimit(Class<?> host, String method) throws Exception {
        Engine engine = Engine.standard(false);
        ClassHierarchy hierarchy = new ClassHierarchy(ClassHierarchy.ClassBytes.of(getClass().getClassLoader()));
        String owner = Type.getInternalName(host);
        for (Engine.Mode mode : Engine.Mode.values()) {
            Companion c = engine.generate(hierarchy.bytes().find(owner), method, "([D)D", hierarchy, mode);
            List<String> sizes = codeSizes(c.bytes());
            assertTrue(sizes.size() > 2, () -> mode + ": the derivative code was not cut: " + sizes);
            for (String s : sizes) {
                int size = Integer.parseInt(s.substring(s.lastIndexOf('=') + 1));
                boolean unwinding = s.startsWith(method + "$rev" + ReverseTransform.UNWINDING);
                assertTrue(unwinding || size <= MethodOutliner.JIT_LIMIT, () -> mode + ": " + sizes);
            }
        }
    }

    /**
     * No handler of a generated method of {@code f(double[])} is the target of a jump or switch or follows an
     * instruction that falls through, and some method that calls a piece restores locals for a handler (so that
     * there is something to check).
     */
    private void assertHandlersOnlyCatch(Class<?> host, String method) throws Exception {
        Engine engine = Engine.standard(false);
        ClassHierarchy hierarchy = new ClassHierarchy(ClassHierarchy.ClassBytes.of(getClass().getClassLoader()));
        int coveredCalls = 0;
        for (Engine.Mode mode : Engine.Mode.values()) {
            Companion c = engine.generate(hierarchy.bytes().find(Type.getInternalName(host)), method, "([D)D",
                    hierarchy, mode);
            ClassNode node = new ClassNode();
            new ClassReader(c.bytes()).accept(node, 0);
            for (MethodNode m : node.methods) {
                Set<LabelNode> handlers = new HashSet<>();
                m.tryCatchBlocks.forEach(b -> handlers.add(b.handler));
                for (AbstractInsnNode insn : m.instructions) {
                    assertTrue(Inlining.targets(insn).stream().noneMatch(handlers::contains),
                            () -> mode + ": " + m.name + " jumps into a handler");
                    if (insn instanceof LabelNode && handlers.contains(insn)) {
                        AbstractInsnNode before = previousInstruction(insn);
                        assertTrue(before == null || endsFlow(before),
                                () -> mode + ": " + m.name + " falls through into a handler");
                    }
                }
                for (TryCatchBlockNode b : m.tryCatchBlocks) {
                    AbstractInsnNode first = nextInstruction(b.start);
                    coveredCalls += first instanceof MethodInsnNode && ((MethodInsnNode) first).owner.equals(node.name)
                            && ((MethodInsnNode) first).name.startsWith(m.name + "$") ? 1 : 0;
                }
            }
        }
        assertTrue(coveredCalls > 0, "no piece's call is covered by a handler");
    }

    private static AbstractInsnNode nextInstruction(AbstractInsnNode insn) {
        AbstractInsnNode n = insn.getNext();
        while (n != null && n.getOpcode() < 0) {
            n = n.getNext();
        }
        return n;
    }

    private static AbstractInsnNode previousInstruction(AbstractInsnNode insn) {
        AbstractInsnNode p = insn.getPrevious();
        while (p != null && p.getOpcode() < 0) {
            p = p.getPrevious();
        }
        return p;
    }

    private static boolean endsFlow(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return op == Opcodes.GOTO || op == Opcodes.ATHROW || op == Opcodes.TABLESWITCH || op == Opcodes.LOOKUPSWITCH
                || (op >= Opcodes.IRETURN && op <= Opcodes.RETURN);
    }

    /** @return name=size of the code of every method of a class file, read from the class file itself */
    private static List<String> codeSizes(byte[] classFile) {
        ClassReader r = new ClassReader(classFile);
        char[] buf = new char[r.getMaxStringLength()];
        int off = r.header + 6;
        off += 2 + 2 * r.readUnsignedShort(off);
        int fields = r.readUnsignedShort(off);
        off += 2;
        for (int i = 0; i < fields; i++) {
            off = skipAttributes(r, off + 6);
        }
        List<String> out = new ArrayList<>();
        int methods = r.readUnsignedShort(off);
        off += 2;
        for (int i = 0; i < methods; i++) {
            String name = r.readUTF8(off + 2, buf);
            int attributes = r.readUnsignedShort(off + 6);
            off += 8;
            for (int a = 0; a < attributes; a++) {
                if ("Code".equals(r.readUTF8(off, buf))) {
                    // name, length, max_stack, max_locals, code_length
                    out.add(name + "=" + r.readInt(off + 10));
                }
                off += 6 + r.readInt(off + 2);
            }
        }
        return out;
    }

    private static int skipAttributes(ClassReader r, int off) {
        int count = r.readUnsignedShort(off);
        int at = off + 2;
        for (int a = 0; a < count; a++) {
            at += 6 + r.readInt(at + 2);
        }
        return at;
    }

    private static double scale(double[] g) {
        double s = 1;
        for (double v : g) {
            s = Math.max(s, Math.abs(v));
        }
        return s;
    }
}
