package dev.adjoint.internal.listing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.adjoint.AugmentedPrimal;
import dev.adjoint.internal.adjoint.AugmentedPrimal.LoopExit;
import dev.adjoint.internal.adjoint.AugmentedPrimal.RecordedBlock;
import dev.adjoint.internal.adjoint.AugmentedPrimal.Recording;
import dev.adjoint.internal.adjoint.AugmentedPrimalBuilder;
import dev.adjoint.internal.adjoint.Pullback;
import dev.adjoint.internal.adjoint.PullbackBuilder;
import dev.adjoint.internal.adjoint.ReversedBlock;
import dev.adjoint.internal.adjoint.Step;
import dev.adjoint.internal.adjoint.TapePush;
import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.internal.ir.Block;
import dev.adjoint.internal.ir.FlowValue;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.plan.AdjointTarget;
import dev.adjoint.internal.plan.CountedLoop;
import dev.adjoint.internal.plan.DerivativePlan;
import dev.adjoint.internal.plan.ExpressionTree;
import dev.adjoint.internal.plan.Role;
import dev.adjoint.internal.rules.Sym;

/**
 * The derivative code of a companion as a reader wants to see it, in the manner of Zygote's {@code @code_adjoint}:
 * per method, its blocks with Java-like statements over named values, and what the derivative code does beside
 * them. In reverse mode that is the augmented primal (what it pushes onto the tape) followed by the pullback (the
 * adjoint statements, block by block from the return backwards); in forward mode, the tangent statements that
 * follow each statement of the tangent method.
 *
 * <p>What the augmented primal tapes and what the pullback does are printed from the IR their bytecode is lowered
 * from ({@link TapePrinter}, {@link PullbackPrinter}); the tangent statements are written from the same plan the
 * tangent emitter generates code from.
 * {@code ad show --bytecode} prints the generated code itself.
 */
public final class AdjointListing implements Opcodes {

    private static final String INDENT = "    ";
    private static final int NOTE_COLUMN = 52;

    private final DerivativePlan plan;
    private final MethodFlow flow;
    private final Values values;
    private final PullbackPrinter printer;
    private final TapePrinter tape;
    /** In reverse mode, per reachable block and per instruction that pushes: what the augmented primal records. */
    private final Map<Integer, RecordedBlock> recordedBlocks = new HashMap<>();
    private final Map<Integer, Recording> recordings = new HashMap<>();
    private final Companion.Member member;
    private final StringBuilder out;
    private int lastLine;

    private AdjointListing(DerivativePlan plan, Companion.Member member, StringBuilder out) {
        this.plan = plan;
        this.flow = plan.flow;
        this.values = new Values(plan);
        this.printer = new PullbackPrinter(plan, values);
        this.tape = new TapePrinter(plan, values);
        this.member = member;
        this.out = out;
    }

    /**
     * @param companion a companion generated with a listing (its {@link Companion#plans()} are present)
     * @param mode      the mode it was generated in
     * @return the readable form of each of its methods, the requested one first
     * @throws IllegalArgumentException when the companion was generated without a listing
     */
    public static String of(Companion companion, Engine.Mode mode) {
        List<DerivativePlan> plans = companion.plans();
        if (plans == null) {
            throw new IllegalArgumentException("the companion was generated without a listing");
        }
        StringBuilder out = new StringBuilder();
        legend(out, companion, mode);
        for (int k = 0; k < plans.size(); k++) {
            AdjointListing l = new AdjointListing(plans.get(k), companion.members().get(k), out);
            if (mode == Engine.Mode.REVERSE) {
                l.reverseMode();
            } else {
                l.forwardMode();
            }
        }
        return out.toString();
    }

    private static void legend(StringBuilder out, Companion c, Engine.Mode mode) {
        Companion.Member first = c.members().get(0);
        out.append(mode == Engine.Mode.REVERSE ? "Reverse mode" : "Forward mode").append(" of ")
                .append(c.host().replace('/', '.')).append('.').append(first.name).append(", companion ")
                .append(c.name().substring(c.name().lastIndexOf('/') + 1)).append(" (").append(c.members().size())
                .append(c.members().size() == 1 ? " method)" : " methods)").append('\n');
        out.append("  %n      the value computed by instruction n       φ(%a, %b)  the value that arrives from a or b\n");
        out.append("  *       a statement that computes with values that carry derivatives\n");
        if (mode == Engine.Mode.REVERSE) {
            out.append("  tape ←  what the augmented primal pushes for the pullback, which pops it in reverse order\n");
            out.append("  Δv      the adjoint of v: ∂result/∂v times Δresult (1 for a gradient)\n");
        } else {
            out.append("  dv      the tangent of v: ∂v/∂inputs times the inputs' tangents (1 for a derivative)\n");
        }
        out.append("  ∂a/∂b   a local partial derivative\n");
    }

    /** What was done to the method before it was differentiated, as {@link dev.adjoint.internal.ir.Preparation} says. */
    private void preparation() {
        for (String p : member.preparation) {
            out.append("  before differentiating: ").append(p).append('\n');
        }
    }

    // ---- reverse mode ----

    private void reverseMode() {
        out.append('\n').append(signature()).append('\n');
        preparation();
        out.append("  ").append(member.fwdName).append(", the augmented primal, runs the method as written and "
                + "tapes what the pullback needs.\n");
        out.append("  ").append(member.revName).append(", the pullback, runs it backwards from the return with "
                + "Δresult").append(parameterAdjoints()).append(".\n");
        if (plan.isPassive()) {
            out.append("  Nothing carries a derivative here: the augmented primal is the method itself.\n");
        }
        out.append('\n').append("  augmented primal\n");
        AugmentedPrimal primal = AugmentedPrimalBuilder.build(plan);
        for (RecordedBlock b : primal.blocks()) {
            recordedBlocks.put(b.id(), b);
            for (Recording r : b.recordings()) {
                recordings.put(r.at(), r);
            }
        }
        for (Block b : flow.blocks()) {
            if (b.reachable()) {
                primalBlock(b, true);
            }
        }
        unwinding(primal.unwinding());
        out.append('\n').append("  pullback\n");
        Pullback pullback = PullbackBuilder.build(plan, false);
        pullbackStart(pullback);
        List<ReversedBlock> blocks = pullback.blocks();
        for (int k = blocks.size() - 1; k >= 0; k--) {
            pullbackBlock(blocks.get(k));
        }
        out.append("  end: ").append(parameterAdjointsOut()).append('\n');
    }

    private String parameterAdjoints() {
        List<String> ps = values.floatingParameters();
        return ps.isEmpty() ? "" : " and leaves " + join(ps, "Δ");
    }

    private String parameterAdjointsOut() {
        List<String> ps = values.floatingParameters();
        List<String> refs = values.referenceParameters();
        String shadows = refs.isEmpty() ? "" : (ps.isEmpty() ? "; " : ", ") + "the adjoints of "
                + String.join(", ", refs) + " are in their shadows";
        return (ps.isEmpty() ? "return" : "return " + join(ps, "Δ") + " to the caller") + shadows;
    }

    private static String join(List<String> names, String prefix) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < names.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append(prefix).append(names.get(k));
        }
        return sb.toString();
    }

    /** A block of the original method: its statements, with what the augmented primal or the tangent adds. */
    private void primalBlock(Block b, boolean reverse) {
        StringBuilder header = new StringBuilder("  B").append(b.id()).append(' ').append(predecessors(b));
        List<String> notes = new ArrayList<>();
        if (b.handlerEntry()) {
            notes.add(plan.reversal().poisonsOnEntry(b.id())
                    ? "exception handler also reached without an exception: refused if reached"
                    : "exception handler");
        }
        if (reverse) {
            notes.addAll(tape.pushes(-1, recordedBlocks.get(b.id()).onEntry()));
        }
        CountedLoop loop = plan.countedLoops().headedBy(b.id());
        if (reverse && loop != null) {
            notes.add(loop.derived()
                    ? "counted loop: nothing taped, the pullback counts its iterations by "
                            + values.local(loop.index, loop.start) + " less its value on entry, "
                            + values.operand(loop.start, 0)
                            + (loop.exit < 0 ? "" : "; where it leaves, " + values.local(loop.index, loop.start)
                                    + " = max(" + values.operand(loop.start, 0) + ", "
                                    + values.operand(loop.exit, 1) + "), not taped")
                    : "counted loop: its iterations are taped as one count when it exits");
        }
        line(header.toString(), notes);
        lastLine = -1;
        for (int i = b.first(); i <= b.last(); i++) {
            if (!plan.isReachable(i)) {
                continue;
            }
            String s = statement(i);
            List<String> after = reverse ? taped(i) : tangents(i);
            if (s == null && after.isEmpty()) {
                continue;
            }
            statementLine(i, s == null ? "" : s, reverse ? primalNote(i) : null, true);
            for (String a : after) {
                out.append(INDENT).append("         ").append(a).append('\n');
            }
        }
        if (reverse) {
            loopExits(recordedBlocks.get(b.id()));
        }
    }

    /** The counts taped on the edges that leave counted loops. */
    private void loopExits(RecordedBlock b) {
        for (LoopExit exit : b.exits()) {
            out.append(INDENT).append("       on the way to B").append(exit.to()).append(":\n");
            for (String push : tape.pushes(-1, exit.counts())) {
                out.append(INDENT).append("         ").append(push).append('\n');
            }
        }
    }

    /** What the outermost handler tapes when an exception leaves the method, for the unwinding pullback. */
    private void unwinding(List<TapePush> pushes) {
        out.append("  when an exception leaves the method:\n");
        for (String push : tape.pushes(-1, pushes)) {
            out.append(INDENT).append("         ").append(push).append('\n');
        }
    }

    private String predecessors(Block b) {
        if (b.id() == 0) {
            return "(entry)";
        }
        List<Block> ps = b.predecessors();
        if (ps.isEmpty()) {
            return b.handlerEntry() ? "(handler)" : "";
        }
        StringBuilder sb = new StringBuilder("← ");
        for (int k = 0; k < ps.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append('B').append(ps.get(k).id());
        }
        return sb.toString();
    }

    /** The statement of instruction {@code i} in the original method, or null when it is part of another. */
    private String statement(int i) {
        AbstractInsnNode insn = flow.insn(i);
        int op = insn.getOpcode();
        if (op == INVOKESPECIAL && ((MethodInsnNode) insn).name.equals("<init>")) {
            int created = values.newOf(i);
            String call = values.constructorCall(i);
            return created >= 0 && values.isNamed(created) ? Values.name(created) + " = " + call : call;
        }
        if (values.isNamed(i)) {
            return op == NEW ? null : Values.name(i) + " = " + values.definition(i);
        }
        switch (op) {
            case ISTORE: case LSTORE: case FSTORE: case DSTORE: case ASTORE:
                return values.local(((VarInsnNode) insn).var, i) + " = " + values.operand(i, 0);
            case IINC: {
                IincInsnNode inc = (IincInsnNode) insn;
                return values.local(inc.var, i) + (inc.incr < 0 ? " -= " + -inc.incr : " += " + inc.incr);
            }
            case INVOKEVIRTUAL: case INVOKESPECIAL: case INVOKESTATIC: case INVOKEINTERFACE:
                return values.call(i);
            case PUTFIELD:
                return values.operand(i, 0) + "." + ((FieldInsnNode) insn).name + " = " + values.operand(i, 1);
            case PUTSTATIC: {
                FieldInsnNode f = (FieldInsnNode) insn;
                return Values.simpleName(f.owner) + "." + f.name + " = " + values.operand(i, 0);
            }
            case IASTORE: case LASTORE: case FASTORE: case DASTORE: case AASTORE: case BASTORE: case CASTORE:
            case SASTORE:
                return values.operand(i, 0) + "[" + values.operand(i, 1) + "] = " + values.operand(i, 2);
            case IFEQ: case IFNE: case IFLT: case IFGE: case IFGT: case IFLE: case IF_ICMPEQ: case IF_ICMPNE:
            case IF_ICMPLT: case IF_ICMPGE: case IF_ICMPGT: case IF_ICMPLE: case IF_ACMPEQ: case IF_ACMPNE:
            case IFNULL: case IFNONNULL:
                return "if (" + values.condition(i) + ") goto " + values.block(((JumpInsnNode) insn).label);
            case GOTO:
                return "goto " + values.block(((JumpInsnNode) insn).label);
            case TABLESWITCH: {
                TableSwitchInsnNode sw = (TableSwitchInsnNode) insn;
                StringBuilder sb = new StringBuilder("switch (").append(values.operand(i, 0)).append(") {");
                for (int k = 0; k < sw.labels.size(); k++) {
                    sb.append(sw.min + k).append(": ").append(values.block(sw.labels.get(k))).append(", ");
                }
                return sb.append("default: ").append(values.block(sw.dflt)).append('}').toString();
            }
            case LOOKUPSWITCH: {
                LookupSwitchInsnNode sw = (LookupSwitchInsnNode) insn;
                StringBuilder sb = new StringBuilder("switch (").append(values.operand(i, 0)).append(") {");
                for (int k = 0; k < sw.labels.size(); k++) {
                    sb.append(sw.keys.get(k)).append(": ").append(values.block(sw.labels.get(k))).append(", ");
                }
                return sb.append("default: ").append(values.block(sw.dflt)).append('}').toString();
            }
            case IRETURN: case LRETURN: case FRETURN: case DRETURN: case ARETURN:
                return "return " + values.operand(i, 0);
            case RETURN:
                return "return";
            case ATHROW:
                return "throw " + values.operand(i, 0);
            case MONITORENTER:
                return "lock " + values.operand(i, 0);
            case MONITOREXIT:
                return "unlock " + values.operand(i, 0);
            default:
                return null;
        }
    }

    /** A short note on a statement of the augmented primal: the callee it calls, what is refused. */
    private String primalNote(int i) {
        String refused = plan.refusals().reason(i);
        if (refused != null) {
            return "refused if reached: " + refused;
        }
        if (plan.variables().role(i) == Role.CALL) {
            return "calls " + callee(i, "$fwd");
        }
        return null;
    }

    /** What the augmented primal pushes onto the tape at instruction {@code i}, in push order. */
    private List<String> taped(int i) {
        Recording r = recordings.get(i);
        if (r == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(tape.pushes(i, r.before()));
        out.addAll(tape.pushes(i, r.after()));
        return out;
    }

    private void pullbackStart(Pullback pullback) {
        List<String> notes = new ArrayList<>();
        if (!plan.frame().isEmpty()) {
            notes.add("pops the values taped at the return");
        }
        line("  start: " + printer.start(pullback), notes);
    }

    /** A block of the pullback: the statements of its steps, last instruction first, then where it goes. */
    private void pullbackBlock(ReversedBlock b) {
        out.append("  B").append(b.id()).append('\n');
        lastLine = -1;
        for (Step step : b.steps()) {
            List<String> statements = printer.statements(step);
            for (int k = 0; k < statements.size(); k++) {
                if (k == 0) {
                    statementLine(step.at(), statements.get(k), null, false);
                } else {
                    out.append(INDENT).append("         ").append(statements.get(k)).append('\n');
                }
            }
        }
        out.append(INDENT).append("      ").append(printer.continuation(b.next())).append('\n');
    }

    /** The tangents of a call's floating-point arguments, as the listing names them. */
    private List<String> argumentTangents(int i) {
        List<String> out = new ArrayList<>();
        MethodInsnNode mi = (MethodInsnNode) flow.insn(i);
        FlowValue[] ops = flow.operands(i);
        int first = mi.getOpcode() == INVOKESTATIC ? 0 : 1;
        for (int k = first; k < ops.length; k++) {
            if (ops[k].isFloating()) {
                out.add(tangentOf(plan.operandTarget(i, k)));
            }
        }
        return out;
    }

    /** The augmented primal or tangent a call reaches: in this companion, or linked at run time (by receiver class). */
    private String callee(int i, String suffix) {
        String[] direct = plan.direct(i);
        if (direct != null) {
            return suffix.equals("$fwd") ? direct[0] : direct[2];
        }
        MethodInsnNode mi = (MethodInsnNode) flow.insn(i);
        String name = Values.simpleName(mi.owner) + "." + mi.name + suffix;
        boolean dispatches = mi.getOpcode() == INVOKEVIRTUAL || mi.getOpcode() == INVOKEINTERFACE;
        return dispatches ? name + " of the receiver's class" : name;
    }

    // ---- forward mode ----

    private void forwardMode() {
        out.append('\n').append(signature()).append('\n');
        preparation();
        List<String> ps = values.floatingParameters();
        boolean floating = DerivativePlan.isFloating(Type.getReturnType(flow.method().desc).getDescriptor());
        out.append("  ").append(member.tanName).append(", the tangent method, runs the method as written with ")
                .append(ps.isEmpty() ? "no tangent in" : join(ps, "d") + " given by the caller")
                .append(floating ? ", and returns dresult beside the result.\n" : ".\n");
        out.append('\n').append("  tangent method\n");
        for (Block b : flow.blocks()) {
            if (b.reachable()) {
                primalBlock(b, false);
            }
        }
    }

    /** The tangent statements that follow instruction {@code i} (a call's: its callee's tangent method). */
    private List<String> tangents(int i) {
        List<String> s = new ArrayList<>();
        AbstractInsnNode insn = flow.insn(i);
        int op = insn.getOpcode();
        ExpressionTree tree = plan.forest().tree(i);
        if (tree != null) {
            StringBuilder sb = new StringBuilder("d").append(values.variable(plan.variables().of(i))).append(" = ");
            int terms = 0;
            for (int k = 0; k < tree.leaves.size(); k++) {
                Sym p = tree.partials.get(k);
                if (p.isConst(0)) {
                    continue;
                }
                String leaf = "d" + values.target(tree.leaves.get(k));
                boolean negative = p.isConst(-1) || p instanceof Sym.Neg;
                String factor = p.isConst(1) || p.isConst(-1) ? ""
                        : " * " + values.factor(p instanceof Sym.Neg ? ((Sym.Neg) p).a : p);
                sb.append(terms == 0 ? (negative ? "-" : "") : negative ? " - " : " + ").append(leaf).append(factor);
                terms++;
            }
            s.add(terms == 0 ? sb.append('0').toString() : sb.toString());
        }
        switch (plan.variables().role(i)) {
            case LOCAL_TEMP:
                s.add("d" + values.variable(plan.variables().of(i)) + " = d"
                        + values.floatingLocal(((VarInsnNode) insn).var));
                break;
            case HEAP_LOAD:
                s.add("d" + values.variable(plan.variables().of(i)) + " = d(" + values.definition(i) + ")");
                break;
            case UNBOX:
                s.add("d" + values.variable(plan.variables().of(i)) + " = d(" + values.operand(i, 0) + ")");
                break;
            case PHI_ZERO:
                s.add("d" + values.variable(plan.variables().of(i)) + " = 0   // the value on this path carries none");
                break;
            case CALL: {
                List<String> args = argumentTangents(i);
                String call = callee(i, "$tan") + (args.isEmpty() ? "" : " with " + String.join(", ", args));
                if (plan.variables().of(i) >= 0) {
                    s.add("d" + values.variable(plan.variables().of(i)) + " = tangent from " + call);
                } else if (!args.isEmpty()) {
                    s.add("tangents into " + call);
                }
                break;
            }
            case FORWARD_NEW: {
                String[] to = plan.roles().forwards(i);
                for (int k = 0; k < to.length; k++) {
                    if (to[k] != null) {
                        s.add("d(" + Values.name(i) + "." + to[k].substring(to[k].lastIndexOf('.') + 1) + ") = "
                                + tangentOf(plan.operandTarget(i, plan.forwardedOperand(i, k))));
                    }
                }
                break;
            }
            default:
                break;
        }
        if (plan.variables().role(i) == Role.NONE || plan.variables().role(i) == Role.PHI_ZERO) {
            sinkTangents(i, op, s);
        }
        return s;
    }

    private void sinkTangents(int i, int op, List<String> s) {
        AbstractInsnNode insn = flow.insn(i);
        switch (op) {
            case DSTORE:
            case FSTORE: {
                int slot = ((VarInsnNode) insn).var;
                if (plan.variables().isAdjointSlot(slot)) {
                    s.add("d" + values.floatingLocal(slot) + " = " + tangentOf(plan.operandTarget(i, 0)));
                }
                break;
            }
            case DRETURN:
            case FRETURN:
                s.add("dresult = " + tangentOf(plan.operandTarget(i, 0)));
                break;
            case DASTORE:
            case FASTORE:
            case PUTFIELD:
            case PUTSTATIC:
                if (op == DASTORE || op == FASTORE || DerivativePlan.isFloating(((FieldInsnNode) insn).desc)) {
                    s.add("d(" + values.location(i) + ") = " + tangentOf(plan.operandTarget(i, op == PUTSTATIC ? 0
                            : op == PUTFIELD ? 1 : 2)));
                }
                break;
            case INVOKESTATIC:
                if (plan.recovery().reference(i) != null) {
                    s.add("d(" + Values.name(i) + ") = " + tangentOf(plan.operandTarget(i, 0)) + "   // the box's tangent");
                }
                break;
            default:
                break;
        }
    }

    private String tangentOf(AdjointTarget t) {
        return t == null ? "0" : "d" + values.target(t);
    }

    // ---- layout ----

    private String signature() {
        Type ret = Type.getReturnType(flow.method().desc);
        String name = flow.method().name.equals("<init>") ? "new " + Values.simpleName(plan.owner)
                : Values.simpleName(plan.owner) + "." + flow.method().name;
        return name + "(" + String.join(", ", values.parameters()) + ") → " + Values.typeName(ret)
                + (values.isStatic() ? "" : "   (instance method)");
    }

    /** A statement with its source line (when it changes), activity mark and an optional note. */
    private void statementLine(int i, String statement, String note, boolean marked) {
        int line = flow.line(i);
        String where = line < 0 || line == lastLine ? "" : "L" + line;
        if (line >= 0) {
            lastLine = line;
        }
        String text = String.format("%s%-6s %s %s", INDENT, where, marked && active(i) ? "*" : " ", statement);
        line(text, note == null ? List.of() : List.of(note));
    }

    private void line(String text, List<String> notes) {
        out.append(text);
        if (!notes.isEmpty()) {
            String joined = String.join("; ", notes);
            out.append(text.length() < NOTE_COLUMN ? " ".repeat(NOTE_COLUMN - text.length()) : "  ")
                    .append("// ").append(joined);
        }
        out.append('\n');
    }

    /** Whether instruction {@code i} computes with, or moves, a value that carries a derivative. */
    private boolean active(int i) {
        if (plan.activity.active(i)) {
            return true;
        }
        int n = flow.operands(i).length;
        for (int k = 0; k < n; k++) {
            if (flow.operands(i)[k].isFloating() && plan.operandTarget(i, k) != null) {
                return true;
            }
        }
        return false;
    }
}
