package dev.adjoint.internal.plan;

import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The stage that finds the reads of array elements inside a counted loop whose adjoints the pullback sums in a
 * local across the loop, adding the sum to the element's shadow once, when it leaves the loop. Reversed, a read whose
 * element does not change in the loop, such as {@code x[i]} in {@code out[j] += l * x[i]}, is a sum over the loop of
 * one shadow element, whose additions through memory would be a chain at the latency of store forwarding. Only for
 * arrays of {@link Snapshots} and loops that call nothing but {@code Math}: at run time, when the copy was made,
 * nothing in the method writes that array, and nothing in the loop calls code that could, so no other statement of
 * the pullback reads or clears the element's shadow in between; the index is computed from locals the loop does not
 * write, and the loop does not write the local that holds the array either: an array copied at a store inside a loop
 * (a row read per iteration, {@code sum += b[l] * yDotK[l][j]} over {@code l}) is another array at every pass, and
 * the sum of its reads' adjoints would all go to the shadow of one of them.
 */
public final class DeferredReads implements Opcodes {

    private final MethodFacts m;
    /** Per deferred read: the loop across which its adjoints are summed. */
    final Map<Integer, CountedLoop> deferred = new LinkedHashMap<>();

    /** @return the counted loop across which the adjoints of read {@code i} are summed, or null */
    public CountedLoop loopOf(int i) {
        return deferred.get(i);
    }

    /** @return the deferred reads, each with its loop, in the order they were found */
    public Map<Integer, CountedLoop> reads() {
        return Collections.unmodifiableMap(deferred);
    }

    DeferredReads(MethodFacts m, AdjointVariables variables, ValueRecovery recovery, Refusals refusals,
                  CountedLoops loops, Snapshots snapshots, InPlaceIncrements increments) {
        this.m = m;
        if (snapshots.snapshot.isEmpty()) {
            return;
        }
        List<FrameValue> frame = loops.mirrors.frame;
        for (int h = 0; h < m.size(); h++) {
            int op = m.opcode(h);
            Recovery ref = recovery.refNeed[h];
            Recovery idx = recovery.indexNeed[h];
            if (op != DALOAD && op != FALOAD || variables.role[h] != Role.HEAP_LOAD || !m.isReachable(h)
                    || refusals.blocked[h] != null || ref == null || ref.kind != Recovery.Kind.FRAME
                    || !snapshots.snapshot.get(ref.value) || increments.incrementVars.get(variables.var[h])
                    || idx == null) {
                continue;
            }
            CountedLoop loop = innermost(loops.loops, h);
            BitSet slots = new BitSet();
            if (loop == null || idx.kind == Recovery.Kind.PUSH || callsIn(loop)) {
                continue;
            }
            slots.set(frame.get(ref.value).slot); // a row copied per iteration changes with the loop over the rows
            if (idx.kind == Recovery.Kind.FRAME) {
                slots.set(frame.get(idx.value).slot);
            } else if (idx.kind == Recovery.Kind.REBUILD && !slotsRead(idx.value, slots, 0)) {
                continue;
            }
            if (invariant(loop, slots)) {
                deferred.put(h, loop);
            }
        }
    }

    /** Whether the loop calls anything but {@code Math}: the callee's pullback could clear a shadow element. */
    private boolean callsIn(CountedLoop loop) {
        for (int i = 0; i < m.size(); i++) {
            if (m.isReachable(i) && loop.body.get(m.flow.blockOf(i).id()) && MethodFacts.callsBeyondMath(m.insn(i))) {
                return true;
            }
        }
        return false;
    }

    /** The innermost counted loop around instruction {@code h} ({@code loops} lists the innermost first), or null. */
    private CountedLoop innermost(List<CountedLoop> loops, int h) {
        for (CountedLoop l : loops) {
            if (l.body.get(m.flow.blockOf(h).id())) {
                return l;
            }
        }
        return null;
    }

    /** Whether no instruction of the loop writes any of the locals {@code slots}. */
    private boolean invariant(CountedLoop loop, BitSet slots) {
        for (int i = 0; i < m.size(); i++) {
            if (m.isReachable(i) && loop.body.get(m.flow.blockOf(i).id())) {
                for (int slot = slots.nextSetBit(0); slot >= 0; slot = slots.nextSetBit(slot + 1)) {
                    if (MethodFacts.writesLocal(m.insn(i), slot)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The local slots the integer expression that instruction {@code p} computes reads; false if not simple. */
    private boolean slotsRead(int p, BitSet slots, int depth) {
        if (p < 0 || m.flow.isParameterNode(p) || depth > 8) {
            return false;
        }
        AbstractInsnNode insn = m.insn(p);
        int op = insn.getOpcode();
        if (op == ILOAD || op == ALOAD) {
            slots.set(((VarInsnNode) insn).var);
            return true;
        }
        if (op >= IADD && op <= IXOR) {
            return slotsRead(m.soleProducer(p, 0), slots, depth + 1) && slotsRead(m.soleProducer(p, 1), slots, depth + 1);
        }
        if (op == ARRAYLENGTH) {
            return slotsRead(m.soleProducer(p, 0), slots, depth + 1);
        }
        return op >= ICONST_M1 && op <= SIPUSH || op == LDC;
    }
}
