package dev.adjoint.internal.listing;

import java.util.ArrayList;
import java.util.List;

import dev.adjoint.internal.adjoint.Adjoint;
import dev.adjoint.internal.adjoint.Continuation;
import dev.adjoint.internal.adjoint.Edge;
import dev.adjoint.internal.adjoint.Partial;
import dev.adjoint.internal.adjoint.Pullback;
import dev.adjoint.internal.adjoint.Statement;
import dev.adjoint.internal.adjoint.Statement.CallSite;
import dev.adjoint.internal.adjoint.Step;
import dev.adjoint.internal.plan.CountedLoop;
import dev.adjoint.internal.plan.DerivativePlan;
import dev.adjoint.internal.plan.Recovery;

/**
 * Prints a {@link Pullback} — the IR the pullback's bytecode is lowered from — over the listing's names:
 * {@code Δv} the adjoint of {@code v}, {@code tape.pop()} a value taken from the tape.
 */
final class PullbackPrinter {

    private final DerivativePlan plan;
    private final Values values;

    PullbackPrinter(DerivativePlan plan, Values values) {
        this.plan = plan;
        this.values = values;
    }

    /** Where the pullback starts. */
    String start(Pullback pullback) {
        List<Integer> exits = pullback.exits();
        return exits.isEmpty() ? "never returns" : exits.size() == 1 ? "→ B" + exits.get(0)
                : "→ the block of the return taken, from the tape";
    }

    /** The statements of a step, in the order the pullback runs them. */
    List<String> statements(Step step) {
        List<String> out = new ArrayList<>();
        String held = null;
        for (Statement s : step.statements()) {
            if (s instanceof Statement.HoldRoot) {
                held = "Δ" + values.variable(((Statement.HoldRoot) s).var());
            } else if (!(s instanceof Statement.RecoverPartials)) { // shown where each partial is used
                out.addAll(statement(step.at(), s, held));
            }
        }
        if (held != null) {
            out.add(held + " = 0"); // the root's adjoint is taken before its leaves get their shares
        }
        return out;
    }

    private List<String> statement(int at, Statement s, String held) {
        if (s instanceof Statement.Accumulate) {
            Statement.Accumulate a = (Statement.Accumulate) s;
            return List.of(adjoint(a.target()) + " += " + adjoint(a.from()));
        }
        if (s instanceof Statement.Zero) {
            return List.of(adjoint(((Statement.Zero) s).adjoint()) + " = 0");
        }
        if (s instanceof Statement.Discard) {
            return List.of("Δ" + values.variable(((Statement.Discard) s).var())
                    + " = 0   // the value on this path carries none");
        }
        if (s instanceof Statement.Propagate) {
            return List.of(propagate(at, (Statement.Propagate) s, held));
        }
        if (s instanceof Statement.ShadowAdd) {
            return List.of(shadowAdd(at, (Statement.ShadowAdd) s));
        }
        if (s instanceof Statement.ShadowMove) {
            return shadowMove(at, (Statement.ShadowMove) s);
        }
        if (s instanceof Statement.UnboxAdd) {
            Statement.UnboxAdd u = (Statement.UnboxAdd) s;
            return List.of("Δ(" + values.operand(at, 0) + ") += Δ" + values.variable(u.var())
                    + fromTape(u.box(), null));
        }
        if (s instanceof Statement.BoxTake) {
            return List.of(adjoint(((Statement.BoxTake) s).target()) + " += Δ(" + Values.name(at)
                    + ")   // the box's adjoint");
        }
        if (s instanceof Statement.ForwardFields) {
            return forwarded(at, (Statement.ForwardFields) s);
        }
        if (s instanceof Statement.CallPullback) {
            return call((Statement.CallPullback) s);
        }
        if (s instanceof Statement.UndoIncrement) {
            Statement.UndoIncrement u = (Statement.UndoIncrement) s;
            return List.of(values.local(u.slot(), at) + (u.increment() < 0 ? " += " + -u.increment()
                    : " -= " + u.increment()) + "   // undone, for the indices the pullback rebuilds");
        }
        Statement.RestoreLocal r = (Statement.RestoreLocal) s;
        String copy = r.copy() ? ", and its copy with it" : "";
        return List.of(values.local(r.slot(), at) + " = tape.pop()   // its value before" + copy);
    }

    private String adjoint(Adjoint a) {
        switch (a.kind()) {
            case LOCAL:
                return "Δ" + values.floatingLocal(a.id());
            case VALUE:
                return "Δ" + values.variable(a.id());
            default:
                return "Δresult";
        }
    }

    /** {@code Δleaf += Δroot * partial}, naming the partial where it comes from the tape. */
    private String propagate(int root, Statement.Propagate p, String held) {
        String leaf = adjoint(p.leaf());
        Partial partial = p.partial();
        if (partial instanceof Partial.One) {
            return leaf + " += " + held;
        }
        if (partial instanceof Partial.MinusOne) {
            return leaf + " -= " + held;
        }
        if (partial instanceof Partial.Constant) {
            return leaf + " += " + held + " * " + values.factor(((Partial.Constant) partial).sym());
        }
        String from = partial instanceof Partial.Kept && ((Partial.Kept) partial).recomputable() != null
                ? "(" + values.sym(((Partial.Kept) partial).recomputable()) + " or tape.pop())" : "tape.pop()";
        return leaf + " += " + held + " * " + from + "   // ∂" + Values.name(root) + "/∂" + leaf.substring(1);
    }

    private String shadowAdd(int at, Statement.ShadowAdd s) {
        String deferred = s.deferred()
                ? "   // summed in a local while the loop at B" + plan.deferredReads().loopOf(at).header
                        + " is reversed, added once as it leaves (when the array was copied on entry)"
                : "";
        return "Δ(" + values.definition(at) + ") += Δ" + values.variable(s.var())
                + fromTape(s.access().reference(), s.access().index()) + deferred;
    }

    private List<String> shadowMove(int at, Statement.ShadowMove s) {
        List<String> out = new ArrayList<>();
        String location = "Δ(" + values.location(at) + ")";
        if (s.target() != null) {
            out.add(adjoint(s.target()) + " += " + location + fromTape(s.access().reference(), s.access().index()));
        }
        out.add(s.increment() ? "// an increment: " + location + " keeps its adjoint, the value read before gets it"
                : location + " = 0   // the value stored over is gone");
        return out;
    }

    private List<String> forwarded(int at, Statement.ForwardFields s) {
        List<String> out = new ArrayList<>();
        for (Statement.ForwardedField f : s.fields()) {
            String field = "Δ(" + Values.name(at) + "." + f.name() + ")";
            if (f.target() != null) {
                out.add(adjoint(f.target()) + " += " + field);
            }
            out.add(field + " = 0");
        }
        return out;
    }

    /** {@code (Δa, Δb) += callee$rev(Δv)}: the arguments in the order of the call's parameters. */
    private List<String> call(Statement.CallPullback s) {
        CallSite site = s.call();
        String v = s.var() >= 0 ? "Δ" + values.variable(s.var()) : "0";
        List<String> args = new ArrayList<>();
        for (Statement.ArgumentAdjoint a : site.arguments()) {
            args.add(0, a.target() == null ? "_" : adjoint(a.target()));
        }
        String call = callee(site) + "(" + v + ")";
        List<String> out = new ArrayList<>();
        out.add(args.isEmpty() ? call : "(" + String.join(", ", args) + ") += " + call);
        if (s.var() >= 0) {
            out.add(v + " = 0");
        }
        return out;
    }

    private static String callee(CallSite site) {
        if (site.direct() != null) {
            return site.direct()[1];
        }
        String name = Values.simpleName(site.owner()) + "." + site.name() + "$rev";
        return site.dispatches() ? name + " of the receiver's class" : name;
    }

    /** How the pullback finds the reference and the index an access used, when they were taped. */
    private static String fromTape(Recovery reference, Recovery index) {
        List<String> from = new ArrayList<>();
        if (reference != null && reference.kind == Recovery.Kind.PUSH) {
            from.add("reference");
        }
        if (index != null && index.kind == Recovery.Kind.PUSH) {
            from.add("index");
        }
        return from.isEmpty() ? "" : "   // " + String.join(" and ", from) + " from the tape";
    }

    /** Where the pullback goes after a block: back to the block control came from. */
    String continuation(Continuation next) {
        if (next instanceof Continuation.ToThrowSite) {
            return "→ where the exception was thrown, from the tape";
        }
        if (next instanceof Continuation.LoopBack) {
            Continuation.LoopBack loop = (Continuation.LoopBack) next;
            return "→ " + edge(loop.latch()) + " while iterations remain, then → " + edge(loop.entered());
        }
        if (next instanceof Continuation.ToEnd) {
            return "→ end";
        }
        if (next instanceof Continuation.Goto) {
            return "→ " + edge(((Continuation.Goto) next).edge());
        }
        List<Edge> edges = ((Continuation.FromTape) next).edges();
        StringBuilder sb = new StringBuilder("→ ");
        for (int k = 0; k < edges.size(); k++) {
            sb.append(k == 0 ? "" : " or ").append(edge(edges.get(k)));
        }
        return sb.append(", as taped").toString();
    }

    private static String edge(Edge e) {
        if (e.toEnd()) {
            return "end";
        }
        List<CountedLoop> left = e.left();
        if (left.isEmpty()) {
            return "B" + e.from();
        }
        List<CountedLoop> taped = DerivativePlan.taped(left);
        StringBuilder sb = new StringBuilder("B").append(e.from()).append(" (");
        if (!taped.isEmpty()) {
            sb.append("pops the iteration count of the loop at");
            for (CountedLoop l : taped) {
                sb.append(" B").append(l.header);
            }
        }
        if (taped.size() < left.size()) {
            sb.append(taped.isEmpty() ? "" : "; ").append("counts the iterations of the loop at");
            for (CountedLoop l : left) {
                if (l.derived()) {
                    sb.append(" B").append(l.header);
                }
            }
            sb.append(" from its index");
        }
        return sb.append(')').toString();
    }
}
