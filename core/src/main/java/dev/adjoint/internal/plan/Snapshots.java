package dev.adjoint.internal.plan;

import java.util.BitSet;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The stage that picks the arrays the augmented primal copies on entry, so that the partials that read them are
 * recomputed from the copy ({@link Rematerialization}) instead of taped per read: array parameters read in a nested
 * counted loop that are never assigned and never stored into, in a method that calls nothing but {@code Math} and
 * stores floating-point elements only through other parameters ({@link #writers}) or through locals that only hold
 * arrays it allocated itself (a helper's result), which cannot be a parameter's. The copy is taken at run time
 * only when the array is at most {@link Frame#SNAPSHOT_LIMIT} long and is none of those parameters, so
 * that nothing can change it while the method runs; otherwise its partials are taped as before.
 */
final class Snapshots implements Opcodes {

    private final MethodFacts m;
    /** The frame entries whose arrays are copied. */
    final BitSet snapshot = new BitSet();
    /** The parameter slots the method stores floating-point elements through. */
    final int[] writers;

    Snapshots(MethodFacts m, Rematerialization rematerialization, CountedLoops loops) {
        this.m = m;
        BitSet stores = rematerialization.remat.isEmpty() || loops.loops.size() < 2 ? null : parameterWriters();
        if (stores == null) {
            this.writers = new int[0];
            return;
        }
        BitSet read = readInNestedLoops(rematerialization.remat, loops);
        for (int f = read.nextSetBit(0); f >= 0; f = read.nextSetBit(f + 1)) {
            int slot = rematerialization.mirrors.frame.get(f).slot;
            String type = m.parameterType(slot);
            if (("[D".equals(type) || "[F".equals(type)) && !m.isAssigned(slot) && !stores.get(slot)) {
                snapshot.set(f);
            }
        }
        this.writers = stores.stream().toArray();
    }

    /**
     * The parameter slots the method stores floating-point elements through; null when it calls anything but
     * {@code Math}, or stores through anything but an unassigned parameter (then no array is safe to copy).
     */
    private BitSet parameterWriters() {
        BitSet writers = new BitSet();
        for (int i = 0; i < m.size(); i++) {
            if (!m.isReachable(i)) {
                continue;
            }
            AbstractInsnNode insn = m.insn(i);
            int op = insn.getOpcode();
            if (insn instanceof InvokeDynamicInsnNode || insn instanceof MethodInsnNode && (op != INVOKESTATIC
                    || !MethodFacts.isMathClass(((MethodInsnNode) insn).owner))) {
                return null; // a callee could write the array
            }
            if (op == DASTORE || op == FASTORE) {
                int q = m.producingInstruction(i, 0);
                if (q < 0 || m.opcode(q) != ALOAD) {
                    return null;
                }
                int slot = ((VarInsnNode) m.insn(q)).var;
                if (m.isParameterSlot(slot) && !m.isAssigned(slot)) {
                    writers.set(slot);
                } else if (!holdsOnlyOwnArrays(slot)) {
                    return null;
                }
            }
        }
        return writers;
    }

    /**
     * Whether local {@code slot} only ever holds arrays this method allocated (a helper's {@code out = new
     * double[d]}): stores through it cannot reach a parameter's array.
     */
    private boolean holdsOnlyOwnArrays(int slot) {
        if (m.isParameterSlot(slot)) {
            return false;
        }
        for (int i = 0; i < m.size(); i++) {
            if (m.isReachable(i) && MethodFacts.writesLocal(m.insn(i), slot)
                    && (m.opcode(i) != ASTORE || m.producingInstruction(i, 0) < 0
                    || m.opcode(m.producingInstruction(i, 0)) != NEWARRAY)) {
                return false;
            }
        }
        return true;
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
