package dev.adjoint.internal.listing;

import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.Opcodes;

import dev.adjoint.internal.adjoint.TapePush;
import dev.adjoint.internal.plan.AdjointTarget;
import dev.adjoint.internal.plan.DerivativePlan;
import dev.adjoint.internal.plan.ExpressionTree;
import dev.adjoint.internal.plan.Frame;
import dev.adjoint.internal.plan.Role;
import dev.adjoint.internal.rules.Sym;

/**
 * Prints the pushes of an {@link dev.adjoint.internal.adjoint.AugmentedPrimal} — the IR the augmented primal's
 * bytecode is lowered from — over the listing's names: {@code tape ← v}.
 */
final class TapePrinter implements Opcodes {

    private final DerivativePlan plan;
    private final Values values;

    TapePrinter(DerivativePlan plan, Values values) {
        this.plan = plan;
        this.values = values;
    }

    /** The pushes of instruction {@code at} (-1: of none), one line each, in push order. */
    List<String> pushes(int at, List<TapePush> pushes) {
        List<String> out = new ArrayList<>();
        for (TapePush p : pushes) {
            if (p instanceof TapePush.Partials partials) {
                partials(at, partials, out);
            } else {
                out.add("tape ← " + value(at, p));
            }
        }
        return out;
    }

    private String value(int at, TapePush p) {
        if (p instanceof TapePush.OldValue old) {
            return values.local(old.slot(), at) + " before this store";
        }
        if (p instanceof TapePush.Reference ref) {
            return (ref.result() ? "the new object" : referenceOf(at))
                    + " (the pullback reaches its shadow through it)";
        }
        if (p instanceof TapePush.Index) {
            return values.operand(at, 1) + " (the index)";
        }
        if (p instanceof TapePush.FrameValue f) {
            return values.anyLocal(f.slot()) + " (read by the pullback)";
        }
        if (p instanceof TapePush.SnapshotCopy c) {
            String when = plan.frame().copiedAfter(c.entry()) >= 0 ? "taken where it was stored" : "taken on entry";
            StringBuilder guards = new StringBuilder();
            for (int g : plan.frame().guards(c.entry())) {
                guards.append(", nor ").append(values.anyLocal(g));
            }
            return "the copy of " + values.anyLocal(c.slot()) + " " + when + " (partials that read it are "
                    + "recomputed from it, not taped, when it is at most " + Frame.SNAPSHOT_LIMIT
                    + " long and no parameter written here" + guards + ")";
        }
        if (p instanceof TapePush.WhichReturn r) {
            return "which return: B" + r.block();
        }
        if (p instanceof TapePush.LoopCount c) {
            return "the iterations of the loop at B" + plan.countedLoops().loops().get(c.loop()).header;
        }
        if (p instanceof TapePush.Predecessor) {
            return "which block came before";
        }
        if (p instanceof TapePush.ExceptionRecord) {
            return "where the exception was thrown";
        }
        return "this (the receiver, for the caller's pullback)";
    }

    /** A tree's partials that are not constants, in the order they are pushed (recomputable ones last). */
    private void partials(int root, TapePush.Partials p, List<String> out) {
        ExpressionTree tree = p.tree();
        int[][] remat = p.remat();
        for (int k : p.order()) {
            Sym partial = tree.partials.get(k);
            if (!partial.isConst()) {
                String unless = remat == null || remat[k] == null ? ""
                        : "   // unless " + stableArrays(remat[k]) + ": then the pullback recomputes it";
                out.add("tape ← " + partial(root, tree.leaves.get(k)) + " = " + values.sym(partial) + unless);
            }
        }
    }

    /**
     * The condition under which a partial that reads the arrays of frame entries {@code frames} is recomputed, not
     * taped (DerivativePlan.remat and snapshot).
     */
    private String stableArrays(int[] frames) {
        StringBuilder sb = new StringBuilder();
        for (int f : frames) {
            if (sb.length() > 0) {
                sb.append(" and ");
            }
            String name = values.anyLocal(plan.frame().get(f).slot);
            sb.append(plan.frame().copied(f) ? name + " was copied or is the gradient's input"
                    : name + " is the gradient's input");
        }
        return sb.toString();
    }

    private String referenceOf(int i) {
        int op = plan.flow.insn(i).getOpcode();
        if (plan.variables().role(i) == Role.CALL) {
            return "the receiver " + values.operand(i, 0);
        }
        return op == GETSTATIC || op == PUTSTATIC ? "the class" : values.operand(i, 0);
    }

    private String partial(int root, AdjointTarget leaf) {
        return "∂" + Values.name(root) + "/∂" + values.target(leaf);
    }
}
