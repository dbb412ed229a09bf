package dev.adjoint.internal.plan;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.ir.FlowValue;
import dev.adjoint.internal.ir.MethodFlow;

/**
 * The second stage: where adjoints live in the pullback. Every active value that is not inside a DAG (a root, a
 * read of the heap or of a local, an unboxing, a call result) gets an adjoint variable; values that meet at a merge
 * share one, and an inactive producer at such a merge zeroes it ({@link Role#PHI_ZERO}); an alias shares the
 * variable of the read it repeats. Locals that hold active values get an adjoint per slot instead, read and zeroed
 * at each store, as in Tapenade.
 */
public final class AdjointVariables implements Opcodes {

    private final MethodFacts m;
    /** The roles of {@link Roles}, with the producers that zero a shared variable marked {@link Role#PHI_ZERO}. */
    final Role[] role;
    /** Per instruction: its adjoint variable, or -1. */
    final int[] var;
    /** How many adjoint variables there are. */
    final int vars;
    /** The local slots whose adjoints the pullback keeps. */
    final BitSet adjointSlots = new BitSet();

    AdjointVariables(MethodFacts m, Roles roles) {
        this.m = m;
        this.role = roles.role.clone();
        this.var = new int[m.size()];
        this.vars = assign(roles.aliasOf);
        findAdjointSlots();
    }

    /** @return the part instruction {@code i} plays in the derivative */
    public Role role(int i) {
        return role[i];
    }

    /** @return the adjoint variable of instruction {@code i}, or -1 */
    public int of(int i) {
        return var[i];
    }

    /** @return how many adjoint variables there are */
    public int count() {
        return vars;
    }

    /** @return whether the pullback keeps an adjoint for local {@code slot} */
    public boolean isAdjointSlot(int slot) {
        return adjointSlots.get(slot);
    }

    /** @return the local slots whose adjoints the pullback keeps, in increasing order */
    public int[] slots() {
        return adjointSlots.stream().toArray();
    }

    /** @return where the adjoint of operand {@code k} of instruction {@code i} goes, or null if inactive */
    public AdjointTarget operandTarget(int i, int k) {
        MethodFlow flow = m.flow;
        FlowValue v = flow.operands(i)[k];
        if (!v.isFloating()) {
            return null;
        }
        for (int p : flow.producers(v)) {
            if (flow.isParameterNode(p)) {
                continue;
            }
            if (role[p] == Role.SLOT_LEAF) {
                return new AdjointTarget(true, ((VarInsnNode) flow.insn(p)).var);
            }
            if (var[p] >= 0) {
                return new AdjointTarget(false, var[p]);
            }
        }
        return null;
    }

    /** Groups the values that share a variable (union-find) and numbers the groups; returns their count. */
    private int assign(Map<Integer, Integer> aliasOf) {
        int n = m.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            var[i] = -1;
        }
        boolean[] inGroup = new boolean[n];
        for (int i = 0; i < n; i++) {
            Role r = role[i];
            if (r == Role.ROOT || r == Role.LOCAL_TEMP || r == Role.HEAP_LOAD || r == Role.UNBOX
                    || r == Role.CALL && m.returnsFloating(i)) {
                inGroup[i] = true;
            }
        }
        joinAtMerges(parent, inGroup);
        for (Map.Entry<Integer, Integer> e : aliasOf.entrySet()) {
            inGroup[e.getKey()] = true;
            union(parent, e.getKey(), e.getValue());
        }
        Map<Integer, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (inGroup[i]) {
                int root = find(parent, i);
                Integer id = ids.get(root);
                if (id == null) {
                    id = ids.size();
                    ids.put(root, id);
                }
                var[i] = id;
            }
        }
        return ids.size();
    }

    /** Values that meet at a merge share one adjoint variable; inactive producers there zero it. */
    private void joinAtMerges(int[] parent, boolean[] inGroup) {
        MethodFlow flow = m.flow;
        for (int c = 0; c < m.size(); c++) {
            if (!m.isReachable(c)) {
                continue;
            }
            for (FlowValue v : flow.operands(c)) {
                if (!v.isFloating() || v.sources().size() < 2) {
                    continue;
                }
                int[] ps = flow.producers(v);
                boolean anyActive = false;
                for (int p : ps) {
                    anyActive |= !flow.isParameterNode(p) && inGroup[p];
                }
                if (!anyActive) {
                    continue;
                }
                int first = -1;
                for (int p : ps) {
                    if (flow.isParameterNode(p)) {
                        continue;
                    }
                    if (!inGroup[p]) {
                        inGroup[p] = true;
                        if (role[p] == Role.NONE) {
                            role[p] = Role.PHI_ZERO;
                        }
                    }
                    if (first < 0) {
                        first = p;
                    } else {
                        union(parent, first, p);
                    }
                }
            }
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }

    private void findAdjointSlots() {
        for (int i = 0; i < m.size(); i++) {
            if (!m.isReachable(i)) {
                continue;
            }
            AbstractInsnNode insn = m.insn(i);
            int op = insn.getOpcode();
            if ((op == DLOAD || op == FLOAD || op == DSTORE || op == FSTORE) && m.active(i)) {
                adjointSlots.set(((VarInsnNode) insn).var);
            }
        }
    }
}
