package dev.adjoint.internal.outline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.bytecode.ClassHierarchy;

/**
 * The spill array of a crowded method holds as many entries as values are live at once, not one per local, and
 * locals that share an entry keep their values.
 */
class SpillTest {

    /** Live from their store to the end: more locals live than {@link Spill#CROWDED}. */
    private static final int KEPT = 70;

    /** Each stored and read back at once. */
    private static final int TEMPORARIES = 100;

    @Test
    void short_lived_temporaries_share_entries_of_the_spill_array_and_keep_their_values() throws Exception {
        double[] x = {0.5, -1.25, 2.0, 3.5};
        ClassNode original = crowdedClass();
        double expected = run(original, x);
        ClassNode spilled = crowdedClass();
        MethodNode m = spilled.methods.get(0);
        Flow flow = new Flow(spilled.name, m, new HierarchyVerifier(spilled.name,
                new ClassHierarchy(ClassHierarchy.ClassBytes.of(getClass().getClassLoader()))));
        Spill.apply(flow, Spill.crowded(flow, true));
        int entries = spillArrayLength(m);
        assertTrue(entries > KEPT && entries <= KEPT + 3,
                () -> entries + " entries for " + (KEPT + TEMPORARIES + 1) + " locals");
        assertEquals(expected, run(spilled, x), 0.0);
    }

    /** @return the length of the {@code double[]} the method allocates first */
    private static int spillArrayLength(MethodNode m) {
        for (AbstractInsnNode insn : m.instructions) {
            if (insn.getOpcode() == Opcodes.NEWARRAY && ((IntInsnNode) insn).operand == Opcodes.T_DOUBLE) {
                AbstractInsnNode size = insn.getPrevious();
                if (size instanceof IntInsnNode) {
                    return ((IntInsnNode) size).operand;
                }
                return size instanceof LdcInsnNode ? (Integer) ((LdcInsnNode) size).cst
                        : size.getOpcode() - Opcodes.ICONST_0;
            }
        }
        throw new AssertionError("nothing spilled");
    }

    /**
     * {@code static double f(double[] x)}: {@value #KEPT} products kept to the end, {@value #TEMPORARIES} products
     * each added to {@code acc} right after it is stored, and the sum of all.
     */
    private static ClassNode crowdedClass() {
        ClassNode c = new ClassNode();
        c.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "dev/adjoint/internal/outline/Crowded", null,
                "java/lang/Object", null);
        MethodNode m = new MethodNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "f", "([D)D", null, null);
        int acc = 1;
        int kept = 3;
        int temporaries = kept + 2 * KEPT;
        m.instructions.add(new InsnNode(Opcodes.DCONST_0));
        m.instructions.add(new VarInsnNode(Opcodes.DSTORE, acc));
        for (int k = 0; k < KEPT; k++) {
            product(m, k);
            m.instructions.add(new VarInsnNode(Opcodes.DSTORE, kept + 2 * k));
        }
        for (int k = 0; k < TEMPORARIES; k++) {
            product(m, KEPT + k);
            m.instructions.add(new VarInsnNode(Opcodes.DSTORE, temporaries + 2 * k));
            m.instructions.add(new VarInsnNode(Opcodes.DLOAD, acc));
            m.instructions.add(new VarInsnNode(Opcodes.DLOAD, temporaries + 2 * k));
            m.instructions.add(new InsnNode(Opcodes.DADD));
            m.instructions.add(new VarInsnNode(Opcodes.DSTORE, acc));
        }
        m.instructions.add(new VarInsnNode(Opcodes.DLOAD, acc));
        for (int k = 0; k < KEPT; k++) {
            m.instructions.add(new VarInsnNode(Opcodes.DLOAD, kept + 2 * k));
            m.instructions.add(new InsnNode(Opcodes.DADD));
        }
        m.instructions.add(new InsnNode(Opcodes.DRETURN));
        c.methods.add(m);
        return c;
    }

    /** Pushes {@code x[k % 4] * (k + 1)}. */
    private static void product(MethodNode m, int k) {
        m.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        m.instructions.add(new IntInsnNode(Opcodes.BIPUSH, k % 4));
        m.instructions.add(new InsnNode(Opcodes.DALOAD));
        m.instructions.add(new LdcInsnNode((double) (k + 1)));
        m.instructions.add(new InsnNode(Opcodes.DMUL));
    }

    private static double run(ClassNode c, double[] x) throws Exception {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        c.accept(w);
        Class<?> defined = MethodHandles.lookup().defineHiddenClass(w.toByteArray(), true).lookupClass();
        Method f = defined.getMethod("f", double[].class);
        return (double) f.invoke(null, (Object) x);
    }
}
