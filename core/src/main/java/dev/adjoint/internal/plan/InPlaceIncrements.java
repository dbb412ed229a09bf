package dev.adjoint.internal.plan;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.ir.FlowValue;
import dev.adjoint.internal.ir.MethodFlow;

/**
 * The stage that finds array stores {@code a[i] = a[i] + e} (or {@code a[i] += e}) whose element keeps its adjoint.
 * Reversed as written, the store would move the element's adjoint to the sum and zero it, and the read would add it
 * back (its partial is 1); instead the store only reads it, and the read does nothing ({@link #incrementVars}). The
 * read and the store use the same array and index values, nothing between them writes an array or calls, and the
 * read's value and the sum are used nowhere else.
 */
public final class InPlaceIncrements implements Opcodes {

    private final MethodFacts m;
    /** Per instruction: whether it is such a store. */
    final boolean[] increment;
    /** The adjoint variables of the reads of {@link #increment}s: leaves that their trees skip. */
    final BitSet incrementVars = new BitSet();

    /** @return whether array store {@code i} is an increment whose element keeps its adjoint */
    public boolean at(int i) {
        return increment[i];
    }

    /** @return whether adjoint variable {@code var} is the read of an increment: a leaf its tree skips */
    public boolean isIncrementRead(int var) {
        return incrementVars.get(var);
    }

    InPlaceIncrements(MethodFacts m, AdjointVariables variables, ExpressionForest forest, ValueRecovery recovery,
                      Refusals refusals) {
        this.m = m;
        int n = m.size();
        this.increment = new boolean[n];
        Map<AdjointTarget, Integer> uses = new HashMap<>();
        Map<Integer, Integer> loads = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (!m.isReachable(i)) {
                continue;
            }
            if (variables.role[i] == Role.HEAP_LOAD && variables.var[i] >= 0) {
                loads.merge(variables.var[i], i, (a, b) -> -1); // the load, or -1 when several share the variable
            }
            FlowValue[] ops = m.flow.operands(i);
            for (int k = 0; ops != null && k < ops.length; k++) {
                AdjointTarget t = ops[k].isFloating() ? variables.operandTarget(i, k) : null;
                if (t != null) {
                    uses.merge(t, 1, Integer::sum);
                }
            }
        }
        for (int s = 0; s < n; s++) {
            int op = m.opcode(s);
            if (op != DASTORE && op != FASTORE || !m.isReachable(s) || refusals.blocked[s] != null
                    || !recovery.recoveredWithoutTape(s)) {
                continue;
            }
            int r = m.soleProducer(s, 2);
            ExpressionTree t = r < 0 ? null : forest.trees.get(r);
            if (t == null || variables.var[r] < 0 || uses.getOrDefault(new AdjointTarget(false, variables.var[r]), 0) != 1) {
                continue;
            }
            for (int k = 0; k < t.leaves.size(); k++) {
                AdjointTarget leaf = t.leaves.get(k);
                Integer l = leaf.slot ? null : loads.get(leaf.id);
                if (l == null || l < 0 || !t.partials.get(k).isConst(1) || uses.getOrDefault(leaf, 0) != 1
                        || m.opcode(l) != (op == DASTORE ? DALOAD : FALOAD)
                        || m.flow.blockOf(l) != m.flow.blockOf(s) || l > s || !recovery.recoveredWithoutTape(l)
                        || !consumedDirectly(l)
                        || !sameValue(m.soleProducer(l, 0), m.soleProducer(s, 0))
                        || !sameValue(m.soleProducer(l, 1), m.soleProducer(s, 1))
                        || writesOrCallsBetween(l, s)) {
                    continue;
                }
                increment[s] = true;
                incrementVars.set(leaf.id);
                break;
            }
        }
    }

    /**
     * Whether the value of instruction {@code l} goes straight into one arithmetic consumer, not into a local: a
     * copy in a local ({@code double old = a[i]; a[i] = old + e; s += old * a[i]}) may be read again after the
     * store, which an increment would not see.
     */
    private boolean consumedDirectly(int l) {
        List<MethodFlow.Use> uses = m.flow.uses(l);
        return uses.size() == 1 && !(m.insn(uses.get(0).consumer) instanceof VarInsnNode);
    }

    /**
     * Whether instructions {@code p} and {@code q} produce the same value: one instruction ({@code a[i] += e}, whose
     * array and index javac duplicates), or two loads of a local that nothing writes between them
     * ({@code a[i] = a[i] + e}, which loads them again).
     */
    private boolean sameValue(int p, int q) {
        if (p < 0 || q < 0 || p == q) {
            return p >= 0 && p == q;
        }
        if (m.flow.isParameterNode(p) || m.flow.isParameterNode(q) || m.flow.blockOf(p) != m.flow.blockOf(q)) {
            return false;
        }
        AbstractInsnNode a = m.insn(p);
        AbstractInsnNode b = m.insn(q);
        int op = a.getOpcode();
        return (op == ILOAD || op == ALOAD) && b.getOpcode() == op && ((VarInsnNode) a).var == ((VarInsnNode) b).var
                && !m.writtenBetween(((VarInsnNode) a).var, Math.min(p, q), Math.max(p, q));
    }

    private boolean writesOrCallsBetween(int from, int to) {
        for (int j = from + 1; j < to; j++) {
            AbstractInsnNode insn = m.insn(j);
            int op = insn.getOpcode();
            if (op == DASTORE || op == FASTORE || insn instanceof InvokeDynamicInsnNode
                    || insn instanceof MethodInsnNode && !MethodFacts.isMathClass(((MethodInsnNode) insn).owner)) {
                return true;
            }
        }
        return false;
    }
}
