package dev.adjoint.internal.plan;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.activity.Activity;
import dev.adjoint.internal.activity.ActivityAnalysis;
import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.ir.Block;
import dev.adjoint.internal.ir.FlowValue;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.rules.CallPolicy;
import dev.adjoint.internal.rules.Rule;
import dev.adjoint.internal.rules.Sym;

/**
 * What the augmented primal records and what the pullback does, decided once per method from its
 * {@link MethodFlow} and {@link Activity}: the planner. It runs the stages in order, each a small class whose
 * result the next stages take in their constructors, so that the order they need is the order the compiler lets
 * them run in:
 *
 * <pre>
 *   {@link Roles}              the part each instruction plays: DAG interior or root, heap read, call, copy, alias
 *   {@link AdjointVariables}   where adjoints live: one variable per value outside the DAGs, one per active slot
 *   {@link ExpressionForest}   the DAGs, with the partials of each root with respect to its leaves
 *   {@link ValueRecovery}      how the pullback gets references and indices: constant, mirrored, rebuilt, taped
 *   {@link Rematerialization}  the partials recomputed from the input arrays instead of taped
 *   {@link Refusals}           what cannot be differentiated, and the advice
 *   {@link ControlEdges}       where control comes from, and what may throw to which handler
 *   {@link CountedLoops}       the loops whose iterations are counted or derived instead of recorded
 *   {@link MirrorRestores}     which writes of mirrored locals the pullback undoes
 *   {@link ControlReversal}    which blocks record their predecessor, which return
 *   {@link Snapshots}          the arrays copied on entry, so that their partials are recomputed
 *   {@link InPlaceIncrements}  {@code a[i] += e} whose element keeps its adjoint
 *   {@link DeferredReads}      reads whose adjoints are summed across a loop before they reach memory
 * </pre>
 *
 * <p>The emitters and the listing read the stages' results through the accessors ({@link #variables()},
 * {@link #recovery()}, {@link #refusals()}, {@link #edges()}, {@link #countedLoops()}, {@link #mirrorRestores()},
 * {@link #reversal()}, {@link #frame()} and the others), each a stage that answers read-only queries; the public
 * fields that remain are the method's facts (its flow, activity, call policy, companion).
 */
public final class DerivativePlan implements Opcodes {

    public static final int ENTRY = ControlEdges.ENTRY;

    private final MethodFacts facts;
    private final AdjointVariables variables;

    public final String owner;
    public final CompanionMembers members;
    public final ConstructorAnalysis constructors;
    public final MethodFlow flow;
    public final Activity activity;
    public final CallPolicy policy;

    private final Roles roles;
    private final ExpressionForest forest;

    // ValueRecovery
    private final ValueRecovery recovery;
    /** The locals the pullback mirrors (ValueRecovery, Rematerialization and CountedLoops), and their copies. */
    private final Frame frame;

    private final Rematerialization rematerialization;

    private final Refusals refusals;

    // ControlEdges, CountedLoops, MirrorRestores, ControlReversal
    private final ControlEdges edges;
    private final CountedLoops counted;
    private final MirrorRestores restores;
    private final ControlReversal reversal;

    private final InPlaceIncrements increments;
    private final DeferredReads deferredReads;

    public final boolean hasReverseWork;

    public DerivativePlan(String owner, MethodFlow flow, Activity activity, CallPolicy policy,
                CompanionMembers members, ConstructorAnalysis constructors) {
        this(owner, flow, activity, policy, members, constructors, true);
    }

    /**
     * @param rematerialize whether partials may be recomputed instead of taped (see {@link Rematerialization}): not
     *                      for a method whose derivative code would otherwise be too large
     */
    public DerivativePlan(String owner, MethodFlow flow, Activity activity, CallPolicy policy,
                CompanionMembers members, ConstructorAnalysis constructors, boolean rematerialize) {
        MethodFacts m = new MethodFacts(owner, flow, activity, policy, members, constructors);
        Roles roles = new Roles(m);
        AdjointVariables variables = new AdjointVariables(m, roles);
        ExpressionForest forest = new ExpressionForest(m, variables);
        ValueRecovery recovery = new ValueRecovery(m, variables);
        Rematerialization rematerialization = new Rematerialization(m, forest, recovery, rematerialize);
        Refusals refusals = new Refusals(m, variables);
        ControlEdges edges = new ControlEdges(m);
        CountedLoops counted = new CountedLoops(m, edges, rematerialization);
        MirrorRestores restores = new MirrorRestores(m, counted);
        ControlReversal reversal = new ControlReversal(m, edges, counted);
        Snapshots snapshots = new Snapshots(m, rematerialization, counted);
        InPlaceIncrements increments = new InPlaceIncrements(m, variables, forest, recovery, refusals);
        DeferredReads deferredReads = new DeferredReads(m, variables, recovery, refusals, counted, snapshots,
                increments);

        this.facts = m;
        this.variables = variables;
        this.owner = owner;
        this.members = members;
        this.constructors = constructors;
        this.flow = flow;
        this.activity = activity;
        this.policy = policy;
        this.roles = roles;
        this.forest = forest;
        this.recovery = recovery;
        this.frame = new Frame(m, counted.mirrors, snapshots);
        this.rematerialization = rematerialization;
        this.refusals = refusals;
        this.edges = edges;
        this.counted = counted;
        this.restores = restores;
        this.reversal = reversal;
        this.increments = increments;
        this.deferredReads = deferredReads;
        this.hasReverseWork = findReverseWork();
    }

    /** Whether anything runs in reverse: an instruction with a role or something to tape, or a DAG. */
    private boolean findReverseWork() {
        for (int i = 0; i < flow.size(); i++) {
            if (isReachable(i) && (variables.role(i) != Role.NONE || recordsOnTape(i))) {
                return true;
            }
        }
        return !forest.trees().isEmpty();
    }

    // ---- queries used by the emitters ----

    public MethodNode method() {
        return flow.method();
    }

    public boolean isReachable(int i) {
        return facts.isReachable(i);
    }

    /** @return where the adjoint of operand {@code k} of instruction {@code i} goes, or null if inactive */
    public AdjointTarget operandTarget(int i, int k) {
        return variables.operandTarget(i, k);
    }

    /** @return the single producer of operand {@code k} of {@code i}, or -1 */
    public int soleProducer(int i, int k) {
        return facts.soleProducer(i, k);
    }

    public boolean hasVar(int i) {
        return variables.of(i) >= 0;
    }

    public Rule rule(int i) {
        return facts.rule(i);
    }

    public CallPolicy.Kind callKind(int i) {
        return facts.callKind(i);
    }

    public boolean returnsFloating(int i) {
        return facts.returnsFloating(i);
    }

    /** @return the value of operand {@code k} of {@code n} when a constant instruction produced it, else null */
    public Double constantOperand(int n, int k) {
        return facts.constantOperand(n, k);
    }

    /**
     * @return the operand of a {@link Role#FORWARD_NEW} instruction that entry {@code k} of its forwards names:
     *         after the receiver of a constructor call, from the first for a lambda
     */
    public int forwardedOperand(int i, int k) {
        return flow.insn(i) instanceof MethodInsnNode ? k + 1 : k;
    }

    /** @return the loops among {@code loops} whose counts are taped rather than derived, in the same order */
    public static List<CountedLoop> taped(List<CountedLoop> loops) {
        List<CountedLoop> out = new ArrayList<>();
        for (CountedLoop l : loops) {
            if (!l.derived()) {
                out.add(l);
            }
        }
        return out;
    }

    /** @return the counted loops that the edge {@code from -> to} leaves, innermost first */
    public List<CountedLoop> loopsLeft(int from, int to) {
        List<CountedLoop> out = new ArrayList<>();
        for (CountedLoop l : counted.loops()) {
            if (l.body.get(from) && !l.body.get(to)) {
                out.add(l);
            }
        }
        return out;
    }

    /** Whether local {@code slot} is written between instructions {@code from} and {@code to} (exclusive). */
    public boolean writtenBetween(int slot, int from, int to) {
        return facts.writtenBetween(slot, from, to);
    }


    /**
     * For a load of a {@code double} or {@code float} local: the instruction that produced the value the last store
     * before it, in its block, put there; -1 when the value came from elsewhere.
     */
    public int storedValue(int load) {
        return facts.storedValue(load);
    }

    /** The part each instruction plays beyond its role: allocations, final fields, forwarded parameters. */
    public Roles roles() {
        return roles;
    }

    /** The expression DAGs, with the partials of each root with respect to its leaves. */
    public ExpressionForest forest() {
        return forest;
    }

    /** The partials recomputed from the input arrays instead of taped. */
    public Rematerialization rematerialization() {
        return rematerialization;
    }

    /** {@code a[i] += e} whose element keeps its adjoint. */
    public InPlaceIncrements increments() {
        return increments;
    }

    /** The reads whose adjoints are summed across a loop before they reach memory. */
    public DeferredReads deferredReads() {
        return deferredReads;
    }

    /** Where control comes from, and what may throw to which handler. */
    public ControlEdges edges() {
        return edges;
    }

    /** The loops whose iterations are counted or derived instead of recorded. */
    public CountedLoops countedLoops() {
        return counted;
    }

    /** Which writes of mirrored locals the pullback undoes. */
    public MirrorRestores mirrorRestores() {
        return restores;
    }

    /** Which blocks record their predecessor, which return, which handlers cannot be reversed. */
    public ControlReversal reversal() {
        return reversal;
    }

    /** Where adjoints live: the part each instruction plays, its adjoint variable, the slots with adjoints. */
    public AdjointVariables variables() {
        return variables;
    }

    /** How the pullback gets the references and indices the primal used. */
    public ValueRecovery recovery() {
        return recovery;
    }

    /** What cannot be differentiated, why, and what to do. */
    public Refusals refusals() {
        return refusals;
    }

    /** The locals the pullback keeps in step with the primal, and the arrays copied on entry. */
    public Frame frame() {
        return frame;
    }


    public int lastInstruction(Block b) {
        return facts.lastInstruction(b);
    }

    /** Whether instruction {@code i} does something in reverse besides its role (stores of floating values). */
    public boolean recordsOnTape(int i) {
        AbstractInsnNode insn = flow.insn(i);
        int op = insn.getOpcode();
        if (op == DASTORE || op == FASTORE) {
            return true;
        }
        if (op == PUTFIELD || op == PUTSTATIC) {
            return isFloating(((FieldInsnNode) insn).desc);
        }
        if ((op == DSTORE || op == FSTORE) && variables.isAdjointSlot(((VarInsnNode) insn).var)) {
            return true;
        }
        return recovery.reference(i) != null || refusals.reason(i) != null;
    }

    public static boolean isFloating(String descriptor) {
        return "D".equals(descriptor) || "F".equals(descriptor);
    }

    public static String describe(AbstractInsnNode insn) {
        if (insn instanceof MethodInsnNode) {
            MethodInsnNode mi = (MethodInsnNode) insn;
            return mi.owner.replace('/', '.') + "." + mi.name;
        }
        return org.objectweb.asm.util.Printer.OPCODES[insn.getOpcode()].toLowerCase();
    }

    /** @return whether the augmented primal can be the original method: nothing to record, nothing to refuse */
    public boolean isPassive() {
        return !hasReverseWork;
    }

    /**
     * @return for a call, which arguments (the receiver first) may carry derivatives: bit k for operand k, bit 31
     *         for any operand from 31 on
     */
    public int variedMask(int i) {
        FlowValue[] ops = flow.operands(i);
        int mask = 0;
        for (int k = 0; k < ops.length; k++) {
            boolean varied = false;
            if (ops[k].isFloating()) {
                for (int p : flow.producers(ops[k])) {
                    varied |= activity.varied(p);
                }
            } else if (ops[k].isReference()) {
                varied = ActivityAnalysis.mayHoldDerivatives(ops[k].type());
            }
            if (varied) {
                mask |= 1 << Math.min(k, 31);
            }
        }
        return mask;
    }

    /** @return the place of instruction {@code i}, as call sites report it: class, method and line */
    public String site(int i) {
        // in differentiated derivative code, name the user's method rather than its companion's
        String suffix = Abi.COMPANION_SUFFIX;
        boolean companion = owner.endsWith(suffix);
        String className = companion ? owner.substring(0, owner.length() - suffix.length()) : owner;
        String method = flow.method().name;
        if (companion) {
            method = method.replaceAll("(\\$[0-9]+)?\\$(fwd|rev|tan)$", "");
        }
        return className + "\u0000" + method + "\u0000" + flow.line(i);
    }

    /** @return the companion names of a call's target when it is in the same companion, else null */
    public String[] direct(int i) {
        return facts.direct(i);
    }


    /** Identity set of Syms referenced more than once, for materialisation. */
    public static Map<Sym, Integer> referenceCounts(List<Sym> roots) {
        Map<Sym, Integer> counts = new IdentityHashMap<>();
        for (Sym s : roots) {
            count(s, counts);
        }
        return counts;
    }

    private static void count(Sym s, Map<Sym, Integer> counts) {
        Integer c = counts.get(s);
        counts.put(s, c == null ? 1 : c + 1);
        if (c != null) {
            return;
        }
        if (s instanceof Sym.Neg) {
            count(((Sym.Neg) s).a, counts);
        } else if (s instanceof Sym.Bin) {
            count(((Sym.Bin) s).a, counts);
            count(((Sym.Bin) s).b, counts);
        }
    }
}
