package dev.adjoint.internal.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;

import dev.adjoint.testing.ValidationTarget;

/**
 * Where the receivers of calls come from, as {@link Sources} answers for inlining and scalar replacement: the one
 * object the method allocated on every path, through stores, loads and casts, and across merges of other values; and
 * nothing when another allocation, a parameter, {@code null} or an array's element may reach the call instead.
 */
class SourcesTest {

    @ParameterizedTest
    @ValueSource(strings = {"allocatedThenLoaded", "castCopy", "parameterOrAllocation", "parameterReplacedWhenNull",
        "twoAllocations",
        "elementOfAnArray", "parameterOnBothPaths", "replacedInALoop", "nullOrAllocation"})
    void the_receiver_of_a_call_is_the_allocation_only_when_it_is_on_every_path(String name) {
        ValidationTarget.Unprepared t = ValidationTarget.unprepared(SourceTargets.class, name);
        Sources sources = Sources.of(t.owner(), t.method());
        assertNotNull(sources, "the method is analysed");
        int line = -1;
        int checked = 0;
        for (AbstractInsnNode insn : t.method().instructions) {
            if (insn instanceof LineNumberNode) {
                line = ((LineNumberNode) insn).line;
            }
            if (insn.getOpcode() != Opcodes.INVOKEVIRTUAL || !((MethodInsnNode) insn).name.equals("get")) {
                continue;
            }
            List<String> expected = t.expectations().getOrDefault(line, List.of());
            MethodInsnNode call = (MethodInsnNode) insn;
            int count = Type.getArgumentTypes(call.desc).length + 1;
            AbstractInsnNode allocation = sources.allocation(sources.operand(call, 0, count));
            String found = allocation == null ? "unknown" : "allocated";
            assertEquals(expected, List.of(found), name + ", line " + line);
            if (allocation != null) {
                assertEquals(Opcodes.NEW, allocation.getOpcode());
            }
            checked++;
        }
        assertFalse(checked == 0, "the method calls get()");
    }
}
