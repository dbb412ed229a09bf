package dev.adjoint.internal.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.tree.LocalVariableNode;

import dev.adjoint.internal.adjoint.AugmentedPrimal.RecordedBlock;
import dev.adjoint.internal.adjoint.AugmentedPrimal.Recording;
import dev.adjoint.testing.ValidationTarget;

/**
 * What the augmented primal pushes on {@link AugmentedPrimalTargets}, line by line as written beside each line, and
 * how a counted loop's count is kept: counted in the primal, taped on the way out and where an exception leaves.
 */
class AugmentedPrimalBuilderTest {

    @ParameterizedTest
    @ValueSource(strings = {"product", "constantPartials", "twoReturns", "element"})
    void each_line_pushes_what_its_comment_names(String method) {
        ValidationTarget t = ValidationTarget.of(AugmentedPrimalTargets.class, method);
        AugmentedPrimal p = AugmentedPrimalBuilder.build(t.plan());
        assertEquals(t.expectations(), pushes(t, p));
    }

    @Test
    void a_loop_that_steps_by_two_is_counted_and_its_count_taped_on_the_way_out_and_when_an_exception_leaves() {
        ValidationTarget t = ValidationTarget.of(AugmentedPrimalTargets.class, "stepsByTwo");
        AugmentedPrimal p = AugmentedPrimalBuilder.build(t.plan());
        assertEquals(1, p.countedLoops());
        List<AugmentedPrimal.Counting> counting = new ArrayList<>();
        List<AugmentedPrimal.LoopExit> exits = new ArrayList<>();
        for (RecordedBlock b : p.blocks()) {
            counting.addAll(b.counting());
            exits.addAll(b.exits());
        }
        assertEquals(List.of(new AugmentedPrimal.Counting(0, true), new AugmentedPrimal.Counting(0, false)),
                counting);
        assertEquals(1, exits.size());
        assertEquals(List.of(new TapePush.LoopCount(0)), exits.get(0).counts());
        List<TapePush> unwinding = p.unwinding();
        assertTrue(unwinding.contains(new TapePush.LoopCount(0)), unwinding::toString);
        assertEquals(new TapePush.ExceptionRecord(), unwinding.get(unwinding.size() - 1));
    }

    /** @return source line -> the pushes of its instructions, in push order */
    private static Map<Integer, List<String>> pushes(ValidationTarget t, AugmentedPrimal p) {
        Map<Integer, List<String>> out = new TreeMap<>();
        for (RecordedBlock b : p.blocks()) {
            for (Recording r : b.recordings()) {
                List<String> tokens = new ArrayList<>();
                r.before().forEach(push -> tokens.addAll(tokens(t, push)));
                r.after().forEach(push -> tokens.addAll(tokens(t, push)));
                if (!tokens.isEmpty()) {
                    out.computeIfAbsent(t.flow().line(r.at()), k -> new ArrayList<>()).addAll(tokens);
                }
            }
        }
        return out;
    }

    private static List<String> tokens(ValidationTarget t, TapePush push) {
        if (push instanceof TapePush.Partials partials) {
            List<String> out = new ArrayList<>();
            for (int k : partials.order()) {
                if (!partials.tree().partials.get(k).isConst()) {
                    out.add("push ∂");
                }
            }
            return out;
        }
        if (push instanceof TapePush.FrameValue f) {
            return List.of("push frame " + local(t, f.slot()));
        }
        if (push instanceof TapePush.WhichReturn) {
            return List.of("push which return");
        }
        if (push instanceof TapePush.Index) {
            return List.of("push index");
        }
        return List.of("push " + push.getClass().getSimpleName());
    }

    private static String local(ValidationTarget t, int slot) {
        for (LocalVariableNode v : t.flow().method().localVariables) {
            if (v.index == slot) {
                return v.name;
            }
        }
        return "slot" + slot;
    }
}
