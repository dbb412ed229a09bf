package dev.adjoint.internal.outline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.bytecode.TapeMethod;

/**
 * Moves {@code double} locals of a method into an array that the method takes on entry. Where a method keeps
 * hundreds of values live across every point it could be cut (the augmented primal of an unrolled inverse keeps the
 * values its partials need until it pushes them), passing them to and from each piece would cost more code than the
 * piece holds; in the array they are simply there for every piece, and for the caller's handlers when an exception
 * leaves a piece. A method with a tape takes the array from it and gives it back before it returns, so that calls
 * after the first allocate nothing ({@code Tape.takeSpill}); one without allocates it.
 */
final class Spill {

    /** More live slots than this where a method may be cut, and its {@code double} locals live there move. */
    static final int CROWDED = 64;

    private Spill() {
    }

    /**
     * @param everywhere whether to take every {@code double} local live anywhere, or only those live where the method
     *                   is crowded with an empty stack
     * @return where more than {@link #CROWDED} slots are live anywhere the stack is empty, the {@code double} locals
     *         to move (none otherwise). Taking them all moves the values an expression saves for its partials too,
     *         which otherwise are passed to and from every piece they live across: the caller of EJML's
     *         {@code inv5}'s pieces, made of those moves, stayed at 11 KB, interpreted. Taking only the crowded ones
     *         keeps a branchy method (Commons Math's {@code Rotation.getAngles}) from growing with array accesses
     *         where nothing can be cut; {@link MethodOutliner} keeps the smaller result
     */
    static BitSet crowded(Flow flow, boolean everywhere) {
        BitSet doubles = doubles(flow.method);
        BitSet out = new BitSet();
        boolean crowded = false;
        for (int i = 0; i < flow.insns.length; i++) {
            if (flow.insns[i].getOpcode() >= 0) {
                BitSet live = flow.liveAt(i);
                boolean here = flow.depth[i] == 0 && live.cardinality() > CROWDED;
                crowded |= here;
                if (everywhere || here) {
                    live.and(doubles);
                    out.or(live);
                }
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
     *
     * @param flow the flow of the method as it is, for the live ranges of the locals
     */
    static void apply(Flow flow, BitSet locals) {
        MethodNode m = flow.method;
        BitSet spilled = (BitSet) locals.clone();
        spilled.clear(0, Flow.parameterSlots(m));
        int array = Flow.maxLocals(m);
        Map<Integer, Integer> index = indices(flow, spilled);
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
        int entries = index.values().stream().mapToInt(i -> i + 1).max().orElse(0);
        int tape = tapeSlot(m);
        InsnList init = new InsnList();
        if (tape < 0) {
            init.add(CodeSize.constant(entries));
            init.add(new IntInsnNode(Opcodes.NEWARRAY, Opcodes.T_DOUBLE));
        } else {
            init.add(new VarInsnNode(Opcodes.ALOAD, tape));
            init.add(CodeSize.constant(entries));
            init.add(TapeMethod.TAKE_SPILL.call());
            giveBackBeforeReturns(m, tape, array);
        }
        init.add(new VarInsnNode(Opcodes.ASTORE, array));
        m.instructions.insert(init);
    }

    /**
     * @return the slot of the method's tape parameter (the last one when there are two, as in second-order code),
     *         or -1 where it has none or stores to that slot
     */
    private static int tapeSlot(MethodNode m) {
        int slot = (m.access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
        int tape = -1;
        for (Type t : Type.getArgumentTypes(m.desc)) {
            if (t.getSort() == Type.OBJECT && t.getInternalName().equals(Abi.TAPE)) {
                tape = slot;
            }
            slot += t.getSize();
        }
        for (AbstractInsnNode insn : m.instructions) {
            if (insn.getOpcode() == Opcodes.ASTORE && ((VarInsnNode) insn).var == tape) {
                return -1;
            }
        }
        return tape;
    }

    /** Gives the array back to the tape right before every return: nothing reads it after. */
    private static void giveBackBeforeReturns(MethodNode m, int tape, int array) {
        for (AbstractInsnNode insn : m.instructions.toArray()) {
            if (insn.getOpcode() >= Opcodes.IRETURN && insn.getOpcode() <= Opcodes.RETURN) {
                InsnList give = new InsnList();
                give.add(new VarInsnNode(Opcodes.ALOAD, tape));
                give.add(new VarInsnNode(Opcodes.ALOAD, array));
                give.add(TapeMethod.GIVE_SPILL.call());
                m.instructions.insertBefore(insn, give);
            }
        }
    }

    /**
     * Gives locals that are never live at the same point one index: an unrolled method's thousands of short-lived
     * temporaries need only as many entries as are live at once. Since a local is written before it is read on
     * every path (the verifier's rule) and no local sharing its entry is written while it is live, no entry is read
     * before the same call wrote it, and a reused array need not be zeroed. A linear scan over live ranges in code order, each from the first to the last point where its local is
     * live or written, so that a range holds every such point, across loops and handlers too.
     */
    private static Map<Integer, Integer> indices(Flow flow, BitSet spilled) {
        int[][] range = ranges(flow, spilled);
        List<Integer> byStart = new ArrayList<>();
        spilled.stream().forEach(byStart::add);
        byStart.sort(Comparator.<Integer>comparingInt(v -> range[0][v]).thenComparingInt(v -> v));
        // {end of range, index} of the ranges holding an index, soonest end first
        PriorityQueue<int[]> active = new PriorityQueue<>(Comparator.<int[]>comparingInt(r -> r[0])
                .thenComparingInt(r -> r[1]));
        ArrayDeque<Integer> free = new ArrayDeque<>();
        Map<Integer, Integer> index = new HashMap<>();
        int next = 0;
        for (int v : byStart) {
            while (!active.isEmpty() && active.peek()[0] < range[0][v]) {
                free.push(active.poll()[1]);
            }
            int i = free.isEmpty() ? next++ : free.pop();
            index.put(v, i);
            active.add(new int[] {range[1][v], i});
        }
        return index;
    }

    /** @return per local, the first ({@code [0]}) and last ({@code [1]}) instruction where it is live or written */
    private static int[][] ranges(Flow flow, BitSet locals) {
        int size = locals.length();
        int[] first = new int[size];
        int[] last = new int[size];
        Arrays.fill(first, Integer.MAX_VALUE);
        BitSet before = new BitSet();
        for (int i = 0; i < flow.insns.length; i++) {
            BitSet live = flow.liveAt(i);
            live.and(locals);
            AbstractInsnNode insn = flow.insns[i];
            if (insn.getOpcode() == Opcodes.DSTORE && locals.get(((VarInsnNode) insn).var)) {
                live.set(((VarInsnNode) insn).var);
            }
            BitSet started = (BitSet) live.clone();
            started.andNot(before);
            for (int v = started.nextSetBit(0); v >= 0; v = started.nextSetBit(v + 1)) {
                first[v] = Math.min(first[v], i);
            }
            // live before and not now: its range reached at least the point before (it may start again, in a loop)
            before.andNot(live);
            for (int v = before.nextSetBit(0); v >= 0; v = before.nextSetBit(v + 1)) {
                last[v] = Math.max(last[v], i - 1);
            }
            before = live;
        }
        for (int v = before.nextSetBit(0); v >= 0; v = before.nextSetBit(v + 1)) {
            last[v] = flow.insns.length - 1;
        }
        return new int[][] {first, last};
    }
}
