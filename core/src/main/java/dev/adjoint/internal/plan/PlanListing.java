package dev.adjoint.internal.plan;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

import dev.adjoint.internal.ir.Block;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.rules.Sym;

/**
 * A readable account of a method's plan, in the spirit of Zygote's {@code @code_adjoint}: blocks and where control
 * comes from, each instruction with its source line and activity, the expression trees with their partials, what
 * is taped and what the pullback does.
 */
public final class PlanListing {

    private PlanListing() {
    }

    public static void append(StringBuilder sb, DerivativePlan plan) {
        MethodFlow flow = plan.flow;
        sb.append("method ").append(plan.owner.replace('/', '.')).append('.').append(flow.method().name)
                .append(flow.method().desc).append('\n');
        sb.append("  activity: v = varied (depends on an input), u = useful (reaches an output), "
                + "A = active (both)\n");
        if (!plan.frame().isEmpty()) {
            sb.append("  taped once per call:");
            for (FrameValue f : plan.frame().values()) {
                sb.append(" local").append(f.slot);
            }
            sb.append('\n');
        }
        for (Block b : flow.blocks()) {
            if (!b.reachable()) {
                continue;
            }
            sb.append("  B").append(b.id()).append(":");
            sb.append("  from ").append(plan.edges().from(b.id()).toString().replace("-1", "entry"));
            if (plan.reversal().records(b.id())) {
                sb.append(", tapes its predecessor");
            }
            if (plan.reversal().poisonsOnEntry(b.id())) {
                sb.append(", handler (not reversible yet)");
            }
            if (plan.reversal().exits().contains(b.id())) {
                sb.append(", exit");
            }
            sb.append('\n');
            int line = -1;
            for (int i = b.first(); i <= b.last(); i++) {
                AbstractInsnNode insn = flow.insn(i);
                if (insn instanceof LabelNode || insn instanceof FrameNode) {
                    continue;
                }
                if (insn instanceof LineNumberNode) {
                    line = ((LineNumberNode) insn).line;
                    continue;
                }
                sb.append(String.format("    %4d  L%-4s %s %-34s", i, line < 0 ? "?" : String.valueOf(line),
                        marks(plan, i), text(insn)));
                describe(sb, plan, i);
                sb.append('\n');
            }
        }
        sb.append('\n');
    }

    private static String marks(DerivativePlan plan, int i) {
        boolean v = plan.activity.varied(i);
        boolean u = plan.activity.useful(i);
        return v && u ? "A " : (v ? "v" : " ") + (u ? "u" : " ");
    }

    private static void describe(StringBuilder sb, DerivativePlan plan, int i) {
        Role role = plan.variables().role(i);
        if (role != Role.NONE) {
            sb.append(" ").append(role.name().toLowerCase());
        }
        if (plan.variables().of(i) >= 0) {
            sb.append(" adjoint a").append(plan.variables().of(i));
        }
        ExpressionTree t = plan.forest().tree(i);
        if (t != null) {
            sb.append(" tree");
            for (int k = 0; k < t.leaves.size(); k++) {
                Sym p = t.partials.get(k);
                sb.append(" d/d").append(t.leaves.get(k)).append('=').append(p).append(p.isConst() ? "" : " (taped)");
            }
        }
        if (plan.recovery().reference(i) != null) {
            sb.append(" ref:").append(plan.recovery().reference(i));
        }
        if (plan.recovery().index(i) != null) {
            sb.append(" index:").append(plan.recovery().index(i));
        }
        Refusals refusals = plan.refusals();
        if (refusals.reason(i) != null) {
            sb.append(refusals.waitsForReturn(i) ? " REFUSED ON RETURN: " : " REFUSED: ").append(refusals.reason(i));
        }
    }

    private static String text(AbstractInsnNode insn) {
        Textifier t = new Textifier();
        insn.accept(new TraceMethodVisitor(t));
        StringWriter w = new StringWriter();
        t.print(new PrintWriter(w));
        return w.toString().trim().replaceAll("\\s+", " ");
    }
}
