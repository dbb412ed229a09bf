package dev.adjoint.internal.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.Opcodes;

import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.testing.ValidationTarget;

/**
 * The early stages' decisions on {@link RecoveryTargets}: which reads repeat an earlier one (aliases), which locals
 * are only names inside an expression (copies), how the pullback gets back each array, object and index the primal
 * used (mirrored, rebuilt, a constant, or taped), and which partials it recomputes instead of popping.
 */
class RecoveryValidationTest {

    @ParameterizedTest
    @ValueSource(strings = {"squares", "strided", "indirect", "packedDot", "postIncrementCaught", "named", "reassigned",
            "fieldArray", "field"})
    void each_line_gets_the_decisions_its_comment_names(String method) {
        check(ValidationTarget.of(RecoveryTargets.class, method));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rowDot", "nested", "whileLoop", "doWhile", "volatileRead", "writtenInLoop", "callsInLoop",
            "finalFieldAcrossCalls", "wholeBodyLoop"})
    void a_field_read_moves_out_of_a_loop_only_where_the_loop_cannot_change_it(String method) {
        check(ValidationTarget.of(HoistingTargets.class, method));
    }

    private static void check(ValidationTarget t) {
        Map<Integer, List<String>> expected = new TreeMap<>();
        t.expectations().forEach((line, tokens) -> expected.put(line, tokens.stream().sorted().toList()));
        assertEquals(expected, decisions(t, t.plan()));
    }

    /** @return source line -> the decisions the early stages made for its instructions */
    private static Map<Integer, List<String>> decisions(ValidationTarget t, DerivativePlan plan) {
        MethodFlow flow = t.flow();
        Map<Integer, List<String>> out = new TreeMap<>();
        for (int i = 0; i < flow.size(); i++) {
            if (!plan.isReachable(i)) {
                continue;
            }
            int line = flow.line(i);
            int op = flow.insn(i).getOpcode();
            if (plan.variables().role(i) == Role.ALIAS) {
                add(out, line, "alias");
            }
            if (plan.variables().role(i) == Role.COPY && (op == Opcodes.DSTORE || op == Opcodes.FSTORE)) {
                add(out, line, "copy");
            }
            Recovery ref = plan.recovery().reference(i);
            if (ref != null) {
                boolean array = op == Opcodes.DALOAD || op == Opcodes.FALOAD || op == Opcodes.DASTORE
                        || op == Opcodes.FASTORE;
                add(out, line, (array ? "array " : "reference ") + describe(ref));
            }
            if (plan.recovery().index(i) != null) {
                add(out, line, "index " + describe(plan.recovery().index(i)));
            }
            int[][] remat = plan.rematerialization().of(i);
            if (remat != null) {
                add(out, line, "recomputed partial");
            }
        }
        out.values().forEach(list -> list.sort(null));
        return out;
    }

    private static String describe(Recovery r) {
        switch (r.kind) {
            case CONSTANT: return "constant";
            case FRAME: return "mirrored";
            case REBUILD: return "rebuilt";
            default: return "taped";
        }
    }

    private static void add(Map<Integer, List<String>> out, int line, String decision) {
        List<String> list = out.computeIfAbsent(line, k -> new ArrayList<>());
        if (!list.contains(decision)) {
            list.add(decision);
        }
    }
}
