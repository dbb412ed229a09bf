package dev.adjoint.internal.outline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.ValueAndGradient;
import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.bytecode.TapeMethod;
import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.testing.Oracle;

/**
 * A crowded method takes its spill array from the tape and gives it back when it returns: a call it makes to itself
 * while its values are in the array gets another one, and so does every call after one that an exception left. With
 * assertions on (as here), every array handed out is NaN, so an entry read before the call wrote it shows.
 */
class SpillArrayReuseTest {

    @Test
    void a_crowded_method_calling_itself_while_its_values_are_spilled_matches_central_differences() {
        MultivariateFunction f = x -> RecursiveCofactors.inverseSum(x, 2, false);
        assertMatchesCentralDifferences(f);
    }

    @Test
    void calls_after_an_exception_left_a_crowded_method_and_was_caught_above_it_match_central_differences() {
        MultivariateFunction f = x -> RecursiveCofactors.inverseSum(x, 2, true);
        assertMatchesCentralDifferences(f);
        // the second gradient takes the arrays the first gave back, and not the ones the exception dropped
        assertMatchesCentralDifferences(f);
    }

    @Test
    void the_augmented_primal_of_a_crowded_method_takes_its_spill_array_from_the_tape_and_gives_it_back_once_per_return()
            throws Exception {
        ClassHierarchy hierarchy = new ClassHierarchy(ClassHierarchy.ClassBytes.of(getClass().getClassLoader()));
        Companion c = Engine.standard(false).generate(hierarchy.bytes().find(Type.getInternalName(Cofactors.class)),
                "inverseSum", "([D)D", hierarchy, Engine.Mode.REVERSE);
        ClassNode node = new ClassNode();
        new ClassReader(c.bytes()).accept(node, 0);
        int taking = 0;
        int returnsOfTaking = 0;
        int gives = 0;
        for (MethodNode m : node.methods) {
            int takes = 0;
            int returns = 0;
            for (AbstractInsnNode insn : m.instructions) {
                takes += calls(insn, TapeMethod.TAKE_SPILL) ? 1 : 0;
                gives += calls(insn, TapeMethod.GIVE_SPILL) ? 1 : 0;
                returns += insn.getOpcode() >= Opcodes.IRETURN && insn.getOpcode() <= Opcodes.RETURN ? 1 : 0;
            }
            if (takes > 0) {
                taking++;
                returnsOfTaking += returns;
                assertEquals(1, takes, m.name);
            }
        }
        // the give before a return may have moved into the last piece, which the method calls right before it
        assertEquals(returnsOfTaking, gives);
        assertTrue(taking > 0, "no generated method takes a spill array from the tape");
    }

    private static boolean calls(AbstractInsnNode insn, TapeMethod method) {
        return insn instanceof MethodInsnNode && ((MethodInsnNode) insn).owner.equals(Abi.TAPE)
                && ((MethodInsnNode) insn).name.equals(method.name);
    }

    private static void assertMatchesCentralDifferences(MultivariateFunction f) {
        double[] x = wellConditioned();
        double[] expected = Oracle.centralGradient(f::apply, x);
        ValueAndGradient actual = AD.valueAndGradient(f, x);
        assertEquals(f.apply(x), actual.value(), 0.0);
        double scale = 1;
        for (double g : expected) {
            scale = Math.max(scale, Math.abs(g));
        }
        assertArrayEquals(expected, actual.gradient(), 1e-6 * scale);
    }

    private static double[] wellConditioned() {
        double[] x = new double[25];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                x[i * 5 + j] = i == j ? 4 + i : 0.13 * (i + 1) - 0.07 * j;
            }
        }
        return x;
    }
}
