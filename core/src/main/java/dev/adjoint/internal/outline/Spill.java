package dev.adjoint.internal.outline;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Moves {@code double} locals of a method into an array that the method allocates on entry. Where a method keeps
 * hundreds of values live across every point it could be cut (the augmented primal of an unrolled inverse keeps the
 * values its partials need until it pushes them), passing them to and from each piece would cost more code than the
 * piece holds; in the array they are simply there for every piece, and for the caller's handlers when an exception
 * leaves a piece.
 */
final class Spill {

    /** More live slots than this where a method may be cut, and its {@code double} locals live there move. */
    static final int CROWDED = 64;

    private Spill() {
    }

    /**
     * @return where more than {@link #CROWDED} slots are live anywhere the stack is empty, every {@code double} local
     *         live anywhere the stack is empty (none otherwise). Not only those live at the crowded places: a value
     *         left in a local is passed to and from every piece it lives across, and the caller of many pieces,
     *         made of those moves, stayed over the JIT's limit (EJML's {@code inv5}: 11 KB, interpreted)
     */
    static BitSet crowded(Flow flow) {
        BitSet doubles = doubles(flow.method);
        BitSet out = new BitSet();
        boolean crowded = false;
        for (int i = 0; i < flow.insns.length; i++) {
            if (flow.insns[i].getOpcode() >= 0) {
                BitSet live = flow.liveAt(i);
                crowded |= flow.depth[i] == 0 && live.cardinality() > CROWDED;
                live.and(doubles);
                out.or(live);
            }
        }
        return crowded ? out : new BitSet();
    }

    private static BitSet doubles(MethodNode m) {
        BitSet out = new BitSet();
        for (AbstractInsnNode insn : m.instructions) {
            if (insn.getOpcode() == Opcodes.DLOAD || insn.getOpcode() == Opcodes.DSTORE) {
                out.set(((VarInsnNode) insn).var);
            }
        }
        return out;
    }

    /**
     * Rewrites every {@code DLOAD} and {@code DSTORE} of the given locals to the array, held in a new local. The
     * method's parameters stay where the caller put them.
     */
    static void apply(MethodNode m, BitSet locals) {
        BitSet spilled = (BitSet) locals.clone();
        spilled.clear(0, Flow.parameterSlots(m));
        int array = Flow.maxLocals(m);
        Map<Integer, Integer> index = new HashMap<>();
        for (int v = spilled.nextSetBit(0); v >= 0; v = spilled.nextSetBit(v + 1)) {
            index.put(v, index.size());
        }
        for (AbstractInsnNode insn : m.instructions.toArray()) {
            int op = insn.getOpcode();
            if ((op != Opcodes.DLOAD && op != Opcodes.DSTORE) || !spilled.get(((VarInsnNode) insn).var)) {
                continue;
            }
            InsnList access = new InsnList();
            access.add(new VarInsnNode(Opcodes.ALOAD, array));
            access.add(CodeSize.constant(index.get(((VarInsnNode) insn).var)));
            if (op == Opcodes.DLOAD) {
                access.add(new InsnNode(Opcodes.DALOAD));
            } else {
                // value, array, index -> array, index, value
                access.add(new InsnNode(Opcodes.DUP2_X2));
                access.add(new InsnNode(Opcodes.POP2));
                access.add(new InsnNode(Opcodes.DASTORE));
            }
            m.instructions.insert(insn, access);
            m.instructions.remove(insn);
        }
        InsnList init = new InsnList();
        init.add(CodeSize.constant(index.size()));
        init.add(new IntInsnNode(Opcodes.NEWARRAY, Opcodes.T_DOUBLE));
        init.add(new VarInsnNode(Opcodes.ASTORE, array));
        m.instructions.insert(init);
    }
}
