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

import dev.adjoint.testing.ValidationTarget;

/**
 * The pullback's statements on {@link PullbackTargets}, line by line as written beside each line, and the way back
 * round a counted loop.
 */
class PullbackBuilderTest {

    @ParameterizedTest
    @ValueSource(strings = {"product", "affine", "sum", "stored", "calls"})
    void each_line_is_reversed_by_the_statements_its_comment_names(String method) {
        ValidationTarget t = ValidationTarget.of(PullbackTargets.class, method);
        Pullback p = PullbackBuilder.build(t.plan(), false);
        assertEquals(t.expectations(), statements(t, p));
    }

    @Test
    void a_counted_loop_is_reversed_round_its_header_and_left_through_the_edge_it_was_entered_by() {
        ValidationTarget t = ValidationTarget.of(PullbackTargets.class, "sum");
        Pullback p = PullbackBuilder.build(t.plan(), false);
        Continuation.LoopBack loop = null;
        Edge exit = null;
        for (ReversedBlock b : p.blocks()) {
            if (b.next() instanceof Continuation.LoopBack) {
                loop = (Continuation.LoopBack) b.next();
            } else if (b.next() instanceof Continuation.Goto) {
                Edge e = ((Continuation.Goto) b.next()).edge();
                exit = e.left().isEmpty() ? exit : e;
            }
        }
        assertEquals(0, loop.loop());
        int header = loop.latch().to();
        assertEquals(header, loop.entered().to());
        assertEquals(t.flow().blockOf(0).id(), loop.entered().from(), "entered from the method's first block");
        // the block after the loop goes back into it from its exit, where the loop's count is derived from i
        assertEquals(header, exit.from());
        assertEquals(1, exit.left().size());
        assertTrue(exit.left().get(0).derived());
    }

    /** @return source line -> the statements of its steps, in the order the pullback runs them */
    private static Map<Integer, List<String>> statements(ValidationTarget t, Pullback p) {
        Map<Integer, List<String>> out = new TreeMap<>();
        for (int b = p.blocks().size() - 1; b >= 0; b--) {
            for (Step step : p.blocks().get(b).steps()) {
                for (Statement s : step.statements()) {
                    // a statement that does two things reads as two, as the comments are split
                    out.computeIfAbsent(step.line(), k -> new ArrayList<>()).addAll(List.of(token(t, s).split(", ")));
                }
            }
        }
        return out;
    }

    private static String token(ValidationTarget t, Statement s) {
        if (s instanceof Statement.Accumulate) {
            Statement.Accumulate a = (Statement.Accumulate) s;
            return name(t, a.target()) + " += " + name(t, a.from());
        }
        if (s instanceof Statement.Zero) {
            return name(t, ((Statement.Zero) s).adjoint()) + " = 0";
        }
        if (s instanceof Statement.HoldRoot) {
            return "hold t";
        }
        if (s instanceof Statement.Propagate) {
            Statement.Propagate p = (Statement.Propagate) s;
            return name(t, p.leaf()) + " += " + factor(p.partial());
        }
        if (s instanceof Statement.ShadowAdd) {
            return "shadow += Δv";
        }
        if (s instanceof Statement.ShadowMove) {
            Statement.ShadowMove m = (Statement.ShadowMove) s;
            return m.increment() ? "Δv += shadow, shadow kept" : "Δv += shadow, shadow = 0";
        }
        if (s instanceof Statement.CallPullback) {
            Statement.CallPullback c = (Statement.CallPullback) s;
            StringBuilder sb = new StringBuilder("call ").append(c.call().name());
            for (Statement.ArgumentAdjoint a : c.call().arguments()) {
                sb.append(", ").append(a.target() == null ? "nothing" : name(t, a.target())).append(" += argAdj");
            }
            return sb.toString();
        }
        if (s instanceof Statement.UndoIncrement) {
            Statement.UndoIncrement u = (Statement.UndoIncrement) s;
            return local(t, u.slot()) + " -= " + u.increment();
        }
        return s.getClass().getSimpleName();
    }

    private static String factor(Partial p) {
        if (p instanceof Partial.One) {
            return "t";
        }
        if (p instanceof Partial.MinusOne) {
            return "-t";
        }
        if (p instanceof Partial.Constant) {
            return "t * " + ((Partial.Constant) p).value();
        }
        return p instanceof Partial.Popped ? "t * pop" : "t * kept";
    }

    private static String name(ValidationTarget t, Adjoint a) {
        switch (a.kind()) {
            case LOCAL:
                return "Δ" + local(t, a.id());
            case VALUE:
                return "Δv";
            default:
                return "Δresult";
        }
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
