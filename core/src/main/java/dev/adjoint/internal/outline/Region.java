package dev.adjoint.internal.outline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Where a method may be cut: the stretches of code with one way in and one way out that can become a method of
 * their own. A stretch never reads the operand stack below where it started, so that what the caller has there waits
 * during the call (the partials of a long expression are computed with its value on the stack), and it leaves the
 * stack as it found it or with one value more, which the piece returns (a part of a long expression).
 *
 * <p>A stretch {@code [start, end)} qualifies when it contains no return, no handler and no boundary of a handler's
 * range, when every jump inside it lands inside it or on its end, and when nothing outside jumps into it.
 */
final class Region {

    /** A stretch chosen to be outlined: its first and last instructions, and where control leaves it. */
    record Stretch(int start, int last, int end, int saving, boolean value) {
    }

    /** The largest piece made where nothing smaller can be cut, well within the JVM's 64 KiB. */
    static final int MAX_PIECE = 48_000;

    /** The most local slots a piece may take as arguments (the JVM allows 255, with the carriers). */
    static final int MAX_ARGUMENT_SLOTS = 240;

    /** What giving back one local costs, in the piece and at its call: a carrier, an index, a load, a store. */
    private static final int RESULT_BYTES = 10;

    /** What passing one local costs at the call. */
    private static final int ARGUMENT_BYTES = 3;

    /** The most instructions the search looks at in one method: where stretches cannot end, it gives up. */
    private static final int SEARCH_LIMIT = 2_000_000;

    private final Flow flow;
    private int searched;
    private final AbstractInsnNode[] insns;
    private final int[] refMin;
    private final int[] refMax;
    private final boolean[] pinned;
    /** Per instruction, the first and last instruction it may jump to ({@code MAX_VALUE} and -1 for none), its
     * size and the local it uses: the search visits each instruction many times, from each start before it. */
    private final int[] jumpMin;
    private final int[] jumpMax;
    private final int[] bytes;
    private final int[] local;
    /** Per index, the first real instruction at or after it ({@code insns.length} for none). */
    private final int[] real;

    Region(Flow flow) {
        this.flow = flow;
        this.insns = flow.insns;
        int n = insns.length;
        refMin = new int[n];
        refMax = new int[n];
        pinned = new boolean[n];
        jumpMin = new int[n];
        jumpMax = new int[n];
        bytes = new int[n];
        local = new int[n];
        real = new int[n + 1];
        Arrays.fill(refMin, Integer.MAX_VALUE);
        Arrays.fill(refMax, -1);
        Arrays.fill(jumpMin, Integer.MAX_VALUE);
        Arrays.fill(jumpMax, -1);
        for (int k = 0; k < n; k++) {
            for (LabelNode target : Flow.targets(insns[k])) {
                int t = flow.index(target);
                refMin[t] = Math.min(refMin[t], k);
                refMax[t] = Math.max(refMax[t], k);
                jumpMin[k] = Math.min(jumpMin[k], t);
                jumpMax[k] = Math.max(jumpMax[k], t);
            }
            bytes[k] = CodeSize.of(insns[k]);
            local[k] = var(insns[k]);
        }
        real[n] = n;
        for (int k = n - 1; k >= 0; k--) {
            real[k] = insns[k].getOpcode() >= 0 ? k : real[k + 1];
        }
        MethodNode m = flow.method;
        m.tryCatchBlocks.forEach(tcb -> {
            pinned[flow.index(tcb.start)] = true;
            pinned[flow.index(tcb.end)] = true;
            pinned[flow.index(tcb.handler)] = true;
        });
    }

    /**
     * Chooses stretches, first to last, each as long as fits in {@code budget} bytes and at least {@code least}.
     */
    List<Stretch> choose(int budget, int least) {
        List<Stretch> out = new ArrayList<>();
        // a piece as large as the method would be the method again
        int largest = Math.min(MAX_PIECE, CodeSize.of(insns, 0, insns.length) - least);
        int s = nextCut(0);
        while (s >= 0 && s < insns.length && searched < SEARCH_LIMIT) {
            Stretch best = longest(s, budget, largest);
            if (best != null && best.saving() >= least) {
                out.add(best);
                s = best.end();
            } else {
                s = nextCut(s + 1);
            }
        }
        return out;
    }

    /** @return the first point at or after {@code i} before a real instruction that is reached */
    private int nextCut(int i) {
        for (int k = i; k < insns.length; k++) {
            if (insns[k].getOpcode() >= 0 && flow.depth[k] >= 0) {
                return k;
            }
        }
        return -1;
    }

    /**
     * @return the qualifying stretch from {@code s} within the budget that takes the most code out of the caller,
     *         counting what its call costs there (a cut where many written locals are live is expensive), or
     *         {@code null}
     */
    private Stretch longest(int s, int budget, int largest) {
        Stretch best = null;
        int bestNet = Integer.MIN_VALUE;
        // what is on the stack at the start stays in the caller, untouched, while the piece runs
        int base = flow.depth[s];
        int size = 0;
        int maxTarget = -1;
        int maxRef = -1;
        int pendingLabels = s;
        BitSet written = new BitSet();
        BitSet arguments = new BitSet();
        int argumentSlots = 0;
        for (int k = s; k < insns.length; k++) {
            AbstractInsnNode insn = insns[k];
            int op = insn.getOpcode();
            searched++;
            if (op < 0) {
                continue;
            }
            // the labels since the last instruction are now inside
            for (int j = pendingLabels; j < k; j++) {
                if (insns[j] instanceof LabelNode) {
                    if (pinned[j] || refMin[j] < s) {
                        return best;
                    }
                    maxRef = Math.max(maxRef, refMax[j]);
                }
            }
            pendingLabels = k + 1;
            if (flow.depth[k] < 0 || flow.low[k] < base || (op >= Opcodes.IRETURN && op <= Opcodes.RETURN)
                    || op == Opcodes.RET || op == Opcodes.JSR) {
                return best;
            }
            if (jumpMin[k] <= s) {
                return best;
            }
            maxTarget = Math.max(maxTarget, jumpMax[k]);
            size += bytes[k];
            if (size > (best == null ? largest : budget)) {
                return best;
            }
            int var = local[k];
            boolean store = op >= Opcodes.ISTORE && op <= Opcodes.ASTORE;
            if (var >= 0 && !store && !written.get(var) && !arguments.get(var)) {
                arguments.set(var);
                argumentSlots += isWide(insn) ? 2 : 1;
                if (argumentSlots > MAX_ARGUMENT_SLOTS) {
                    return best;
                }
            }
            if (var >= 0 && (store || op == Opcodes.IINC)) {
                written.set(var);
            }
            int e = real[k + 1];
            // a stretch may also leave one value it computed on the stack: the piece returns it
            boolean value = e < insns.length && flow.depth[e] == base + 1;
            if (e < insns.length && (flow.depth[e] == base || value) && maxRef <= k && maxTarget < e) {
                BitSet results = flow.liveAt(e);
                results.and(written);
                int carried = RESULT_BYTES * results.cardinality();
                int net = size - carried - ARGUMENT_BYTES * arguments.cardinality();
                if (size + carried > budget) {
                    // no cut within the budget: the shortest stretch there is still keeps the method within
                    // the JVM's limit, though the JIT will not compile that piece
                    if (best == null) {
                        return new Stretch(s, k, e, net, value);
                    }
                } else if (net > bestNet) {
                    bestNet = net;
                    best = new Stretch(s, k, e, net, value);
                }
            }
        }
        return best;
    }

    /** @return the local an instruction reads or writes, or -1 */
    static int var(AbstractInsnNode insn) {
        if (insn instanceof VarInsnNode) {
            return ((VarInsnNode) insn).var;
        }
        return insn instanceof IincInsnNode ? ((IincInsnNode) insn).var : -1;
    }

    static boolean isWide(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return op == Opcodes.LLOAD || op == Opcodes.DLOAD || op == Opcodes.LSTORE || op == Opcodes.DSTORE;
    }
}
