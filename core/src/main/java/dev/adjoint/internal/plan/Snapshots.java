package dev.adjoint.internal.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.ir.Block;
import dev.adjoint.internal.ir.MethodFlow;

/**
 * The stage that picks the arrays the augmented primal copies, so that the partials that read them are recomputed
 * from the copy ({@link Rematerialization}) instead of taped per read. The decision is made per loop nest: an array
 * read in a nested counted loop qualifies when it is an array parameter never assigned, copied on entry, or an
 * array local stored once ({@code double[] u = this.weights}, {@code h = state(...)}, a row {@code icf[c]} read per
 * iteration), copied right after that store, at every pass when the store is inside a loop; when nothing stores
 * floating-point elements through it; and when nothing between the copy and the last read it is recomputed for
 * calls anything but {@code Math} (a callee could write it). Stores through other parameters ({@link #writers}) are
 * allowed, and through locals that only hold arrays the method allocated itself, which cannot be any other array as
 * long as a local's copy is taken before any of them exists ({@link #ownArrayBefore}), or, for a copy taken per
 * pass, as long as none of them can leave its locals ({@link #storesShared}). The copy is taken at run time only when
 * the array is at most {@link Frame#SNAPSHOT_LIMIT} long and is none of the writers, so that nothing can change it
 * while the method runs; otherwise its partials are taped as before.
 */
final class Snapshots implements Opcodes {

    private final MethodFacts m;
    /** The frame entries whose arrays are copied. */
    final BitSet snapshot = new BitSet();
    /** Per copied local that is not a parameter: the store after which its copy is taken. */
    final Map<Integer, Integer> copiedAfter = new HashMap<>();
    /** The parameter slots the method stores floating-point elements through. */
    final int[] writers;
    /**
     * Per entry copied at every pass: the locals whose arrays it must not be at the copy, since elements are stored
     * through them before the copy's partials are read again ({@link #guardsNeeded}).
     */
    final Map<Integer, int[]> guards = new HashMap<>();

    Snapshots(MethodFacts m, Rematerialization rematerialization, CountedLoops loops) {
        this.m = m;
        BitSet storedThrough = rematerialization.remat.isEmpty() || loops.loops.size() < 2 ? null : storedThrough();
        if (storedThrough == null) {
            this.writers = new int[0];
            return;
        }
        BitSet read = readInNestedLoops(rematerialization.remat, loops);
        for (int f = read.nextSetBit(0); f >= 0; f = read.nextSetBit(f + 1)) {
            int slot = rematerialization.mirrors.frame.get(f).slot;
            int copyAt = m.isParameterSlot(slot) ? parameterCopy(slot) : localCopy(slot);
            BitSet guarded = new BitSet();
            if (copyAt != NONE && !storedThrough.get(slot)
                    && (perIteration(copyAt) || !ownArrayBefore(copyAt, storedThrough))
                    && !writesBetween(slot, copyAt, readers(rematerialization.remat, f), guarded)) {
                snapshot.set(f);
                if (copyAt != ENTRY) {
                    copiedAfter.put(f, copyAt);
                }
                if (!guarded.isEmpty()) {
                    guards.put(f, guarded.stream().toArray());
                }
            }
        }
        BitSet params = new BitSet();
        storedThrough.stream().filter(m::isParameterSlot).forEach(params::set);
        this.writers = params.stream().toArray();
    }

    private static final int NONE = -2;
    private static final int ENTRY = -1;

    /** An array parameter never assigned is copied on entry. */
    private int parameterCopy(int slot) {
        return isFloatingArray(m.parameterType(slot)) && !m.isAssigned(slot) ? ENTRY : NONE;
    }

    /**
     * An array local stored once is copied right after the store. When the store is inside a loop (a row read per
     * iteration, {@code row = icf[c]}), so is the copy: the old copy is taped with the local's old value and the
     * pullback restores both where it reverses the store ({@link #perIteration}).
     */
    private int localCopy(int slot) {
        int store = NONE;
        for (int i = 0; i < m.size(); i++) {
            if (m.isReachable(i) && MethodFacts.writesLocal(m.insn(i), slot)) {
                if (store != NONE || m.opcode(i) != ASTORE) {
                    return NONE;
                }
                store = i;
            }
        }
        if (store == NONE) {
            return NONE;
        }
        Type type = m.flow.operands(store)[0].type();
        return type != null && isFloatingArray(type.getDescriptor()) ? store : NONE;
    }

    private static boolean isFloatingArray(String desc) {
        return "[D".equals(desc) || "[F".equals(desc);
    }

    private boolean inCycle(Block b) {
        return reachableFrom(b, false).get(b.id());
    }

    /**
     * The slots the method stores floating-point elements through, unassigned parameters and locals that only
     * hold its own arrays; null when it stores through anything else (then no array is safe to copy).
     */
    private BitSet storedThrough() {
        BitSet slots = new BitSet();
        for (int i = 0; i < m.size(); i++) {
            int op = m.opcode(i);
            if (m.isReachable(i) && (op == DASTORE || op == FASTORE)) {
                int q = m.producingInstruction(i, 0);
                if (q < 0 || m.opcode(q) != ALOAD) {
                    return null;
                }
                int slot = ((VarInsnNode) m.insn(q)).var;
                if (m.isParameterSlot(slot) ? m.isAssigned(slot) : !holdsOnlyOwnArrays(slot)) {
                    return null;
                }
                slots.set(slot);
            }
        }
        return slots;
    }

    /**
     * Whether local {@code slot} only ever holds arrays this method allocated (a helper's {@code out = new
     * double[d]}): stores through it cannot reach any array it did not make.
     */
    private boolean holdsOnlyOwnArrays(int slot) {
        for (int i = 0; i < m.size(); i++) {
            if (m.isReachable(i) && MethodFacts.writesLocal(m.insn(i), slot)
                    && (m.opcode(i) != ASTORE || m.producingInstruction(i, 0) < 0
                    || m.opcode(m.producingInstruction(i, 0)) != NEWARRAY)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether an array the method allocated and stores through may exist when a local's copy is taken: the local
     * could then hold it (through the heap as well as through locals), and the stores would change what was copied.
     * An array allocated after the copy cannot be the copied one; nor can any be a parameter's, copied on entry.
     */
    private boolean ownArrayBefore(int copyAt, BitSet storedThrough) {
        if (copyAt == ENTRY) {
            return false;
        }
        Block copy = m.flow.blockOf(copyAt);
        for (int i = 0; i < m.size(); i++) {
            int op = m.opcode(i);
            if (m.isReachable(i) && op == ASTORE && storedThrough.get(((VarInsnNode) m.insn(i)).var)
                    && !m.isParameterSlot(((VarInsnNode) m.insn(i)).var)) {
                Block b = m.flow.blockOf(i);
                if (b == copy ? i < copyAt || inCycle(b) : reachableFrom(b, false).get(copy.id())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the copy taken at {@code copyAt} is taken again on every pass through a loop. */
    private boolean perIteration(int copyAt) {
        return copyAt != ENTRY && inCycle(m.flow.blockOf(copyAt));
    }

    /**
     * Whether element store {@code i} may write an array local {@code copied} holds: it stores through a local (not
     * a parameter, see {@link #writers}) whose arrays can be held elsewhere.
     */
    private boolean storesShared(int i, int copied) {
        int op = m.opcode(i);
        if (op != DASTORE && op != FASTORE) {
            return false;
        }
        int slot = ((VarInsnNode) m.insn(m.producingInstruction(i, 0))).var; // an aload: see storedThrough
        return !m.isParameterSlot(slot) && leavesLocal(slot, copied, new BitSet());
    }

    /**
     * Whether the arrays local {@code slot} holds can be held elsewhere: it is read for anything but as the array
     * of an element access or its length, or to be stored into another local, not {@code copied}, of which the same
     * holds (a scratch {@code y = new double[d]} that is only indexed, or walked by an enhanced {@code for}, cannot
     * be the copied array).
     */
    private boolean leavesLocal(int slot, int copied, BitSet seen) {
        seen.set(slot);
        for (int i = 0; i < m.size(); i++) {
            if (m.isReachable(i) && m.opcode(i) == ALOAD && ((VarInsnNode) m.insn(i)).var == slot) {
                for (MethodFlow.Use u : m.flow.uses(i)) {
                    int op = m.opcode(u.consumer);
                    if (op == ASTORE) {
                        int to = ((VarInsnNode) m.insn(u.consumer)).var;
                        if (to == copied || !seen.get(to) && leavesLocal(to, copied, seen)) {
                            return true;
                        }
                    } else if (!indexes(op, u.operand)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether operand {@code k} of {@code op} is only indexed or measured, or copied on the stack for that. */
    private static boolean indexes(int op, int k) {
        boolean access = op >= IALOAD && op <= SALOAD || op >= IASTORE && op <= SASTORE || op == ARRAYLENGTH;
        return access && k == 0 || op >= POP && op <= SWAP;
    }

    /** The instructions whose partials are recomputed from frame entry {@code f}. */
    private static List<Integer> readers(Map<Integer, int[][]> remat, int f) {
        List<Integer> roots = new ArrayList<>();
        for (Map.Entry<Integer, int[][]> e : remat.entrySet()) {
            for (int[] frames : e.getValue()) {
                if (frames != null && Arrays.stream(frames).anyMatch(g -> g == f)) {
                    roots.add(e.getKey());
                }
            }
        }
        return roots;
    }

    /**
     * Whether a call other than to {@code Math}, or an {@code invokedynamic}, can run after the copy taken at
     * {@code copyAt} ({@link #ENTRY} or a store) and before one of the {@code roots} reads the array again. For a
     * copy taken per iteration the window ends where control comes back to the store (it copies again), and in it
     * elements stored through a local whose array could be the copied one add that local to {@code guarded} (see
     * {@link #guardsNeeded}): this replaces {@link #ownArrayBefore}, which would stop every copy in a loop that also
     * fills a scratch array.
     */
    private boolean writesBetween(int copied, int copyAt, List<Integer> roots, BitSet guarded) {
        Block start = copyAt == ENTRY ? m.flow.blocks().get(0) : m.flow.blockOf(copyAt);
        boolean perIteration = perIteration(copyAt);
        if (perIteration && roots.stream().anyMatch(r -> r < copyAt && m.flow.blockOf(r) == start)) {
            return true; // read before the store in its own block: the copy of the iteration before would be used
        }
        BitSet after = reachableFrom(start, true);
        Block wall = perIteration ? start : null;
        for (Block b : m.flow.blocks()) {
            if (!after.get(b.id()) || !reachesAny(b, roots, wall)) {
                continue;
            }
            int from = b == start && copyAt != ENTRY ? copyAt + 1 : b.first();
            for (int i = from; i <= b.last(); i++) {
                if (m.isReachable(i) && MethodFacts.callsBeyondMath(m.insn(i))) {
                    return true;
                }
                if (m.isReachable(i) && perIteration && storesShared(i, copied)) {
                    guardsNeeded(i, copyAt, guarded);
                }
            }
        }
        return false;
    }

    /**
     * Element store {@code i}, inside the window of a copy taken per iteration at {@code copyAt}, goes through a
     * local that only ever holds arrays the method allocated ({@link #storedThrough}) but whose arrays can be held
     * elsewhere ({@code terms[c] = ...}, with {@code terms} passed to a call after the window): the copied array could
     * be one of them. The array the local holds at the copy is then compared with the copied one at run time, and
     * the copy is not taken when they are the same (its partials are taped). Any other array the local holds in the
     * window is stored into it after the copy, so allocated after the copy, and cannot be the copied one; nor can
     * any it holds when it holds none at the copy, for it is then stored before it is read.
     */
    private void guardsNeeded(int i, int copyAt, BitSet guarded) {
        int slot = ((VarInsnNode) m.insn(m.producingInstruction(i, 0))).var; // an aload: see storedThrough
        if (m.flow.frame(copyAt).getLocal(slot).isReference()) {
            guarded.set(slot);
        }
    }

    /**
     * Whether control can go from {@code b} to a block of {@code roots} without entering {@code wall} (a copy
     * taken per iteration, which a path through it takes again), when not null.
     */
    private boolean reachesAny(Block b, List<Integer> roots, Block wall) {
        BitSet reached = reachableFrom(b, true, wall);
        return roots.stream().anyMatch(r -> reached.get(m.flow.blockOf(r).id()));
    }

    /** The blocks control can reach from {@code b}, through jumps and handlers; {@code b} itself when asked. */
    private BitSet reachableFrom(Block b, boolean self) {
        return reachableFrom(b, self, null);
    }

    /** The same, not entering {@code wall} (unless it is {@code b}). */
    private BitSet reachableFrom(Block b, boolean self, Block wall) {
        BitSet seen = new BitSet();
        List<Block> work = new ArrayList<>();
        if (self) {
            seen.set(b.id());
        }
        work.add(b);
        while (!work.isEmpty()) {
            Block x = work.remove(work.size() - 1);

            List<Block> next = new ArrayList<>(x.successors());
            next.addAll(x.handlers());
            for (Block s : next) {
                if (!seen.get(s.id()) && s != wall) {
                    seen.set(s.id());
                    work.add(s);
                }
            }
        }
        return seen;
    }

    /** A copy costs the array's length: it pays for arrays read in nested loops, not for one read per element. */
    private BitSet readInNestedLoops(Map<Integer, int[][]> remat, CountedLoops loops) {
        BitSet read = new BitSet();
        for (Map.Entry<Integer, int[][]> e : remat.entrySet()) {
            int block = m.flow.blockOf(e.getKey()).id();
            int depth = 0;
            for (CountedLoop l : loops.loops) {
                depth += l.body.get(block) ? 1 : 0;
            }
            if (depth < 2) {
                continue;
            }
            for (int[] frames : e.getValue()) {
                if (frames != null) {
                    for (int f : frames) {
                        read.set(f);
                    }
                }
            }
        }
        return read;
    }
}
