package dev.adjoint.internal.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.Opcodes;

import dev.adjoint.AD;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.testing.Oracle;
import dev.adjoint.testing.ValidationTarget;

/**
 * A large expression stored in a local that the DAGs of several roots read stays a local, its own root, so its
 * partials are taken once instead of once per root; small ones are still copied into the DAGs. The gradients of
 * both shapes of {@link SharedExpressionTargets} agree with central differences.
 */
class SharedExpressionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"cofactorInverse", "unitVector"})
    void a_large_expression_read_by_several_roots_is_kept_a_local_and_a_small_one_is_copied(String method) {
        ValidationTarget t = ValidationTarget.of(SharedExpressionTargets.class, method);
        Map<Integer, List<String>> expected = new TreeMap<>();
        t.expectations().forEach((line, tokens) -> expected.put(line, tokens));
        assertEquals(expected, storesOnExpectedLines(t, expected));
    }

    @Test
    void the_gradient_of_a_cofactor_inverse_matches_central_differences() {
        double[] m = new double[16];
        for (int i = 0; i < 16; i++) {
            m[i] = (i % 5 == 0 ? 4 : 0) + 0.3 * Math.sin(i + 1);
        }
        assertMatchesCentralDifferences(SharedExpressionTargets::cofactorInverse, m);
    }

    @Test
    void the_gradient_of_a_unit_vector_written_out_matches_central_differences() {
        double[] x = {0.7, -1.2, 0.4, 2.1, -0.3, 0.9, 1.5, -0.8};
        assertMatchesCentralDifferences(SharedExpressionTargets::unitVector, x);
    }

    /** @return line -> "kept a local" or "no local" for each store of a {@code double} local on the given lines */
    private static Map<Integer, List<String>> storesOnExpectedLines(ValidationTarget t,
                                                                    Map<Integer, List<String>> lines) {
        MethodFlow flow = t.flow();
        DerivativePlan plan = t.plan();
        Map<Integer, List<String>> out = new TreeMap<>();
        for (int line : lines.keySet()) {
            List<String> found = new ArrayList<>();
            for (int i : t.instructionsOf(line)) {
                if (flow.insn(i).getOpcode() == Opcodes.DSTORE) {
                    found.add(plan.variables().role(i) == Role.COPY ? "no local" : "kept a local");
                }
            }
            out.put(line, found);
        }
        return out;
    }

    private static void assertMatchesCentralDifferences(ToDoubleFunction<double[]> f, double[] x) {
        double[] expected = Oracle.centralGradient(f::applyAsDouble, x);
        double[] actual = AD.gradient(f::applyAsDouble, x);
        double scale = 1;
        for (double g : expected) {
            scale = Math.max(scale, Math.abs(g));
        }
        assertArrayEquals(expected, actual, 1e-6 * scale);
    }
}
