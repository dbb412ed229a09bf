package dev.adjoint.internal.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.activity.Activity;
import dev.adjoint.internal.activity.ActivityAnalysis;
import dev.adjoint.internal.ir.Block;
import dev.adjoint.internal.ir.Dominators;
import dev.adjoint.internal.ir.FlowValue;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.rules.ArithmeticPartials;
import dev.adjoint.internal.rules.CallPolicy;
import dev.adjoint.internal.rules.Rule;
import dev.adjoint.internal.rules.Sym;

/**
 * What the augmented primal records and what the pullback does, decided once per method from its
 * {@link MethodFlow} and {@link Activity}.
 *
 * <p>Active arithmetic is grouped into expression trees inside a basic block. A tree's local partial derivatives
 * with respect to its leaves are computed in the augmented primal right after its root and taped; constant ones are
 * not taped at all. Every other active value (a tree root, a read of the heap or of a local that cannot be folded
 * into a tree, a call result) gets an adjoint variable in the pullback; local variables get adjoints per slot,
 * read and zeroed at each store, as in Tapenade. Control flow is recorded only at blocks with several
 * predecessors.
 */
public final class DerivativePlan implements Opcodes {






    public static final int ENTRY = -1;

    public final String owner;
    public final CompanionMembers members;
    public final ConstructorAnalysis constructors;
    /** Per {@code new} instruction: whether the object is allocated without a constructor (transformed chain). */
    public final boolean[] allocates;
    /** Per {@code putfield}: whether it sets a final field, which needs a handle from a companion. */
    public final boolean[] setsFinal;
    /** Per {@link Role#FORWARD_NEW}: the constructor's forwarding of parameters to fields. */
    public final Map<Integer, String[]> forwards = new LinkedHashMap<>();
    public final MethodFlow flow;
    public final Activity activity;
    public final CallPolicy policy;
    public final Role[] role;
    public final int[] var;
    public int vars;
    public final Map<Integer, ExpressionTree> trees = new LinkedHashMap<>();
    public final int[] treeOf;
    public final BitSet adjointSlots = new BitSet();
    /** Per instruction: the reference the pullback needs (heap access, virtual call), or null. */
    public final Recovery[] refNeed;
    /** Per instruction: the index the pullback needs (array access), or null. */
    public final Recovery[] indexNeed;
    public final List<FrameValue> frame = new ArrayList<>();
    /** Per instruction: the reason it cannot be differentiated, when it is reached; or null. */
    public final String[] blocked;
    /** Per blocked instruction: what to do about it. */
    public final String[] advice;
    /**
     * Per blocked instruction: whether the refusal waits for the function to return, and the instruction runs: the
     * construction of an exception, which the function may throw (then the exception propagates, as the contract
     * wants), or catch (then the gradient is refused, since derivatives kept in the exception are not followed).
     */
    public final boolean[] refusesOnReturn;
    /** Per block: the blocks control can come from, {@link #ENTRY} for the method entry. */
    public final List<List<Integer>> dispatch = new ArrayList<>();
    public final boolean[] records;
    public final boolean[] setsPrevious;
    public final List<Integer> exits = new ArrayList<>();
    /** Per handler block that control also reaches normally: such a handler cannot be reversed. */
    public final boolean[] poisonsOnEntry;

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

    /** The counted loops, innermost first where nested. */
    public final List<CountedLoop> loops = new ArrayList<>();
    /** Per block: the counted loop it heads, or null. */
    public CountedLoop[] headedLoop;

    /** @return the counted loops that the edge {@code from -> to} leaves, innermost first */
    public List<CountedLoop> loopsLeft(int from, int to) {
        List<CountedLoop> out = new ArrayList<>();
        for (CountedLoop l : loops) {
            if (l.body.get(from) && !l.body.get(to)) {
                out.add(l);
            }
        }
        return out;
    }

    /** Per instruction: whether it may throw (its position is recorded so the pullback can resume before it). */
    public final boolean[] throwers;
    /** Per handler block: the instructions whose exceptions it may catch. */
    public final Map<Integer, List<Integer>> handlerThrowers = new LinkedHashMap<>();
    public boolean hasReverseWork;

    private final BitSet stableParameters = new BitSet();
    private final Map<Integer, Integer> frameIndex = new LinkedHashMap<>();

    public DerivativePlan(String owner, MethodFlow flow, Activity activity, CallPolicy policy,
                CompanionMembers members, ConstructorAnalysis constructors) {
        this(owner, flow, activity, policy, members, constructors, true);
    }

    /**
     * @param rematerialize whether partials may be recomputed instead of taped (see {@link #remat}): not for a
     *                      method whose derivative code would otherwise be too large
     */
    public DerivativePlan(String owner, MethodFlow flow, Activity activity, CallPolicy policy,
                CompanionMembers members, ConstructorAnalysis constructors, boolean rematerialize) {
        this.rematerialize = rematerialize;
        this.owner = owner;
        this.members = members;
        this.constructors = constructors;
        this.flow = flow;
        this.activity = activity;
        this.policy = policy;
        int n = flow.size();
        this.role = new Role[n];
        Arrays.fill(role, Role.NONE);
        this.var = new int[n];
        Arrays.fill(var, -1);
        this.treeOf = new int[n];
        Arrays.fill(treeOf, -1);
        this.refNeed = new Recovery[n];
        this.indexNeed = new Recovery[n];
        this.blocked = new String[n];
        this.advice = new String[n];
        this.refusesOnReturn = new boolean[n];
        this.records = new boolean[flow.blocks().size()];
        this.setsPrevious = new boolean[flow.blocks().size()];
        this.poisonsOnEntry = new boolean[flow.blocks().size()];
        this.allocates = new boolean[n];
        this.throwers = new boolean[n];
        this.setsFinal = new boolean[n];
        findStableParameters();
        assignRoles();
        assignVariables();
        buildTrees();
        findAdjointSlots();
        findNeeds();
        findRematerializable();
        markMirrorWrites();
        findBlockedSites();
        planControl();
        findSnapshots();
        findIncrements();
        findDeferredReads();
    }

    // ---- queries used by the emitters ----

    public MethodNode method() {
        return flow.method();
    }

    public boolean isReachable(int i) {
        return flow.frame(i) != null && flow.isInstruction(i);
    }

    /** @return where the adjoint of operand {@code k} of instruction {@code i} goes, or null if inactive */
    public AdjointTarget operandTarget(int i, int k) {
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

    /** @return the single producer of operand {@code k} of {@code i}, or -1 */
    public int soleProducer(int i, int k) {
        int[] ps = flow.producers(flow.operands(i)[k]);
        return ps.length == 1 ? ps[0] : -1;
    }

    public boolean hasVar(int i) {
        return var[i] >= 0;
    }

    // ---- construction ----

    private void findStableParameters() {
        MethodNode m = flow.method();
        int slot = (m.access & ACC_STATIC) == 0 ? 1 : 0;
        BitSet params = new BitSet();
        if (slot == 1) {
            params.set(0);
        }
        for (Type t : Type.getArgumentTypes(m.desc)) {
            params.set(slot);
            slot += t.getSize();
        }
        stableParameters.or(params);
        for (int i = 0; i < flow.size(); i++) {
            AbstractInsnNode insn = flow.insn(i);
            int op = insn.getOpcode();
            if (op >= ISTORE && op <= ASTORE) {
                stableParameters.clear(((VarInsnNode) insn).var);
            } else if (op == IINC) {
                stableParameters.clear(((IincInsnNode) insn).var);
            }
        }
    }

    private boolean active(int p) {
        return activity.active(p);
    }

    private boolean isArithmetic(int i) {
        AbstractInsnNode insn = flow.insn(i);
        switch (insn.getOpcode()) {
            case DADD: case DSUB: case DMUL: case DDIV: case DREM: case DNEG:
            case FADD: case FSUB: case FMUL: case FDIV: case FREM: case FNEG:
            case D2F: case F2D:
                return true;
            case INVOKESTATIC: case INVOKEVIRTUAL: case INVOKEINTERFACE: case INVOKESPECIAL:
                return rule(i) != null;
            default:
                return false;
        }
    }

    public Rule rule(int i) {
        AbstractInsnNode insn = flow.insn(i);
        if (!(insn instanceof MethodInsnNode)) {
            return null;
        }
        MethodInsnNode mi = (MethodInsnNode) insn;
        return policy.rule(mi.owner, mi.name, mi.desc);
    }

    public CallPolicy.Kind callKind(int i) {
        MethodInsnNode mi = (MethodInsnNode) flow.insn(i);
        return policy.classify(mi.getOpcode(), mi.owner, mi.name, mi.desc);
    }

    private void assignRoles() {
        findCopies();
        // arithmetic and reads
        for (int i = 0; i < flow.size(); i++) {
            if (!isReachable(i) || !active(i)) {
                continue;
            }
            AbstractInsnNode insn = flow.insn(i);
            int op = insn.getOpcode();
            if (isArithmetic(i)) {
                role[i] = allUsesInternal(i) ? Role.INTERIOR : Role.ROOT;
            } else if (copy[i]) {
                role[i] = Role.COPY;
            } else if (op == DALOAD || op == FALOAD || op == GETFIELD || op == GETSTATIC) {
                role[i] = Role.HEAP_LOAD;
            } else if (insn instanceof MethodInsnNode) {
                CallPolicy.Kind kind = callKind(i);
                if (kind == CallPolicy.Kind.UNBOX) {
                    role[i] = Role.UNBOX;
                } else if (kind == CallPolicy.Kind.LINKED) {
                    role[i] = Role.CALL;
                }
            }
        }
        // calls are linked whether or not their result is active: they may change the heap
        for (int i = 0; i < flow.size(); i++) {
            if (isReachable(i) && flow.insn(i) instanceof MethodInsnNode && role[i] == Role.NONE
                    && callKind(i) == CallPolicy.Kind.LINKED) {
                role[i] = Role.CALL;
            }
        }
        assignConstructorRoles();
        mergeEqualLoads();
        // loads of locals, once the DAGs are known
        int[] reach = lastRootReached();
        for (int i = 0; i < flow.size(); i++) {
            if (!isReachable(i) || !active(i) || role[i] == Role.COPY) {
                continue;
            }
            int op = flow.insn(i).getOpcode();
            if (op == DLOAD || op == FLOAD) {
                role[i] = foldsIntoTree(i, reach[i]) ? Role.SLOT_LEAF : Role.LOCAL_TEMP;
            }
        }
    }

    /** Per instruction: whether it is a store to a local read only in its block, or a read of such a store. */
    private boolean[] copy;

    /**
     * Finds stores of floating-point locals whose every read is in the same block and feeds expressions there: the
     * local is then only a name inside an expression DAG. Decided by shrinking a set of candidates to a fixpoint,
     * since a read is internal when its consumers are arithmetic or other such stores.
     */
    private void findCopies() {
        int n = flow.size();
        copy = new boolean[n];
        boolean[] candidate = new boolean[n];
        for (int s = 0; s < n; s++) {
            int op = flow.insn(s).getOpcode();
            if (!isReachable(s) || !active(s) || (op != DSTORE && op != FSTORE)) {
                continue;
            }
            int p = soleProducer(s, 0);
            List<MethodFlow.Use> uses = flow.uses(s);
            boolean ok = p >= 0 && !flow.isParameterNode(p) && flow.blockOf(p) == flow.blockOf(s) && !uses.isEmpty();
            for (MethodFlow.Use u : uses) {
                int l = u.consumer;
                ok &= l > s && flow.blockOf(l) == flow.blockOf(s) && soleProducer(l, 0) == s;
            }
            candidate[s] = ok;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int s = 0; s < n; s++) {
                if (!candidate[s]) {
                    continue;
                }
                for (MethodFlow.Use u : flow.uses(s)) {
                    if (!usesInternal(u.consumer, candidate)) {
                        candidate[s] = false;
                        changed = true;
                        break;
                    }
                }
            }
        }
        for (int s = 0; s < n; s++) {
            if (candidate[s]) {
                copy[s] = true;
                for (MethodFlow.Use u : flow.uses(s)) {
                    copy[u.consumer] = true;
                }
            }
        }
    }

    /** Whether every consumer of node {@code i} is in its block and takes it into an expression DAG. */
    private boolean usesInternal(int i, boolean[] copyStores) {
        List<MethodFlow.Use> uses = flow.uses(i);
        if (uses.isEmpty()) {
            return false;
        }
        for (MethodFlow.Use u : uses) {
            int c = u.consumer;
            boolean dagConsumer = active(c) && isArithmetic(c) || copyStores[c];
            if (!dagConsumer || flow.blockOf(c) != flow.blockOf(i) || soleProducer(c, u.operand) != i) {
                return false;
            }
        }
        return true;
    }

    private boolean allUsesInternal(int i) {
        return usesInternal(i, copy);
    }

    /**
     * Merges reads of the same array element or field in a block, with nothing between them that could write the
     * heap: later reads become aliases of the first, which alone tapes its index and moves the adjoint.
     */
    private void mergeEqualLoads() {
        for (Block b : flow.blocks()) {
            if (!b.reachable()) {
                continue;
            }
            Map<String, Integer> seen = new java.util.HashMap<>();
            for (int i = b.first(); i <= b.last(); i++) {
                if (!isReachable(i)) {
                    continue;
                }
                AbstractInsnNode insn = flow.insn(i);
                int op = insn.getOpcode();
                if (writesHeap(i)) {
                    seen.clear();
                    continue;
                }
                if (role[i] != Role.HEAP_LOAD || op == GETSTATIC) {
                    continue;
                }
                String key = op == GETFIELD ? ((FieldInsnNode) insn).owner + "." + ((FieldInsnNode) insn).name + "@"
                        + valueKey(i, 0) : op + "@" + valueKey(i, 0) + "[" + valueKey(i, 1) + "]";
                if (key.contains("?")) {
                    continue;
                }
                Integer first = seen.get(key);
                if (first == null) {
                    seen.put(key, i);
                } else {
                    role[i] = Role.ALIAS;
                    aliasOf.put(i, first);
                }
            }
        }
    }

    /** Per {@link Role#ALIAS}: the read it repeats. */
    public final Map<Integer, Integer> aliasOf = new LinkedHashMap<>();

    /** Whether instruction {@code i} may write a floating-point array or field (calls may write anything). */
    private boolean writesHeap(int i) {
        AbstractInsnNode insn = flow.insn(i);
        int op = insn.getOpcode();
        if (op == DASTORE || op == FASTORE || op == PUTFIELD || op == PUTSTATIC || op == INVOKEDYNAMIC) {
            return true;
        }
        return insn instanceof MethodInsnNode && rule(i) == null;
    }

    /**
     * A key that two operands share only if they hold the same value: built from constants, reads of locals with
     * the same reaching stores, and integer arithmetic on such keys; {@code "?"} when unknown.
     */
    private String valueKey(int i, int k) {
        int p = soleProducer(i, k);
        if (p < 0) {
            return "?";
        }
        if (flow.isParameterNode(p)) {
            return "p" + flow.parameterSlot(p);
        }
        AbstractInsnNode insn = flow.insn(p);
        int op = insn.getOpcode();
        switch (op) {
            case ILOAD:
            case ALOAD:
                return "L" + ((VarInsnNode) insn).var + java.util.Arrays.toString(flow.producers(flow.operands(p)[0]));
            case ICONST_M1: case ICONST_0: case ICONST_1: case ICONST_2: case ICONST_3: case ICONST_4:
            case ICONST_5: case BIPUSH: case SIPUSH:
                return "c" + constantOperand(i, k).intValue();
            case IADD: case ISUB: case IMUL: case ISHL:
                return "(" + op + " " + valueKey(p, 0) + " " + valueKey(p, 1) + ")";
            default:
                return "?";
        }
    }

    /** Per node inside a DAG: the last root whose DAG contains it (the latest point its value is needed). */
    private int[] lastRootReached() {
        int n = flow.size();
        int[] reach = new int[n];
        java.util.Arrays.fill(reach, -1);
        for (int r = 0; r < n; r++) {
            if (role[r] == Role.ROOT) {
                markReach(r, r, reach);
            }
        }
        return reach;
    }

    private void markReach(int node, int root, int[] reach) {
        FlowValue[] ops = flow.operands(node);
        for (int k = 0; k < ops.length; k++) {
            int p = soleProducer(node, k);
            if (p < 0 || flow.isParameterNode(p)) {
                continue;
            }
            if (reach[p] < root) {
                reach[p] = root;
                if (role[p] == Role.INTERIOR || role[p] == Role.COPY || isLoadOfLocal(p)) {
                    markReach(p, root, reach);
                }
            }
        }
    }

    private boolean isLoadOfLocal(int i) {
        int op = flow.insn(i).getOpcode();
        return op == DLOAD || op == FLOAD;
    }

    /** Constructor calls: {@code new C(...)} sites, and the super or this call inside a constructor. */
    private void assignConstructorRoles() {
        boolean inConstructor = "<init>".equals(flow.method().name);
        for (int i = 0; i < flow.size(); i++) {
            if (isReachable(i) && dev.adjoint.internal.bytecode.Lambdas.isProxySite(flow.insn(i))) {
                assignLambdaRole(i);
                continue;
            }
            if (!isReachable(i) || flow.insn(i).getOpcode() != INVOKESPECIAL) {
                continue;
            }
            MethodInsnNode mi = (MethodInsnNode) flow.insn(i);
            if (!"<init>".equals(mi.name)) {
                continue;
            }
            if (inConstructor && ConstructorAnalysis.receiverIsThis(flow, i)) {
                role[i] = "java/lang/Object".equals(mi.owner) ? Role.OBJECT_INIT : Role.CALL;
                continue;
            }
            if (CallPolicy.isJdk(mi.owner) || constructors == null) {
                continue;
            }
            int n = soleProducer(i, 0);
            if (n < 0 || flow.isParameterNode(n) || flow.insn(n).getOpcode() != NEW) {
                continue;
            }
            ConstructorAnalysis.Result r = constructors.analyze(mi.owner, mi.desc);
            switch (r.kind) {
                case TRANSFORM:
                    role[i] = Role.CALL;
                    allocates[n] = true;
                    break;
                case FORWARD:
                    role[i] = Role.FORWARD_NEW;
                    forwards.put(i, r.forwardedTo);
                    break;
                default:
                    break;
            }
        }
        if (constructors != null) {
            // a constructor's stores to its final fields, and in differentiated derivative code the stores that
            // constructor companions made through setters
            for (int i = 0; i < flow.size(); i++) {
                if (isReachable(i) && flow.insn(i).getOpcode() == PUTFIELD) {
                    FieldInsnNode f = (FieldInsnNode) flow.insn(i);
                    setsFinal[i] = (!inConstructor || f.owner.equals(owner))
                            && constructors.isFinalField(f.owner, f.name);
                }
            }
        }
    }

    /**
     * A lambda created here captures its values into the fields {@code c0, c1, ...} of the class that stands for
     * it: like a constructor that stores its parameters, the fields' derivatives go back to the captured values.
     */
    private void assignLambdaRole(int i) {
        FlowValue[] ops = flow.operands(i);
        String proxy = dev.adjoint.internal.bytecode.Lambdas.proxyOf(flow.insn(i));
        String[] to = new String[ops.length];
        boolean any = false;
        for (int k = 0; k < ops.length; k++) {
            if (ops[k].isFloating()) {
                to[k] = proxy + ".c" + k;
                for (int p : flow.producers(ops[k])) {
                    any |= activity.varied(p);
                }
            }
        }
        if (any) {
            role[i] = Role.FORWARD_NEW;
            forwards.put(i, to);
        }
    }

    /**
     * @return the operand of a {@link Role#FORWARD_NEW} instruction that entry {@code k} of its forwards names:
     *         after the receiver of a constructor call, from the first for a lambda
     */
    public int forwardedOperand(int i, int k) {
        return flow.insn(i) instanceof MethodInsnNode ? k + 1 : k;
    }

    /**
     * Whether load {@code i} can add its adjoint straight into its slot's adjoint when the DAGs that read it are
     * reversed: its consumers are all inside DAGs, and nothing stores to the slot before the last of their roots.
     */
    private boolean foldsIntoTree(int i, int lastRoot) {
        if (lastRoot < 0 || !allUsesInternal(i)) {
            return false;
        }
        int slot = ((VarInsnNode) flow.insn(i)).var;
        for (int j = i + 1; j < lastRoot; j++) {
            AbstractInsnNode insn = flow.insn(j);
            int op = insn.getOpcode();
            if (op >= ISTORE && op <= ASTORE && ((VarInsnNode) insn).var == slot) {
                return false;
            }
        }
        return true;
    }

    private void assignVariables() {
        int n = flow.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        boolean[] inGroup = new boolean[n];
        for (int i = 0; i < n; i++) {
            Role r = role[i];
            if (r == Role.ROOT || r == Role.LOCAL_TEMP || r == Role.HEAP_LOAD || r == Role.UNBOX
                    || r == Role.CALL && returnsFloating(i)) {
                inGroup[i] = true;
            }
        }
        // values that meet at a merge share one adjoint variable; inactive producers there zero it
        for (int c = 0; c < n; c++) {
            if (!isReachable(c)) {
                continue;
            }
            FlowValue[] ops = flow.operands(c);
            for (FlowValue v : ops) {
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
        vars = ids.size();
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

    public boolean returnsFloating(int i) {
        AbstractInsnNode insn = flow.insn(i);
        String desc = insn instanceof MethodInsnNode ? ((MethodInsnNode) insn).desc
                : insn instanceof InvokeDynamicInsnNode ? ((InvokeDynamicInsnNode) insn).desc : null;
        if (desc == null) {
            return false;
        }
        int sort = Type.getReturnType(desc).getSort();
        return sort == Type.DOUBLE || sort == Type.FLOAT;
    }

    private void buildTrees() {
        for (int i = 0; i < flow.size(); i++) {
            if (role[i] != Role.ROOT) {
                continue;
            }
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

    /** The nodes of a root's DAG: interior arithmetic and copies through locals, found backwards from the root. */
    private void collect(ExpressionTree t, int node) {
        if (t.nodes.contains(node)) {
            return;
        }
        t.nodes.add(node);
        FlowValue[] ops = flow.operands(node);
        for (int k = 0; k < ops.length; k++) {
            int p = soleProducer(node, k);
            if (p >= 0 && !flow.isParameterNode(p) && (role[p] == Role.INTERIOR || role[p] == Role.COPY)) {
                collect(t, p);
            }
        }
    }

    /**
     * Reverse sweep over the DAG, symbolically, in reverse execution order: the partial of the root with respect to
     * each leaf. A node used twice gets the sum of its consumers' contributions.
     */
    private void differentiate(ExpressionTree t) {
        Map<Integer, Sym> adjoint = new java.util.HashMap<>();
        Map<AdjointTarget, Sym> sums = new LinkedHashMap<>();
        adjoint.put(t.root, Sym.ONE);
        for (int x = t.nodes.size() - 1; x >= 0; x--) {
            int node = t.nodes.get(x);
            Sym a = adjoint.get(node);
            if (a == null) {
                continue;
            }
            boolean copyNode = role[node] == Role.COPY;
            FlowValue[] ops = flow.operands(node);
            for (int k = 0; k < ops.length; k++) {
                if (!ops[k].isFloating()) {
                    continue;
                }
                int p = soleProducer(node, k);
                boolean interior = p >= 0 && !flow.isParameterNode(p)
                        && (role[p] == Role.INTERIOR || role[p] == Role.COPY);
                AdjointTarget target = interior ? null : operandTarget(node, k);
                if (!interior && target == null) {
                    continue;
                }
                Sym contribution = copyNode ? a : Sym.mul(a, localPartial(node, k));
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

    /** The partial derivative of node {@code n}'s result with respect to its operand {@code k}. */
    private Sym localPartial(int n, int k) {
        int opcode = flow.insn(n).getOpcode();
        if (ArithmeticPartials.covers(opcode)) {
            return ArithmeticPartials.partial(opcode, k, j -> saved(n, j), n);
        }
        Rule.Partial partial = rule(n).partial(k);
        if (partial == null) {
            return Sym.ZERO;
        }
        if (partial.isConstant()) {
            return Sym.constant(partial.constantValue());
        }
        List<Sym.Saved> args = new ArrayList<>();
        int count = flow.operands(n).length;
        for (int j = 0; j < count; j++) {
            args.add(new Sym.Saved(n, j));
        }
        args.add(new Sym.Saved(n, Sym.Saved.RESULT));
        return new Sym.Call(partial.owner(), partial.name(), partial.descriptor(), args);
    }

    /** A saved operand, or the constant it is when a constant instruction produced it. */
    private Sym saved(int n, int k) {
        if (k >= 0) {
            Double c = constantOperand(n, k);
            if (c != null) {
                return Sym.constant(c);
            }
        }
        return new Sym.Saved(n, k);
    }

    /** @return the value of operand {@code k} of {@code n} when a constant instruction produced it, else null */
    public Double constantOperand(int n, int k) {
        int p = soleProducer(n, k);
        if (p < 0 || flow.isParameterNode(p)) {
            return null;
        }
        AbstractInsnNode insn = flow.insn(p);
        switch (insn.getOpcode()) {
            case DCONST_0: case FCONST_0: case ICONST_0: return 0.0;
            case DCONST_1: case FCONST_1: case ICONST_1: return 1.0;
            case FCONST_2: case ICONST_2: return 2.0;
            case ICONST_M1: return -1.0;
            case ICONST_3: return 3.0;
            case ICONST_4: return 4.0;
            case ICONST_5: return 5.0;
            case BIPUSH: case SIPUSH: return (double) ((IntInsnNode) insn).operand;
            case LDC: {
                Object c = ((LdcInsnNode) insn).cst;
                if (c instanceof Double) {
                    return (Double) c;
                }
                if (c instanceof Float) {
                    return ((Float) c).doubleValue();
                }
                if (c instanceof Integer) {
                    return ((Integer) c).doubleValue();
                }
                return null;
            }
            default:
                return null;
        }
    }

    private void findAdjointSlots() {
        for (int i = 0; i < flow.size(); i++) {
            if (!isReachable(i)) {
                continue;
            }
            AbstractInsnNode insn = flow.insn(i);
            int op = insn.getOpcode();
            if ((op == DLOAD || op == FLOAD) && active(i)) {
                adjointSlots.set(((VarInsnNode) insn).var);
            } else if ((op == DSTORE || op == FSTORE) && active(i)) {
                adjointSlots.set(((VarInsnNode) insn).var);
            }
        }
    }

    /**
     * Per local slot: 'I' when every write to it is an {@code istore} or {@code iinc}, 'A' when every write is an
     * {@code astore}; such a local is mirrored in the pullback (the old value taped at each store, increments
     * undone) instead of being taped at each use. Otherwise 0.
     */
    private char[] mirrorable;

    /** Per instruction: whether it writes a mirrored local (the pullback restores the local's old value there). */
    public boolean[] writesMirror;

    private void findMirrorable() {
        MethodNode m = flow.method();
        int n = Math.max(m.maxLocals, 1);
        mirrorable = new char[n];
        boolean[] spoiled = new boolean[n];
        int slot = (m.access & ACC_STATIC) == 0 ? 1 : 0;
        if (slot == 1) {
            mirrorable[0] = 'A';
        }
        for (Type t : Type.getArgumentTypes(m.desc)) {
            int sort = t.getSort();
            mirrorable[slot] = sort == Type.OBJECT || sort == Type.ARRAY ? 'A'
                    : sort == Type.INT || sort == Type.SHORT || sort == Type.BYTE || sort == Type.CHAR
                    || sort == Type.BOOLEAN ? 'I' : 0;
            spoiled[slot] |= mirrorable[slot] == 0;
            slot += t.getSize();
        }
        for (int i = 0; i < flow.size(); i++) {
            AbstractInsnNode insn = flow.insn(i);
            int op = insn.getOpcode();
            if (op == IINC) {
                int k = ((IincInsnNode) insn).var;
                spoiled[k] |= mirrorable[k] == 'A';
                mirrorable[k] = mirrorable[k] == 0 && !spoiled[k] ? 'I' : mirrorable[k];
            } else if (op >= ISTORE && op <= ASTORE) {
                int k = ((VarInsnNode) insn).var;
                char kind = op == ISTORE ? 'I' : op == ASTORE ? 'A' : 0;
                if (kind == 0 || mirrorable[k] != 0 && mirrorable[k] != kind) {
                    spoiled[k] = true;
                    if (op == LSTORE || op == DSTORE) {
                        spoiled[Math.min(k + 1, n - 1)] = true;
                    }
                } else {
                    mirrorable[k] = kind;
                }
            }
        }
        for (int k = 0; k < n; k++) {
            if (spoiled[k]) {
                mirrorable[k] = 0;
            }
        }
        writesMirror = new boolean[flow.size()];
    }

    /** Whether local {@code slot} is written between instructions {@code from} and {@code to} (exclusive). */
    public boolean writtenBetween(int slot, int from, int to) {
        for (int j = from + 1; j < to; j++) {
            if (writesLocal(flow.insn(j), slot)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code insn} stores to or increments local {@code slot}. */
    private static boolean writesLocal(AbstractInsnNode insn, int slot) {
        int op = insn.getOpcode();
        return op >= ISTORE && op <= ASTORE && ((VarInsnNode) insn).var == slot
                || op == IINC && ((IincInsnNode) insn).var == slot;
    }

    /** The frame entry that mirrors local {@code slot}, created on first use. */
    private int mirror(int slot, Type type) {
        Integer f = frameIndex.get(slot);
        if (f == null) {
            f = frame.size();
            frameIndex.put(slot, f);
            frame.add(new FrameValue(slot, type));
        }
        return f;
    }

    /**
     * Whether the value operand {@code k} of instruction {@code i} has can be recomputed in the pullback: integer
     * arithmetic, in the same block, on constants, mirrored locals not written since they were read, and lengths
     * of mirrored arrays. Registers the locals it reads as mirrored.
     */
    private boolean rebuildable(int i, int k, int depth) {
        return rebuildableAt(i, k, i, depth);
    }

    /** {@link #rebuildable}, for the value needed at instruction {@code at} (later in the block) rather than at i. */
    private boolean rebuildableAt(int i, int k, int at, int depth) {
        return intArithmetic(i, k, flow.blockOf(at), depth, p -> {
            int slot = ((VarInsnNode) flow.insn(p)).var;
            char kind = flow.insn(p).getOpcode() == ILOAD ? 'I' : 'A';
            return slot < mirrorable.length && mirrorable[slot] == kind && !writtenBetween(slot, p, at);
        });
    }

    /**
     * Whether operand {@code k} of instruction {@code i} is integer arithmetic computed in {@code block}: constants,
     * {@code + - *}, shifts and bitwise operations, and array lengths, over loads of locals that {@code load}
     * accepts (it is given the load's instruction).
     */
    private boolean intArithmetic(int i, int k, Block block, int depth, java.util.function.IntPredicate load) {
        int p = soleProducer(i, k);
        if (p < 0 || flow.isParameterNode(p) || depth > 8 || flow.blockOf(p) != block) {
            return false;
        }
        AbstractInsnNode insn = flow.insn(p);
        switch (insn.getOpcode()) {
            case ICONST_M1: case ICONST_0: case ICONST_1: case ICONST_2: case ICONST_3: case ICONST_4:
            case ICONST_5: case BIPUSH: case SIPUSH:
                return true;
            case LDC:
                return ((LdcInsnNode) insn).cst instanceof Integer;
            case ILOAD:
            case ALOAD:
                return load.test(p);
            case IADD: case ISUB: case IMUL: case ISHL: case ISHR: case IUSHR: case IAND: case IOR: case IXOR:
                return intArithmetic(p, 0, block, depth + 1, load) && intArithmetic(p, 1, block, depth + 1, load);
            case ARRAYLENGTH:
                return intArithmetic(p, 0, block, depth + 1, load);
            default:
                return false;
        }
    }

    /** Registers the mirrored locals an expression reads (after {@link #rebuildable} accepted it). */
    private void mirrorReads(int i, int k) {
        int p = soleProducer(i, k);
        AbstractInsnNode insn = flow.insn(p);
        int op = insn.getOpcode();
        if (op == ILOAD) {
            mirror(((VarInsnNode) insn).var, Type.INT_TYPE);
        } else if (op == ALOAD) {
            mirror(((VarInsnNode) insn).var, Type.getObjectType("java/lang/Object"));
        } else if (op == ARRAYLENGTH) {
            mirrorReads(p, 0);
        } else if (op >= IADD && op <= IXOR) {
            mirrorReads(p, 0);
            mirrorReads(p, 1);
        }
    }

    private void findNeeds() {
        findMirrorable();
        for (int i = 0; i < flow.size(); i++) {
            if (!isReachable(i)) {
                continue;
            }
            AbstractInsnNode insn = flow.insn(i);
            int op = insn.getOpcode();
            boolean floatingStore = op == DASTORE || op == FASTORE
                    || (op == PUTFIELD || op == PUTSTATIC) && isFloating(((FieldInsnNode) insn).desc);
            if (role[i] == Role.HEAP_LOAD || floatingStore) {
                if (op == DALOAD || op == FALOAD || op == DASTORE || op == FASTORE) {
                    refNeed[i] = need(i, 0);
                    indexNeed[i] = need(i, 1);
                } else if (op == GETFIELD || op == PUTFIELD) {
                    refNeed[i] = need(i, 0);
                }
            } else if (role[i] == Role.UNBOX) {
                refNeed[i] = need(i, 0);
            } else if (role[i] == Role.CALL && (op == INVOKEVIRTUAL || op == INVOKEINTERFACE) && direct(i) == null) {
                refNeed[i] = need(i, 0);
            } else if (op == INVOKESTATIC && isReachable(i) && callKind(i) == CallPolicy.Kind.BOX
                    && operandTarget(i, 0) != null || role[i] == Role.FORWARD_NEW) {
                refNeed[i] = new Recovery(Recovery.Kind.PUSH, 0, Type.getObjectType("java/lang/Object"));
            }
        }
    }

    private Recovery need(int i, int k) {
        FlowValue v = flow.operands(i)[k];
        Type type = v.type() != null && v.type().getSort() == Type.INT ? Type.INT_TYPE
                : Type.getObjectType("java/lang/Object");
        int p = soleProducer(i, k);
        if (p >= 0 && !flow.isParameterNode(p)) {
            AbstractInsnNode insn = flow.insn(p);
            if (type == Type.INT_TYPE) {
                Double c = constantOperand(i, k);
                if (c != null) {
                    return new Recovery(Recovery.Kind.CONSTANT, c.intValue(), type);
                }
            }
            if (rebuildable(i, k, 0)) {
                mirrorReads(i, k);
                if (insn.getOpcode() == ALOAD || insn.getOpcode() == ILOAD) {
                    return new Recovery(Recovery.Kind.FRAME, frameIndex.get(((VarInsnNode) insn).var), type);
                }
                return new Recovery(Recovery.Kind.REBUILD, p, type);
            }
        }
        return new Recovery(Recovery.Kind.PUSH, 0, type);
    }

    /**
     * Per tree root, per partial: the frame entries of the arrays whose elements the partial can be recomputed
     * from in the pullback, or null. When, at run time, every one of those arrays is the gradient's input array,
     * which nothing writes while the gradient runs ({@code Tape.frozen}), the augmented primal does not tape the
     * partial: the pullback reads the array again and recomputes it.
     */
    public final Map<Integer, int[][]> remat = new HashMap<>();
    private final boolean rematerialize;

    private void findRematerializable() {
        if (!rematerialize) {
            return;
        }
        for (Map.Entry<Integer, ExpressionTree> e : trees.entrySet()) {
            int root = e.getKey();
            ExpressionTree t = e.getValue();
            int[][] refs = null;
            for (int k = 0; k < t.partials.size(); k++) {
                Sym p = t.partials.get(k);
                BitSet slots = new BitSet();
                if (p.isConst() || !rematSym(p, root, slots, false) || slots.isEmpty()) {
                    continue;
                }
                rematSym(p, root, slots, true);
                if (refs == null) {
                    refs = new int[t.partials.size()][];
                }
                int[] frames = new int[slots.cardinality()];
                int f = 0;
                for (int slot = slots.nextSetBit(0); slot >= 0; slot = slots.nextSetBit(slot + 1)) {
                    frames[f++] = frameIndex.get(slot);
                }
                refs[k] = frames;
            }
            if (refs != null) {
                remat.put(root, refs);
            }
        }
    }

    /**
     * Per instruction: an array store {@code a[i] = a[i] + e} whose element keeps its adjoint. Reversed as written,
     * the store would move the element's adjoint to the sum and zero it, and the read would add it back (its partial
     * is 1); instead the store only reads it, and the read does nothing ({@link #incrementVars}). The read and the
     * store use the same array and index values, nothing between them writes an array or calls, and the read's
     * value and the sum are used nowhere else.
     */
    public boolean[] increment;
    /** The adjoint variables of the reads of {@link #increment}s: leaves that their trees skip. */
    public final BitSet incrementVars = new BitSet();

    private void findIncrements() {
        int n = flow.size();
        increment = new boolean[n];
        Map<AdjointTarget, Integer> uses = new HashMap<>();
        Map<Integer, Integer> loads = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (!isReachable(i)) {
                continue;
            }
            if (role[i] == Role.HEAP_LOAD && var[i] >= 0) {
                loads.merge(var[i], i, (a, b) -> -1); // the load, or -1 when several share the variable
            }
            FlowValue[] ops = flow.operands(i);
            for (int k = 0; ops != null && k < ops.length; k++) {
                AdjointTarget t = ops[k].isFloating() ? operandTarget(i, k) : null;
                if (t != null) {
                    uses.merge(t, 1, Integer::sum);
                }
            }
        }
        for (int s = 0; s < n; s++) {
            int op = flow.insn(s).getOpcode();
            if (op != DASTORE && op != FASTORE || !isReachable(s) || blocked[s] != null || !frameOrRebuilt(s)) {
                continue;
            }
            int r = soleProducer(s, 2);
            ExpressionTree t = r < 0 ? null : trees.get(r);
            if (t == null || var[r] < 0 || uses.getOrDefault(new AdjointTarget(false, var[r]), 0) != 1) {
                continue;
            }
            for (int k = 0; k < t.leaves.size(); k++) {
                AdjointTarget leaf = t.leaves.get(k);
                Integer l = leaf.slot ? null : loads.get(leaf.id);
                if (l == null || l < 0 || !t.partials.get(k).isConst(1) || uses.getOrDefault(leaf, 0) != 1
                        || flow.insn(l).getOpcode() != (op == DASTORE ? DALOAD : FALOAD)
                        || flow.blockOf(l) != flow.blockOf(s) || l > s || !frameOrRebuilt(l)
                        || !consumedDirectly(l)
                        || !sameValue(soleProducer(l, 0), soleProducer(s, 0))
                        || !sameValue(soleProducer(l, 1), soleProducer(s, 1))
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
        List<MethodFlow.Use> uses = flow.uses(l);
        return uses.size() == 1 && !(flow.insn(uses.get(0).consumer) instanceof VarInsnNode);
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
        if (flow.isParameterNode(p) || flow.isParameterNode(q) || flow.blockOf(p) != flow.blockOf(q)) {
            return false;
        }
        AbstractInsnNode a = flow.insn(p);
        AbstractInsnNode b = flow.insn(q);
        int op = a.getOpcode();
        return (op == ILOAD || op == ALOAD) && b.getOpcode() == op && ((VarInsnNode) a).var == ((VarInsnNode) b).var
                && !writtenBetween(((VarInsnNode) a).var, Math.min(p, q), Math.max(p, q));
    }

    /**
     * Per read of an array element inside a counted loop: the loop across which the pullback sums the read's
     * adjoints in a local and adds the sum to the element's shadow once, when it leaves the loop (reversed, a
     * read whose element does not change in the loop, such as {@code x[i]} in {@code out[j] += l * x[i]}, is a sum
     * over the loop of one shadow element, whose additions through memory would be a chain at the latency of store
     * forwarding). Only for arrays of {@link #snapshot}: at run time, when the copy was made, nothing in the method
     * writes that array or calls code that could, so no other statement of the pullback reads or clears the
     * element's shadow in between; the index is computed from locals the loop does not write.
     */
    public final Map<Integer, CountedLoop> deferred = new LinkedHashMap<>();

    private void findDeferredReads() {
        if (snapshot.isEmpty()) {
            return;
        }
        for (int h = 0; h < flow.size(); h++) {
            int op = flow.insn(h).getOpcode();
            if (op != DALOAD && op != FALOAD || role[h] != Role.HEAP_LOAD || !isReachable(h) || blocked[h] != null
                    || refNeed[h] == null || refNeed[h].kind != Recovery.Kind.FRAME || !snapshot.get(refNeed[h].value)
                    || incrementVars.get(var[h]) || indexNeed[h] == null) {
                continue;
            }
            CountedLoop loop = null;
            for (CountedLoop l : loops) { // innermost first
                if (l.body.get(flow.blockOf(h).id())) {
                    loop = l;
                    break;
                }
            }
            BitSet slots = new BitSet();
            Recovery idx = indexNeed[h];
            if (loop == null || idx.kind == Recovery.Kind.PUSH) {
                continue;
            }
            if (idx.kind == Recovery.Kind.FRAME) {
                slots.set(frame.get(idx.value).slot);
            } else if (idx.kind == Recovery.Kind.REBUILD && !slotsRead(idx.value, slots, 0)) {
                continue;
            }
            boolean invariant = true;
            for (int i = 0; i < flow.size() && invariant; i++) {
                if (isReachable(i) && loop.body.get(flow.blockOf(i).id())) {
                    for (int slot = slots.nextSetBit(0); slot >= 0; slot = slots.nextSetBit(slot + 1)) {
                        invariant &= !writesLocal(flow.insn(i), slot);
                    }
                }
            }
            if (invariant) {
                deferred.put(h, loop);
            }
        }
    }

    /** The local slots the integer expression that instruction {@code p} computes reads; false if not simple. */
    private boolean slotsRead(int p, BitSet slots, int depth) {
        if (p < 0 || flow.isParameterNode(p) || depth > 8) {
            return false;
        }
        AbstractInsnNode insn = flow.insn(p);
        int op = insn.getOpcode();
        if (op == ILOAD || op == ALOAD) {
            slots.set(((VarInsnNode) insn).var);
            return true;
        }
        if (op >= IADD && op <= IXOR) {
            return slotsRead(soleProducer(p, 0), slots, depth + 1) && slotsRead(soleProducer(p, 1), slots, depth + 1);
        }
        if (op == ARRAYLENGTH) {
            return slotsRead(soleProducer(p, 0), slots, depth + 1);
        }
        return op >= ICONST_M1 && op <= SIPUSH || op == LDC;
    }

    /** Whether the pullback gets the array and index of heap access {@code i} without popping them. */
    private boolean frameOrRebuilt(int i) {
        return refNeed[i] != null && refNeed[i].kind != Recovery.Kind.PUSH
                && indexNeed[i] != null && indexNeed[i].kind != Recovery.Kind.PUSH;
    }

    private boolean writesOrCallsBetween(int from, int to) {
        for (int j = from + 1; j < to; j++) {
            AbstractInsnNode insn = flow.insn(j);
            int op = insn.getOpcode();
            if (op == DASTORE || op == FASTORE || insn instanceof InvokeDynamicInsnNode
                    || insn instanceof MethodInsnNode && !isMathClass(((MethodInsnNode) insn).owner)) {
                return true;
            }
        }
        return false;
    }

    /** The longest array the augmented primal copies for {@link #snapshot}. */
    public static final int SNAPSHOT_LIMIT = 128;

    /**
     * Frame entries whose array the augmented primal copies on entry, so that the partials that read it are
     * recomputed from the copy (see {@link #remat}) instead of taped per read: array parameters read in a nested
     * counted loop that are never assigned and never stored into, in a method that calls nothing but {@code Math} and
     * stores floating-point elements only through other parameters ({@link #snapshotWriters}). The copy is taken at
     * run time only when the array is at most {@link #SNAPSHOT_LIMIT} long and is none of those parameters, so
     * that nothing can change it while the method runs; otherwise its partials are taped as before.
     */
    public final BitSet snapshot = new BitSet();
    /** The parameter slots the method stores floating-point elements through. */
    public int[] snapshotWriters = new int[0];

    private void findSnapshots() {
        if (remat.isEmpty() || loops.size() < 2) {
            return;
        }
        BitSet writers = new BitSet();
        for (int i = 0; i < flow.size(); i++) {
            if (!isReachable(i)) {
                continue;
            }
            AbstractInsnNode insn = flow.insn(i);
            int op = insn.getOpcode();
            if (insn instanceof InvokeDynamicInsnNode || insn instanceof MethodInsnNode && (op != INVOKESTATIC
                    || !isMathClass(((MethodInsnNode) insn).owner))) {
                return; // a callee could write the array
            }
            if (op == DASTORE || op == FASTORE) {
                int q = soleProducer(i, 0);
                if (q < 0 || flow.isParameterNode(q) || flow.insn(q).getOpcode() != ALOAD) {
                    return;
                }
                int slot = ((VarInsnNode) flow.insn(q)).var;
                if (!isParameterSlot(slot) || isAssigned(slot)) {
                    return;
                }
                writers.set(slot);
            }
        }
        // a copy costs the array's length: it pays for arrays read in nested loops, not for one read per element
        BitSet read = new BitSet();
        for (Map.Entry<Integer, int[][]> e : remat.entrySet()) {
            int block = flow.blockOf(e.getKey()).id();
            int depth = 0;
            for (CountedLoop l : loops) {
                depth += l.body.get(block) ? 1 : 0;
            }
            if (depth < 2) {
                continue;
            }
            for (int[] frames : e.getValue()) {
                if (frames != null) {
                    for (int f : frames) {
                        read.set(f);
                    }
                }
            }
        }
        for (int f = read.nextSetBit(0); f >= 0; f = read.nextSetBit(f + 1)) {
            int slot = frame.get(f).slot;
            String type = parameterType(slot);
            if (("[D".equals(type) || "[F".equals(type)) && !isAssigned(slot) && !writers.get(slot)) {
                snapshot.set(f);
            }
        }
        snapshotWriters = writers.stream().toArray();
    }

    private static boolean isMathClass(String owner) {
        return "java/lang/Math".equals(owner) || "java/lang/StrictMath".equals(owner);
    }

    /** Whether any reachable instruction writes local {@code slot}. */
    private boolean isAssigned(int slot) {
        for (int i = 0; i < flow.size(); i++) {
            if (isReachable(i) && writesLocal(flow.insn(i), slot)) {
                return true;
            }
        }
        return false;
    }

    /** The descriptor of the parameter held in {@code slot} on entry, or null when the slot holds none. */
    public String parameterType(int slot) {
        MethodNode m = flow.method();
        int at = (m.access & ACC_STATIC) == 0 ? 1 : 0;
        for (Type t : Type.getArgumentTypes(m.desc)) {
            if (at == slot) {
                return t.getDescriptor();
            }
            at += t.getSize();
        }
        return null;
    }

    /** Whether a partial is a function of array loads, constants and mirrored integers only (see {@link #remat}). */
    private boolean rematSym(Sym s, int root, BitSet arraySlots, boolean register) {
        if (s instanceof Sym.Const) {
            return true;
        }
        if (s instanceof Sym.Saved) {
            Sym.Saved v = (Sym.Saved) s;
            int p = v.operand == Sym.Saved.RESULT ? v.node : soleProducer(v.node, v.operand);
            return rematValue(p, root, arraySlots, register, 0);
        }
        if (s instanceof Sym.Neg) {
            return rematSym(((Sym.Neg) s).a, root, arraySlots, register);
        }
        if (s instanceof Sym.Bin) {
            return rematSym(((Sym.Bin) s).a, root, arraySlots, register)
                    && rematSym(((Sym.Bin) s).b, root, arraySlots, register);
        }
        if (s instanceof Sym.Call) {
            for (Sym.Saved a : ((Sym.Call) s).args) {
                if (!rematSym(a, root, arraySlots, register)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Whether the value instruction {@code p} produced can be computed again in the pullback at {@code root}. */
    private boolean rematValue(int p, int root, BitSet arraySlots, boolean register, int depth) {
        if (p < 0 || flow.isParameterNode(p) || depth > 12 || flow.blockOf(p) != flow.blockOf(root)) {
            return false;
        }
        AbstractInsnNode insn = flow.insn(p);
        int op = insn.getOpcode();
        switch (op) {
            case DCONST_0: case DCONST_1: case FCONST_0: case FCONST_1: case FCONST_2:
                return true;
            case LDC:
                return ((LdcInsnNode) insn).cst instanceof Double || ((LdcInsnNode) insn).cst instanceof Float;
            case DALOAD: case FALOAD: {
                int q = soleProducer(p, 0);
                if (q < 0 || flow.isParameterNode(q) || flow.insn(q).getOpcode() != ALOAD) {
                    return false;
                }
                int slot = ((VarInsnNode) flow.insn(q)).var;
                if (slot >= mirrorable.length || mirrorable[slot] != 'A' || writtenBetween(slot, q, root)
                        || !rebuildableAt(p, 1, root, 0)) {
                    return false;
                }
                if (register) {
                    mirror(slot, Type.getObjectType("java/lang/Object"));
                    mirrorReads(p, 1);
                }
                arraySlots.set(slot);
                return true;
            }
            case DADD: case DSUB: case DMUL: case DDIV: case FADD: case FSUB: case FMUL: case FDIV:
                return rematValue(soleProducer(p, 0), root, arraySlots, register, depth + 1)
                        && rematValue(soleProducer(p, 1), root, arraySlots, register, depth + 1);
            case DNEG: case FNEG: case D2F: case F2D:
                return rematValue(soleProducer(p, 0), root, arraySlots, register, depth + 1);
            case DLOAD: case FLOAD:
                return rematValue(storedValue(p), root, arraySlots, register, depth + 1);
            case I2D: case I2F:
                if (!rebuildableAt(p, 0, root, 0)) {
                    return false;
                }
                if (register) {
                    mirrorReads(p, 0);
                }
                return true;
            case INVOKESTATIC: {
                Rule r = rule(p);
                MethodInsnNode mi = (MethodInsnNode) insn;
                boolean math = "java/lang/Math".equals(mi.owner) || "java/lang/StrictMath".equals(mi.owner);
                if (r == null || !math || Type.getArgumentTypes(mi.desc).length == 0) {
                    return false; // only pure functions are evaluated again
                }
                FlowValue[] ops = flow.operands(p);
                for (int k = 0; k < ops.length; k++) {
                    boolean ok = ops[k].isFloating()
                            ? rematValue(soleProducer(p, k), root, arraySlots, register, depth + 1)
                            : ops[k].type() == Type.INT_TYPE && rebuildableAt(p, k, root, 0);
                    if (!ok) {
                        return false;
                    }
                    if (register && !ops[k].isFloating()) {
                        mirrorReads(p, k);
                    }
                }
                return true;
            }
            default:
                return false;
        }
    }

    /**
     * For a load of a {@code double} or {@code float} local: the instruction that produced the value the last store
     * before it, in its block, put there; -1 when the value came from elsewhere.
     */
    public int storedValue(int load) {
        int slot = ((VarInsnNode) flow.insn(load)).var;
        Block b = flow.blockOf(load);
        for (int j = load - 1; j >= b.first(); j--) {
            AbstractInsnNode insn = flow.insn(j);
            int op = insn.getOpcode();
            if (op >= ISTORE && op <= ASTORE && ((VarInsnNode) insn).var == slot) {
                return op == DSTORE || op == FSTORE ? soleProducer(j, 0) : -1;
            }
        }
        return -1;
    }

    /** Marks the writes of the locals that ended up mirrored. */
    private void markMirrorWrites() {
        for (int i = 0; i < flow.size(); i++) {
            AbstractInsnNode insn = flow.insn(i);
            int op = insn.getOpcode();
            int slot = op == IINC ? ((IincInsnNode) insn).var : op == ISTORE || op == ASTORE
                    ? ((VarInsnNode) insn).var : -1;
            writesMirror[i] = slot >= 0 && isReachable(i) && frameIndex.containsKey(slot);
        }
    }

    /** @return the frame entry that mirrors local {@code slot}, or -1 */
    public int mirrorOf(int slot) {
        Integer f = frameIndex.get(slot);
        return f == null ? -1 : f;
    }

    /** @return whether local {@code slot} is a parameter (it needs no initial value) */
    public boolean isParameterSlot(int slot) {
        MethodNode m = flow.method();
        int size = (Type.getArgumentsAndReturnSizes(m.desc) >> 2) - ((m.access & ACC_STATIC) != 0 ? 1 : 0);
        return slot < size;
    }

    private void findBlockedSites() {
        // the engine's own replacements call the JDK only for values that carry no derivative
        boolean trusted = dev.adjoint.internal.rules.Replacements.isReplacementClass(owner);
        for (int i = 0; i < flow.size(); i++) {
            if (!isReachable(i)) {
                continue;
            }
            AbstractInsnNode insn = flow.insn(i);
            if (activity.bitsViolation(i)) {
                blocked[i] = activity.lostDerivative(i) != null ? activity.lostDerivative(i)
                        : "bit reinterpretation of a value that carries a derivative (" + describe(insn) + ")";
                advice[i] = "Declare a derivative rule for the method that does it (see docs/user-guide.md)";
                continue;
            }
            if (insn instanceof MethodInsnNode) {
                MethodInsnNode mi = (MethodInsnNode) insn;
                CallPolicy.Kind kind = callKind(i);
                if (!trusted && (kind == CallPolicy.Kind.GUARDED || kind == CallPolicy.Kind.CONSTRUCTOR)
                        && role[i] == Role.NONE
                        && receivesDerivatives(i, kind == CallPolicy.Kind.GUARDED
                                && CallPolicy.movesReferences(mi.owner, mi.name, mi.desc))) {
                    boolean userConstructor = kind == CallPolicy.Kind.CONSTRUCTOR && !CallPolicy.isJdk(mi.owner);
                    String why = userConstructor && constructors != null
                            ? constructors.analyze(mi.owner, mi.desc).reason : null;
                    blocked[i] = userConstructor
                            ? "a value that carries a derivative passed to the constructor of "
                                + mi.owner.replace('/', '.') + (why == null ? "" : ": " + why)
                            : CallPolicy.blockedConstruct(mi.owner, mi.name, false);
                    advice[i] = userConstructor ? "Create the object outside the function, or make the constructor "
                            + "only store its parameters" : CallPolicy.blockedAdvice(mi.owner);
                    if (userConstructor && constructors != null && constructors.isThrowable(mi.owner)) {
                        refusesOnReturn[i] = true;
                        advice[i] = "The exception was caught inside the function: derivatives kept in exceptions "
                                + "are not followed";
                    }
                }
            } else if (insn instanceof InvokeDynamicInsnNode && !isStringConcat(insn)
                    && !dev.adjoint.internal.bytecode.Lambdas.isProxySite(insn)) {
                if (receivesDerivatives(i, false) || active(i)) {
                    InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) insn;
                    boolean lambda = "java/lang/invoke/LambdaMetafactory".equals(indy.bsm.getOwner());
                    blocked[i] = lambda
                            ? "a lambda, created inside differentiated code, that captures a value that may carry a "
                                + "derivative (lambdas are not differentiated yet)"
                            : "an invokedynamic call site (" + indy.bsm.getOwner().replace('/', '.') + "."
                                + indy.bsm.getName() + ") that receives or returns a value that carries a derivative";
                    advice[i] = lambda ? "Use a named class that implements the interface instead of the lambda"
                            : "Declare a derivative rule for the code involved (see docs/user-guide.md)";
                }
            }
        }
    }

    private static boolean isStringConcat(AbstractInsnNode insn) {
        return CallPolicy.isPassiveBootstrap(((InvokeDynamicInsnNode) insn).bsm.getOwner());
    }

    /** Whether any argument of call {@code i} may carry a derivative: a varied number, or a reference to data. */
    private boolean receivesDerivatives(int i, boolean referencesAllowed) {
        FlowValue[] ops = flow.operands(i);
        boolean constructor = flow.insn(i) instanceof MethodInsnNode
                && "<init>".equals(((MethodInsnNode) flow.insn(i)).name);
        for (int k = constructor ? 1 : 0; k < ops.length; k++) {
            FlowValue v = ops[k];
            if (v.isFloating()) {
                for (int p : flow.producers(v)) {
                    if (activity.varied(p)) {
                        return true;
                    }
                }
            } else if (!referencesAllowed && v.isReference() && ActivityAnalysis.mayHoldDerivatives(v.type())) {
                return true;
            }
        }
        return false;
    }

    public static String describe(AbstractInsnNode insn) {
        if (insn instanceof MethodInsnNode) {
            MethodInsnNode mi = (MethodInsnNode) insn;
            return mi.owner.replace('/', '.') + "." + mi.name;
        }
        return org.objectweb.asm.util.Printer.OPCODES[insn.getOpcode()].toLowerCase();
    }

    private void planControl() {
        List<Block> blocks = flow.blocks();
        for (int b = 0; b < blocks.size(); b++) {
            dispatch.add(new ArrayList<>());
        }
        for (Block b : blocks) {
            if (!b.reachable()) {
                continue;
            }
            if (b.id() == 0) {
                dispatch.get(0).add(ENTRY);
            }
            for (Block p : b.predecessors()) {
                dispatch.get(b.id()).add(p.id());
            }
        }
        for (int i = 0; i < flow.size(); i++) {
            if (!isReachable(i) || !flow.mayThrow(i)) {
                continue;
            }
            throwers[i] = true;
            for (Block h : flow.handlersOf(i)) {
                handlerThrowers.computeIfAbsent(h.id(), k -> new ArrayList<>()).add(i);
            }
        }
        findCountedLoops();
        findDerivedCounts();
        for (Block b : blocks) {
            records[b.id()] = b.reachable() && !b.handlerEntry() && dispatch.get(b.id()).size() >= 2
                    && headedLoop[b.id()] == null;
            // control also reaches this handler without an exception: not reversible (javac never does this)
            poisonsOnEntry[b.id()] = b.reachable() && b.handlerEntry() && !dispatch.get(b.id()).isEmpty();
        }
        for (Block b : blocks) {
            if (!b.reachable()) {
                continue;
            }
            for (Block s : b.successors()) {
                setsPrevious[b.id()] |= records[s.id()];
            }
            int last = lastInstruction(b);
            if (last >= 0 && flow.insn(last).getOpcode() >= IRETURN && flow.insn(last).getOpcode() <= RETURN) {
                exits.add(b.id());
            }
        }
        for (int i = 0; i < flow.size(); i++) {
            if (isReachable(i) && (role[i] != Role.NONE || recordsOnTape(i))) {
                hasReverseWork = true;
            }
        }
        hasReverseWork |= !trees.isEmpty();
    }

    /** Finds natural loops that can be counted: one entry, one latch that only jumps back, no handler outside. */
    private void findCountedLoops() {
        List<Block> blocks = flow.blocks();
        int n = blocks.size();
        headedLoop = new CountedLoop[n];
        Dominators dominators = Dominators.of(blocks);
        for (Block h : blocks) {
            List<Integer> from = dispatch.get(h.id());
            if (!h.reachable() || h.handlerEntry() || from.size() != 2 || !dominators.reachesFromEntry(h.id())) {
                continue;
            }
            int latch = -1;
            int entry = -2;
            for (int p : from) {
                if (p >= 0 && dominators.dominates(h.id(), p)) {
                    latch = latch == -1 ? p : -3;
                } else {
                    entry = p;
                }
            }
            if (latch < 0 || entry == -2 || blocks.get(latch).successors().size() != 1) {
                continue;
            }
            CountedLoop loop = new CountedLoop(h.id(), entry, latch);
            loop.body.or(Dominators.naturalLoop(blocks, h.id(), latch));
            if (!handlersInside(loop)) {
                continue;
            }
            headedLoop[h.id()] = loop;
            loops.add(loop);
        }
        loops.sort((a, b) -> Integer.compare(a.body.cardinality(), b.body.cardinality()));
    }

    /**
     * Finds the counted loops whose count the pullback derives instead of popping: the loop's index is a local the
     * pullback mirrors, set in the block that enters the loop to a value the pullback can recompute wherever it
     * reverses the loop, and written inside the loop only by one {@code iinc 1} in the latch, after everything there
     * that may throw. Each iteration then adds one to the index, so wherever control leaves the loop, and wherever
     * an exception cuts it short, the iterations done are the index minus its value on entry. For such a loop the
     * augmented primal neither counts nor tapes.
     */
    private void findDerivedCounts() {
        for (CountedLoop loop : loops) {
            if (loop.entry < 0) {
                continue;
            }
            Block latch = flow.blocks().get(loop.latch);
            int step = -1;
            for (int i = latch.first(); i <= latch.last(); i++) {
                AbstractInsnNode insn = flow.insn(i);
                if (insn.getOpcode() == IINC && ((IincInsnNode) insn).incr == 1) {
                    step = i; // the last one
                }
            }
            if (step < 0 || !isReachable(step)) {
                continue;
            }
            int slot = ((IincInsnNode) flow.insn(step)).var;
            int f = mirrorOf(slot);
            if (f < 0 || frame.get(f).type.getSort() != Type.INT) {
                continue;
            }
            boolean ok = true;
            for (int i = step + 1; i <= latch.last(); i++) {
                ok &= !throwers[i];
            }
            for (int i = 0; i < flow.size() && ok; i++) {
                ok = i == step || !writesLocal(flow.insn(i), slot) || !inside(loop, i);
            }
            if (!ok) {
                continue;
            }
            Block entry = flow.blocks().get(loop.entry);
            int store = -1;
            for (int i = entry.first(); i <= entry.last(); i++) {
                if (writesLocal(flow.insn(i), slot)) {
                    store = flow.insn(i).getOpcode() == ISTORE ? i : -1;
                }
            }
            if (store >= 0 && isReachable(store) && loopInvariant(store, 0, loop, entry, false)) {
                loop.index = slot;
                loop.start = store;
                findRebuiltIndex(loop);
            }
        }
        markMirrorWrites();
        // a loop whose index the pullback sets where it leaves needs the old value at the start to be dead; the
        // deadness of one start may rest on another loop's setting its index, so iterate down to a fixpoint
        boolean changed = true;
        while (changed) {
            changed = false;
            for (CountedLoop loop : loops) {
                if (loop.exit >= 0 && restoreNeeded(loop.start)) {
                    loop.exit = -1;
                    changed = true;
                }
            }
        }
        for (int i = 0; i < flow.size(); i++) {
            int op = flow.insn(i).getOpcode();
            if (writesMirror[i] && (op == ISTORE || op == ASTORE) && !restoreNeeded(i)) {
                writesMirror[i] = false;
            }
        }
    }

    /**
     * Whether the pullback needs the old value of the mirrored local that instruction {@code s} stores: whether,
     * walking the method backwards from {@code s} (the way the pullback runs after it), the local is read before
     * another store to it or the method's entry. A read is an instruction that loads the local, or the exit of a
     * loop whose count the pullback derives from it there; the exit of a loop whose index the pullback sets there
     * (see {@link CountedLoop#exit}) ends the walk instead. An exception handler is walked back into the
     * instructions whose exceptions it catches, as the pullback resumes there. An increment is walked through: its
     * undoing yields only what earlier reads would see.
     */
    private boolean restoreNeeded(int s) {
        int slot = ((VarInsnNode) flow.insn(s)).var;
        BitSet walked = new BitSet();
        java.util.ArrayDeque<int[]> work = new java.util.ArrayDeque<>(); // {block, instruction to walk back from}
        work.add(new int[] {flow.blockOf(s).id(), s - 1});
        while (!work.isEmpty()) {
            int[] w = work.poll();
            Block b = flow.blocks().get(w[0]);
            boolean killed = false;
            for (int i = w[1]; i >= b.first() && !killed; i--) {
                AbstractInsnNode insn = flow.insn(i);
                int op = insn.getOpcode();
                if (!isReachable(i)) {
                    continue;
                }
                if ((op == ILOAD || op == ALOAD) && ((VarInsnNode) insn).var == slot) {
                    return true;
                }
                killed = (op == ISTORE || op == ASTORE) && ((VarInsnNode) insn).var == slot;
            }
            if (killed) {
                continue;
            }
            if (b.handlerEntry()) {
                for (int t : handlerThrowers.getOrDefault(b.id(), List.of())) {
                    work.add(new int[] {flow.blockOf(t).id(), t});
                }
                continue;
            }
            for (Block p : b.predecessors()) {
                CountedLoop left = derivedLoopLeft(p.id(), b.id(), slot);
                if (left != null && left.exit < 0) {
                    return true; // the count is derived from the index here
                }
                if (left != null || walked.get(p.id())) {
                    continue;
                }
                walked.set(p.id());
                work.add(new int[] {p.id(), p.last()});
            }
        }
        return false;
    }

    /** The loop with a derived count from {@code slot} that the edge leaves, or null. */
    private CountedLoop derivedLoopLeft(int from, int to, int slot) {
        for (CountedLoop l : loops) {
            if (l.derived() && l.index == slot && l.body.get(from) && !l.body.get(to)) {
                return l;
            }
        }
        return null;
    }

    /**
     * A loop with a derived count whose index the pullback also sets, instead of restoring its old value at the
     * store on entry: the loop leaves only through its header, {@code if (index >= bound) goto out} with a bound
     * the pullback can recompute there (a constant, or a local or array length not written inside the loop, which
     * it then mirrors), and the index's old value at the start is not needed ({@link #restoreNeeded}). Where the
     * pullback enters the loop from its exit, the index is the larger of its value on entry and the bound.
     */
    private void findRebuiltIndex(CountedLoop loop) {
        Block header = flow.blocks().get(loop.header);
        for (int b = loop.body.nextSetBit(0); b >= 0; b = loop.body.nextSetBit(b + 1)) {
            for (Block s : flow.blocks().get(b).successors()) {
                if (!loop.body.get(s.id()) && b != loop.header) {
                    return;
                }
            }
        }
        int jump = lastInstruction(header);
        if (jump < 0 || flow.insn(jump).getOpcode() != IF_ICMPGE || header.successors().size() != 2) {
            return;
        }
        int iv = soleProducer(jump, 0);
        if (iv < 0 || flow.insn(iv).getOpcode() != ILOAD || ((VarInsnNode) flow.insn(iv)).var != loop.index
                || flow.blockOf(iv) != header) {
            return;
        }
        Block out = flow.blockOf(flow.indexOf(((org.objectweb.asm.tree.JumpInsnNode) flow.insn(jump)).label));
        if (out == null || loop.body.get(out.id())) {
            return; // the jump must be the way out, the fall-through the way in
        }
        if (!loopInvariant(jump, 1, loop, header, true)) {
            return;
        }
        mirrorReads(jump, 1);
        loop.exit = jump;
    }

    private boolean inside(CountedLoop loop, int i) {
        Block b = flow.blockOf(i);
        return b != null && loop.body.get(b.id());
    }

    /**
     * Whether operand {@code k} of instruction {@code i}, in {@code block} (the loop's entry or header), can be
     * recomputed by the pullback wherever it reverses the loop: integer arithmetic on constants, locals and array
     * lengths, where no local it reads is the loop's index or is written after the read in the block or anywhere
     * inside the loop. The locals must be mirrored already, or, with {@code mirrorNew}, be ones that can be.
     */
    private boolean loopInvariant(int i, int k, CountedLoop loop, Block block, boolean mirrorNew) {
        return intArithmetic(i, k, block, 0, p -> {
            AbstractInsnNode insn = flow.insn(p);
            int slot = ((VarInsnNode) insn).var;
            boolean isInt = insn.getOpcode() == ILOAD;
            int f = mirrorOf(slot);
            boolean mirrored = mirrorNew ? slot < mirrorable.length && mirrorable[slot] == (isInt ? 'I' : 'A')
                    : f >= 0 && (frame.get(f).type.getSort() == Type.INT) == isInt;
            if (!mirrored || slot == loop.index || writtenBetween(slot, p, block.last() + 1)) {
                return false;
            }
            for (int j = 0; j < flow.size(); j++) {
                if (writesLocal(flow.insn(j), slot) && inside(loop, j)) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Whether no exception thrown inside the loop can be caught outside it, or the loop can be entered there. */
    private boolean handlersInside(CountedLoop loop) {
        for (int i = 0; i < flow.size(); i++) {
            Block b = flow.blockOf(i);
            if (b == null || !loop.body.get(b.id()) || !throwers[i]) {
                continue;
            }
            for (Block h : flow.handlersOf(i)) {
                if (!loop.body.get(h.id())) {
                    return false;
                }
            }
        }
        for (int b = loop.body.nextSetBit(0); b >= 0; b = loop.body.nextSetBit(b + 1)) {
            if (b == loop.header) {
                continue;
            }
            for (int p : dispatch.get(b)) {
                if (p < 0 || !loop.body.get(p)) {
                    return false; // entered other than through the header
                }
            }
        }
        return true;
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
        if ((op == DSTORE || op == FSTORE) && adjointSlots.get(((VarInsnNode) insn).var)) {
            return true;
        }
        return refNeed[i] != null || blocked[i] != null;
    }

    public int lastInstruction(Block b) {
        for (int i = b.last(); i >= b.first(); i--) {
            if (flow.isInstruction(i)) {
                return i;
            }
        }
        return -1;
    }

    public static boolean isFloating(String descriptor) {
        return "D".equals(descriptor) || "F".equals(descriptor);
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
        String suffix = dev.adjoint.internal.bytecode.Abi.COMPANION_SUFFIX;
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
        MethodInsnNode mi = (MethodInsnNode) flow.insn(i);
        return members == null ? null : members.direct(mi.owner, mi.name, mi.desc);
    }

    /** For dumps: the tree whose root is {@code i}. */
    public ExpressionTree tree(int i) {
        return trees.get(i);
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
