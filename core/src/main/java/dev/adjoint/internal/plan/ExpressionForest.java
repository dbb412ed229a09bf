package dev.adjoint.internal.plan;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.adjoint.internal.ir.FlowValue;
import dev.adjoint.internal.rules.Sym;

/**
 * The third stage: the expression DAGs of each block, one {@link ExpressionTree} per {@link Role#ROOT}, each with
 * the partial derivatives of its root with respect to its leaves. The augmented primal computes those partials
 * right after the root and tapes the ones that are not constant; the pullback distributes the root's adjoint to the
 * leaves' adjoints with them.
 */
public final class ExpressionForest {

    private final MethodFacts m;
    private final AdjointVariables variables;
    private final LocalPartials partials;
    /** Per root: its tree, in the order of the roots. */
    final Map<Integer, ExpressionTree> trees = new LinkedHashMap<>();
    /** Per instruction: the root of the tree it belongs to, or -1. */
    final int[] treeOf;

    /** @return the tree whose root is instruction {@code i}, or null */
    public ExpressionTree tree(int i) {
        return trees.get(i);
    }

    /** @return the trees, in the order of their roots */
    public Collection<ExpressionTree> trees() {
        return Collections.unmodifiableCollection(trees.values());
    }

    ExpressionForest(MethodFacts m, AdjointVariables variables) {
        this.m = m;
        this.variables = variables;
        this.partials = new LocalPartials(m);
        this.treeOf = new int[m.size()];
        java.util.Arrays.fill(treeOf, -1);
        for (int i = 0; i < m.size(); i++) {
            if (variables.role[i] == Role.ROOT) {
                ExpressionTree t = new ExpressionTree(i);
                collect(t, i);
                t.nodes.sort(Integer::compare);
                for (int node : t.nodes) {
                    treeOf[node] = i;
                }
                differentiate(t);
                trees.put(i, t);
            }
        }
    }

    private boolean inside(int p) {
        Role r = variables.role[p];
        return r == Role.INTERIOR || r == Role.COPY;
    }

    /** The nodes of a root's DAG: interior arithmetic and copies through locals, found backwards from the root. */
    private void collect(ExpressionTree t, int node) {
        if (t.nodes.contains(node)) {
            return;
        }
        t.nodes.add(node);
        FlowValue[] ops = m.flow.operands(node);
        for (int k = 0; k < ops.length; k++) {
            int p = m.producingInstruction(node, k);
            if (p >= 0 && inside(p)) {
                collect(t, p);
            }
        }
    }

    /**
     * Reverse sweep over the DAG, symbolically, in reverse execution order: the partial of the root with respect to
     * each leaf. A node used twice gets the sum of its consumers' contributions.
     */
    private void differentiate(ExpressionTree t) {
        Map<Integer, Sym> adjoint = new HashMap<>();
        Map<AdjointTarget, Sym> sums = new LinkedHashMap<>();
        adjoint.put(t.root, Sym.ONE);
        for (int x = t.nodes.size() - 1; x >= 0; x--) {
            int node = t.nodes.get(x);
            Sym a = adjoint.get(node);
            if (a == null) {
                continue;
            }
            boolean copyNode = variables.role[node] == Role.COPY;
            FlowValue[] ops = m.flow.operands(node);
            for (int k = 0; k < ops.length; k++) {
                if (!ops[k].isFloating()) {
                    continue;
                }
                int p = m.producingInstruction(node, k);
                boolean interior = p >= 0 && inside(p);
                AdjointTarget target = interior ? null : variables.operandTarget(node, k);
                if (!interior && target == null) {
                    continue;
                }
                Sym contribution = copyNode ? a : Sym.term(a, partials.of(node, k));
                if (interior) {
                    adjoint.put(p, Sym.add(adjoint.get(p), contribution));
                } else {
                    sums.put(target, Sym.add(sums.get(target), contribution));
                }
            }
        }
        for (Map.Entry<AdjointTarget, Sym> e : sums.entrySet()) {
            t.leaves.add(e.getKey());
            t.partials.add(e.getValue());
        }
    }
}
