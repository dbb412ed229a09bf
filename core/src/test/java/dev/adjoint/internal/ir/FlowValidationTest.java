package dev.adjoint.internal.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.adjoint.testing.ValidationTarget;

/**
 * The blocks, dominators and natural loops of {@link LoopTargets}, checked against what each line says: a loop's
 * header dominates its body, its natural loop holds exactly the lines marked {@code in}, and instructions that may
 * throw are found where the line says.
 */
class FlowValidationTest {

    @ParameterizedTest
    @CsvSource({"nested, outer", "nested, inner", "withBreak, loop"})
    void the_natural_loop_of_a_back_edge_holds_exactly_the_lines_marked_in_it(String method, String loop) {
        ValidationTarget t = ValidationTarget.of(LoopTargets.class, method);
        MethodFlow flow = t.flow();
        int header = firstBlock(t, t.lineExpecting("header:" + loop));
        int latch = lastBlock(t, t.lineExpecting("latch:" + loop));
        BitSet body = Dominators.naturalLoop(flow.blocks(), header, latch);
        for (Map.Entry<Integer, List<String>> e : t.expectations().entrySet()) {
            boolean in = e.getValue().contains("in:" + loop) || e.getValue().contains("header:" + loop)
                    || e.getValue().contains("latch:" + loop);
            boolean out = e.getValue().contains("out:" + loop);
            for (int i : t.instructionsOf(e.getKey())) {
                if (in) {
                    assertTrue(body.get(flow.blockOf(i).id()), "line " + e.getKey() + " is in loop " + loop);
                } else if (out) {
                    assertTrue(!body.get(flow.blockOf(i).id()), "line " + e.getKey() + " is outside loop " + loop);
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"nested, outer", "nested, inner", "withBreak, loop"})
    void a_loop_header_dominates_its_body_and_not_what_comes_before_it(String method, String loop) {
        ValidationTarget t = ValidationTarget.of(LoopTargets.class, method);
        MethodFlow flow = t.flow();
        Dominators dom = Dominators.of(flow.blocks());
        int header = firstBlock(t, t.lineExpecting("header:" + loop));
        int entry = flow.blockOf(t.instructionsOf(t.expectations().keySet().iterator().next()).get(0)).id();
        assertTrue(dom.dominates(entry, header), "the entry dominates the header");
        assertTrue(!dom.dominates(header, entry) || header == entry, "the header does not dominate the entry");
        for (Map.Entry<Integer, List<String>> e : t.expectations().entrySet()) {
            if (e.getValue().contains("in:" + loop)) {
                for (int i : t.instructionsOf(e.getKey())) {
                    assertTrue(dom.dominates(header, flow.blockOf(i).id()), "header dominates line " + e.getKey());
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"nested", "withBreak"})
    void instructions_that_may_throw_are_on_the_lines_that_say_so(String method) {
        ValidationTarget t = ValidationTarget.of(LoopTargets.class, method);
        TreeSet<Integer> expected = new TreeSet<>();
        TreeSet<Integer> found = new TreeSet<>();
        for (Map.Entry<Integer, List<String>> e : t.expectations().entrySet()) {
            if (e.getValue().contains("throws")) {
                expected.add(e.getKey());
            }
            for (int i : t.instructionsOf(e.getKey())) {
                // the loops' own bounds read x.length, which may throw too; only the marked lines index arrays
                if (t.flow().mayThrow(i) && t.flow().insn(i).getOpcode() != org.objectweb.asm.Opcodes.ARRAYLENGTH) {
                    found.add(e.getKey());
                }
            }
        }
        assertEquals(expected, found);
    }

    private static int firstBlock(ValidationTarget t, int line) {
        return t.flow().blockOf(t.instructionsOf(line).get(0)).id();
    }

    private static int lastBlock(ValidationTarget t, int line) {
        List<Integer> insns = t.instructionsOf(line);
        return t.flow().blockOf(insns.get(insns.size() - 1)).id();
    }
}
