package dev.adjoint.internal.plan;

import java.util.ArrayList;
import java.util.List;

import dev.adjoint.internal.rules.Sym;

/** An expression tree: its nodes in execution order (the root last), its leaves and their partials. */
public final class ExpressionTree {
    public final int root;
    public final List<Integer> nodes = new ArrayList<>();
    public final List<AdjointTarget> leaves = new ArrayList<>();
    public final List<Sym> partials = new ArrayList<>();

    public ExpressionTree(int root) {
        this.root = root;
    }

    public int pushed() {
        int n = 0;
        for (Sym p : partials) {
            if (!p.isConst()) {
                n++;
            }
        }
        return n;
    }
}
