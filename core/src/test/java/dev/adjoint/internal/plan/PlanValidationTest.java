package dev.adjoint.internal.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.testing.ValidationTarget;

/**
 * The plan's decisions on {@link PlanTargets}: which loops are counted and whether their counts are derived or
 * taped, which array stores are in-place increments, which array parameters are copied on entry, and which lines
 * are refused. Each line's expected decisions are written beside it; a line without a comment expects none.
 */
class PlanValidationTest {

    @ParameterizedTest
    @ValueSource(strings = {"dot", "halve", "accumulate", "accumulateCompound", "notAnIncrement", "matrixVector",
            "packedLowerTimes", "rowTimes", "rowTimesAfterCall", "rowInLoop", "highHalfReused", "bits"})
    void each_line_gets_the_decisions_its_comment_names(String method) {
        ValidationTarget t = ValidationTarget.of(PlanTargets.class, method);
        DerivativePlan plan = t.plan();
        Map<Integer, List<String>> expected = new TreeMap<>();
        for (Map.Entry<Integer, List<String>> e : t.expectations().entrySet()) {
            List<String> kept = new ArrayList<>(e.getValue());
            kept.removeIf(s -> s.startsWith("no "));
            if (!kept.isEmpty()) {
                expected.put(e.getKey(), kept);
            }
        }
        assertEquals(expected, decisions(t, plan));
    }

    /** @return source line -> the decisions the plan made for its instructions, in a fixed order */
    static Map<Integer, List<String>> decisions(ValidationTarget t, DerivativePlan plan) {
        MethodFlow flow = t.flow();
        Map<Integer, List<String>> out = new TreeMap<>();
        for (CountedLoop loop : plan.countedLoops().loops()) {
            int first = flow.blocks().get(loop.header).first();
            while (!flow.isInstruction(first)) {
                first++;
            }
            int line = flow.line(first);
            add(out, line, "counted loop");
            add(out, line, loop.derived() ? "derived count" : "taped count");
        }
        for (int i = 0; i < flow.size(); i++) {
            if (plan.increments().at(i)) {
                add(out, flow.line(i), "increment");
            }
            if (plan.refusals().reason(i) != null) {
                add(out, flow.line(i), "refused");
            }
            if (plan.deferredReads().loopOf(i) != null) {
                add(out, flow.line(i), "deferred");
            }
        }
        for (int f = 0; f < plan.frame().size(); f++) {
            if (!plan.frame().copied(f)) {
                continue;
            }
            int slot = plan.frame().get(f).slot;
            String name = flow.method().localVariables.stream().filter(v -> v.index == slot).map(v -> v.name)
                    .findFirst().orElse("slot" + slot);
            for (int i = 0; i < flow.size(); i++) { // on the line that reads the copied array
                if (plan.recovery().reference(i) != null && plan.recovery().reference(i).kind == Recovery.Kind.FRAME
                        && plan.recovery().reference(i).value == f) {
                    add(out, flow.line(i), "snapshot of " + name);
                    break;
                }
            }
        }
        return out;
    }

    private static void add(Map<Integer, List<String>> out, int line, String decision) {
        List<String> list = out.computeIfAbsent(line, k -> new ArrayList<>());
        if (!list.contains(decision)) {
            list.add(decision);
        }
    }
}
