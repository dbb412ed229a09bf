package dev.adjoint.internal.adjoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.ir.Block;
import dev.adjoint.internal.ir.FlowValue;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.adjoint.Statement.CallSite;
import dev.adjoint.internal.adjoint.Statement.HeapAccess;
import dev.adjoint.internal.plan.AdjointTarget;
import dev.adjoint.internal.plan.CountedLoop;
import dev.adjoint.internal.plan.DerivativePlan;
import dev.adjoint.internal.plan.ExpressionTree;
import dev.adjoint.internal.plan.Role;
import dev.adjoint.internal.rules.Sym;

/**
 * Builds the {@link Pullback} of a method from its plan: for each instruction, by its role, the adjoint statements
 * that reverse it; for each block, where control goes back to; for each instruction that may throw, how an
 * unwinding pullback resumes there. Every decision about what the pullback does is made here.
 */
public final class PullbackBuilder implements Opcodes {

    private final DerivativePlan plan;
    private final MethodFlow flow;

    private PullbackBuilder(DerivativePlan plan) {
        this.plan = plan;
        this.flow = plan.flow;
    }

    /**
     * @param plan               the method's plan
     * @param delegatesUnwinding whether a variant of its own resumes after an exception left the augmented primal
     *                           (then this pullback only resumes at throwers its exception handlers reach)
     */
    public static Pullback build(DerivativePlan plan, boolean delegatesUnwinding) {
        return new PullbackBuilder(plan).pullback(delegatesUnwinding);
    }

    private Pullback pullback(boolean delegatesUnwinding) {
        List<ReversedBlock> blocks = new ArrayList<>();
        for (Block b : flow.blocks()) {
            if (b.reachable()) {
                blocks.add(new ReversedBlock(b.id(), steps(b), continuation(b)));
            }
        }
        List<Integer> throwers = throwers();
        return new Pullback(List.copyOf(plan.reversal().exits()), delegatesUnwinding, throwers, blocks,
                resumptions(throwers, delegatesUnwinding), parameters());
    }

    /**
     * The instructions that may throw, in the order a {@code HashMap} filled in instruction order iterates them:
     * the order the resumptions have always been emitted in, kept so that the generated code does not change.
     */
    private List<Integer> throwers() {
        Map<Integer, Boolean> order = new HashMap<>();
        for (int i = 0; i < flow.size(); i++) {
            if (plan.edges().mayThrow(i)) {
                order.put(i, true);
            }
        }
        return List.copyOf(order.keySet());
    }

    private List<Pullback.ParameterAdjoint> parameters() {
        List<Pullback.ParameterAdjoint> out = new ArrayList<>();
        Type[] args = Type.getArgumentTypes(flow.method().desc);
        int slot = (flow.method().access & ACC_STATIC) == 0 ? 1 : 0;
        for (int j = 0; j < args.length; j++) {
            int sort = args[j].getSort();
            if (sort == Type.DOUBLE || sort == Type.FLOAT) {
                Adjoint adjoint = plan.variables().isAdjointSlot(slot) ? Adjoint.local(slot) : null;
                out.add(new Pullback.ParameterAdjoint(j, adjoint));
            }
            slot += args[j].getSize();
        }
        return out;
    }

    // ---- resuming after an exception ----

    private List<Resumption> resumptions(List<Integer> throwers, boolean delegatesUnwinding) {
        List<Resumption> out = new ArrayList<>();
        for (int i : throwers) {
            if (delegatesUnwinding && !plan.edges().isCaught(i)) {
                continue; // reached only by unwinding, which the variant does
            }
            out.add(new Resumption(i, countFixes(i), plan.variables().role(i) == Role.CALL ? callSite(i) : null));
        }
        return out;
    }

    /**
     * The latch of a counted loop counts its iteration on entry: the iteration the exception cut short is reversed
     * from the resumption, so the count of whole iterations left is one less; a loop whose count is derived has
     * the whole iterations in its index.
     */
    private List<Resumption.CountFix> countFixes(int i) {
        List<Resumption.CountFix> out = new ArrayList<>();
        int block = flow.blockOf(i).id();
        for (int k = 0; k < plan.countedLoops().loops().size(); k++) {
            CountedLoop loop = plan.countedLoops().loops().get(k);
            if (loop.derived() && loop.body.get(block)) {
                out.add(new Resumption.CountFix(k, true));
            } else if (!loop.derived() && loop.latch == block) {
                out.add(new Resumption.CountFix(k, false));
            }
        }
        return out;
    }

    // ---- control ----

    private Continuation continuation(Block b) {
        List<Integer> from = plan.edges().from(b.id());
        CountedLoop loop = plan.countedLoops().headedBy(b.id());
        if (b.handlerEntry() && !plan.reversal().poisonsOnEntry(b.id())) {
            return new Continuation.ToThrowSite(List.copyOf(plan.edges().caughtBy(b.id())));
        }
        if (loop != null) {
            return new Continuation.LoopBack(plan.countedLoops().loops().indexOf(loop), edge(loop.latch, b.id()),
                    flushes(loop), edge(loop.entry, b.id()));
        }
        if (from.isEmpty() || from.size() == 1 && from.get(0) == DerivativePlan.ENTRY) {
            return new Continuation.ToEnd();
        }
        if (from.size() == 1) {
            return new Continuation.Goto(edge(from.get(0), b.id()));
        }
        List<Edge> edges = new ArrayList<>();
        for (int p : from) {
            edges.add(edge(p, b.id()));
        }
        return new Continuation.FromTape(edges);
    }

    private Edge edge(int from, int to) {
        return new Edge(from, to, from == DerivativePlan.ENTRY ? List.of() : List.copyOf(plan.loopsLeft(from, to)));
    }

    /** The deferred reads of a loop (see {@code DerivativePlan.deferred}), flushed as the pullback leaves it. */
    private List<Continuation.Flush> flushes(CountedLoop loop) {
        List<Continuation.Flush> out = new ArrayList<>();
        for (Map.Entry<Integer, CountedLoop> e : plan.deferredReads().reads().entrySet()) {
            if (e.getValue() == loop) {
                int h = e.getKey();
                out.add(new Continuation.Flush(h, plan.recovery().reference(h), plan.recovery().index(h)));
            }
        }
        return out;
    }

    // ---- instructions ----

    /** The steps of a block, last instruction first; an instruction with nothing to reverse has none. */
    private List<Step> steps(Block b) {
        List<Step> out = new ArrayList<>();
        for (int i = b.last(); i >= b.first(); i--) {
            if (plan.isReachable(i)) {
                List<Statement> s = statements(i);
                if (!s.isEmpty() || plan.edges().mayThrow(i)) {
                    out.add(new Step(i, flow.line(i), plan.edges().mayThrow(i), s));
                }
            }
        }
        return out;
    }

    private List<Statement> statements(int i) {
        List<Statement> s = new ArrayList<>();
        if (plan.mirrorRestores().at(i)) {
            s.add(restoreMirror(i));
        }
        Role role = plan.variables().role(i);
        switch (role) {
            case ROOT:
                distribute(i, s);
                break;
            case LOCAL_TEMP:
                s.add(new Statement.Accumulate(Adjoint.local(((VarInsnNode) flow.insn(i)).var),
                        Adjoint.value(plan.variables().of(i))));
                s.add(new Statement.Zero(Adjoint.value(plan.variables().of(i))));
                break;
            case HEAP_LOAD:
                if (!plan.increments().isIncrementRead(plan.variables().of(i))) {
                    boolean deferred = plan.deferredReads().loopOf(i) != null;
                    s.add(new Statement.ShadowAdd(heapAccess(i), plan.variables().of(i), deferred));
                    s.add(new Statement.Zero(Adjoint.value(plan.variables().of(i))));
                } // else the read of an increment: its adjoint stayed in the shadow
                break;
            case UNBOX:
                s.add(new Statement.UnboxAdd(plan.recovery().reference(i), plan.variables().of(i)));
                s.add(new Statement.Zero(Adjoint.value(plan.variables().of(i))));
                break;
            case CALL:
                s.add(new Statement.CallPullback(callSite(i), plan.variables().of(i)));
                break;
            case PHI_ZERO:
                s.add(new Statement.Discard(plan.variables().of(i)));
                break;
            case FORWARD_NEW:
                s.add(forwardFields(i));
                break;
            default:
                break;
        }
        if (role == Role.NONE || role == Role.PHI_ZERO) {
            sinks(i, s);
        }
        return s;
    }

    /** A write of a mirrored local, undone: an increment subtracted, a store's old value popped. */
    private Statement restoreMirror(int i) {
        AbstractInsnNode insn = flow.insn(i);
        if (insn.getOpcode() == IINC) {
            IincInsnNode inc = (IincInsnNode) insn;
            return new Statement.UndoIncrement(plan.frame().entryOf(inc.var), inc.var, inc.incr);
        }
        int slot = ((VarInsnNode) insn).var;
        int f = plan.frame().entryOf(slot);
        boolean copy = f >= 0 && plan.frame().copied(f) && plan.frame().copiedAfter(f) == i;
        return new Statement.RestoreLocal(f, slot, insn.getOpcode() != ISTORE, copy);
    }

    /** A tree root: its adjoint times each taped (or constant) partial, added to each leaf. */
    private void distribute(int i, List<Statement> s) {
        ExpressionTree tree = plan.forest().tree(i);
        s.add(new Statement.HoldRoot(plan.variables().of(i)));
        int[][] remat = plan.rematerialization().of(i);
        if (remat != null) {
            List<int[]> groups = PartialOrder.groups(remat);
            s.add(new Statement.RecoverPartials(List.copyOf(tree.partials), remat, groups,
                    PartialOrder.recomputableLast(remat, groups)));
        }
        for (int k = tree.leaves.size() - 1; k >= 0; k--) {
            AdjointTarget leaf = tree.leaves.get(k);
            if (!leaf.slot && plan.increments().isIncrementRead(leaf.id)) {
                continue; // the read of an increment (partial 1): its element kept the adjoint
            }
            Sym p = tree.partials.get(k);
            s.add(new Statement.Propagate(Adjoint.of(leaf), partial(p, k, remat), p.mayBeNonFinite()));
        }
    }

    private static Partial partial(Sym p, int k, int[][] remat) {
        if (p.isConst(1)) {
            return new Partial.One();
        }
        if (p.isConst(-1)) {
            return new Partial.MinusOne();
        }
        if (p.isConst()) {
            return new Partial.Constant(((Sym.Const) p).value, p);
        }
        if (remat != null) {
            return new Partial.Kept(k, remat[k] == null ? null : p);
        }
        return new Partial.Popped();
    }

    /** Stores and returns: where adjoints come back from a local, the heap, a box or the caller. */
    private void sinks(int i, List<Statement> s) {
        AbstractInsnNode insn = flow.insn(i);
        int op = insn.getOpcode();
        switch (op) {
            case DSTORE:
            case FSTORE: {
                int slot = ((VarInsnNode) insn).var;
                if (plan.variables().isAdjointSlot(slot)) {
                    AdjointTarget t = plan.operandTarget(i, 0);
                    if (t != null) {
                        s.add(new Statement.Accumulate(Adjoint.of(t), Adjoint.local(slot)));
                    }
                    s.add(new Statement.Zero(Adjoint.local(slot)));
                }
                break;
            }
            case DRETURN:
            case FRETURN: {
                AdjointTarget t = plan.operandTarget(i, 0);
                if (t != null) {
                    s.add(new Statement.Accumulate(Adjoint.of(t), Adjoint.RESULT));
                }
                break;
            }
            case DASTORE:
            case FASTORE:
            case PUTFIELD:
            case PUTSTATIC:
                if (op == DASTORE || op == FASTORE || DerivativePlan.isFloating(((FieldInsnNode) insn).desc)) {
                    int valueOperand = op == PUTSTATIC ? 0 : op == PUTFIELD ? 1 : 2;
                    s.add(new Statement.ShadowMove(heapAccess(i), Adjoint.of(plan.operandTarget(i, valueOperand)),
                            plan.increments().at(i)));
                }
                break;
            case INVOKESTATIC:
                if (plan.recovery().reference(i) != null) {
                    s.add(new Statement.BoxTake(Adjoint.of(plan.operandTarget(i, 0))));
                }
                break;
            default:
                break;
        }
    }

    private HeapAccess heapAccess(int i) {
        AbstractInsnNode insn = flow.insn(i);
        if (insn instanceof FieldInsnNode) {
            FieldInsnNode f = (FieldInsnNode) insn;
            boolean isStatic = f.getOpcode() == GETSTATIC || f.getOpcode() == PUTSTATIC;
            return new HeapAccess(f.owner, f.name, isStatic, plan.recovery().reference(i), plan.recovery().index(i));
        }
        return new HeapAccess(null, null, false, plan.recovery().reference(i), plan.recovery().index(i));
    }

    /** A constructor that copied its parameters into fields, last field first. */
    private Statement forwardFields(int i) {
        List<Statement.ForwardedField> fields = new ArrayList<>();
        String[] to = plan.roles().forwards(i);
        for (int k = to.length - 1; k >= 0; k--) {
            if (to[k] != null) {
                int dot = to[k].lastIndexOf('.');
                fields.add(new Statement.ForwardedField(to[k].substring(0, dot), to[k].substring(dot + 1),
                        Adjoint.of(plan.operandTarget(i, plan.forwardedOperand(i, k)))));
            }
        }
        return new Statement.ForwardFields(fields);
    }

    private CallSite callSite(int i) {
        MethodInsnNode mi = (MethodInsnNode) flow.insn(i);
        String[] direct = plan.direct(i);
        boolean dispatches = direct == null && (mi.getOpcode() == INVOKEVIRTUAL || mi.getOpcode() == INVOKEINTERFACE);
        return new CallSite(mi.getOpcode(), mi.owner, mi.name, mi.desc, mi.itf, direct, dispatches,
                plan.recovery().reference(i),
                direct == null ? plan.variedMask(i) : 0, direct == null ? plan.site(i) : null, arguments(i, mi));
    }

    /** Where the adjoints a callee's pullback leaves for the call's floating-point arguments go, last first. */
    private List<Statement.ArgumentAdjoint> arguments(int i, MethodInsnNode mi) {
        List<Statement.ArgumentAdjoint> out = new ArrayList<>();
        FlowValue[] ops = flow.operands(i);
        int first = mi.getOpcode() == INVOKESTATIC ? 0 : 1;
        for (int k = ops.length - 1; k >= first; k--) {
            if (ops[k].isFloating()) {
                out.add(new Statement.ArgumentAdjoint(k - first, Adjoint.of(plan.operandTarget(i, k))));
            }
        }
        return out;
    }
}
