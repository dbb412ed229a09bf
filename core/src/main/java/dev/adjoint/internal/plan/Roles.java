package dev.adjoint.internal.plan;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.bytecode.Lambdas;
import dev.adjoint.internal.ir.Block;
import dev.adjoint.internal.ir.FlowValue;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.rules.CallPolicy;

/**
 * The first stage of the planner: the part each instruction plays in the derivative ({@link Role}). Active
 * arithmetic becomes the interior or the root of an expression DAG inside its block; reads of the heap, unboxings
 * and linked calls get adjoints of their own; a local read only inside its block is a copy inside a DAG; a repeated
 * read of the same element or field is an alias of the first; constructor calls and lambdas that only store their
 * arguments are forwarded.
 */
public final class Roles implements Opcodes {

    private final MethodFacts m;
    final Role[] role;
    /** Per {@link Role#ALIAS}: the read it repeats. */
    final Map<Integer, Integer> aliasOf = new LinkedHashMap<>();
    /** Per {@code new} instruction: whether the object is allocated without a constructor (transformed chain). */
    final boolean[] allocates;
    /** Per {@code putfield}: whether it sets a final field, which needs a handle from a companion. */
    final boolean[] setsFinal;
    /** Per {@link Role#FORWARD_NEW}: the fields the constructor or lambda stores its operands into. */
    final Map<Integer, String[]> forwards = new LinkedHashMap<>();
    /** Per instruction: whether it is a store to a local read only in its block, or a read of such a store. */
    private final boolean[] copy;

    /** @return whether {@code new} instruction {@code i} allocates without a constructor (a transformed chain) */
    public boolean allocates(int i) {
        return allocates[i];
    }

    /** @return whether {@code putfield} instruction {@code i} sets a final field, which needs a handle */
    public boolean setsFinal(int i) {
        return setsFinal[i];
    }

    /**
     * @return for a {@link Role#FORWARD_NEW} instruction {@code i}, the fields ({@code owner.name}) its constructor
     *         sets from its parameters, in parameter order (null where it sets none); else null
     */
    public String[] forwards(int i) {
        String[] to = forwards.get(i);
        return to == null ? null : to.clone();
    }

    /** The deepest chain of nodes an expression DAG may hold through copies of locals (see cutDeepChains). */
    private static final int MAX_DAG_DEPTH = 500;
    /** The fewest arithmetic nodes of a local's expression that several DAGs read for it to stay a local. */
    private static final int SHARED_EXPRESSION_SIZE = 16;

    Roles(MethodFacts m) {
        this.m = m;
        int n = m.size();
        this.role = new Role[n];
        Arrays.fill(role, Role.NONE);
        this.allocates = new boolean[n];
        this.setsFinal = new boolean[n];
        this.copy = findCopies();
        assignArithmeticAndReads();
        assignCalls();
        assignConstructorRoles();
        mergeEqualLoads();
        assignLocalLoads();
    }

    private void assignArithmeticAndReads() {
        for (int i = 0; i < m.size(); i++) {
            if (!m.isReachable(i) || !m.active(i)) {
                continue;
            }
            AbstractInsnNode insn = m.insn(i);
            int op = insn.getOpcode();
            if (m.isArithmetic(i)) {
                role[i] = usesInternal(i, copy) ? Role.INTERIOR : Role.ROOT;
            } else if (copy[i]) {
                role[i] = Role.COPY;
            } else if (op == DALOAD || op == FALOAD || op == GETFIELD || op == GETSTATIC) {
                role[i] = Role.HEAP_LOAD;
            } else if (insn instanceof MethodInsnNode) {
                CallPolicy.Kind kind = m.callKind(i);
                if (kind == CallPolicy.Kind.UNBOX) {
                    role[i] = Role.UNBOX;
                } else if (kind == CallPolicy.Kind.LINKED) {
                    role[i] = Role.CALL;
                }
            }
        }
    }

    /** Calls are linked whether or not their result is active: they may change the heap. */
    private void assignCalls() {
        for (int i = 0; i < m.size(); i++) {
            if (m.isReachable(i) && m.insn(i) instanceof MethodInsnNode && role[i] == Role.NONE
                    && m.callKind(i) == CallPolicy.Kind.LINKED) {
                role[i] = Role.CALL;
            }
        }
    }

    /** Loads of locals, once the DAGs are known: read by the DAG directly, or through a variable of their own. */
    private void assignLocalLoads() {
        int[] reach = lastRootReached();
        for (int i = 0; i < m.size(); i++) {
            if (!m.isReachable(i) || !m.active(i) || role[i] == Role.COPY) {
                continue;
            }
            int op = m.opcode(i);
            if (op == DLOAD || op == FLOAD) {
                role[i] = foldsIntoTree(i, reach[i]) ? Role.SLOT_LEAF : Role.LOCAL_TEMP;
            }
        }
    }

    /**
     * Finds stores of floating-point locals whose every read is in the same block and feeds expressions there: the
     * local is then only a name inside an expression DAG. Decided by shrinking a set of candidates to a fixpoint,
     * since a read is internal when its consumers are arithmetic or other such stores.
     */
    private boolean[] findCopies() {
        MethodFlow flow = m.flow;
        int n = m.size();
        boolean[] candidate = new boolean[n];
        for (int s = 0; s < n; s++) {
            int op = m.opcode(s);
            if (!m.isReachable(s) || !m.active(s) || (op != DSTORE && op != FSTORE)) {
                continue;
            }
            int p = m.soleProducer(s, 0);
            List<MethodFlow.Use> uses = flow.uses(s);
            boolean ok = p >= 0 && !flow.isParameterNode(p) && flow.blockOf(p) == flow.blockOf(s) && !uses.isEmpty();
            for (MethodFlow.Use u : uses) {
                int l = u.consumer;
                ok &= l > s && flow.blockOf(l) == flow.blockOf(s) && m.soleProducer(l, 0) == s;
            }
            candidate[s] = ok;
        }
        shrinkToFixpoint(candidate);
        cutDeepChains(candidate);
        keepSharedExpressions(candidate);
        shrinkToFixpoint(candidate);
        boolean[] copies = new boolean[n];
        for (int s = 0; s < n; s++) {
            if (candidate[s]) {
                copies[s] = true;
                for (MethodFlow.Use u : flow.uses(s)) {
                    copies[u.consumer] = true;
                }
            }
        }
        return copies;
    }

    /** Drops the candidates with a read that does not feed an expression DAG, until none is left to drop. */
    private void shrinkToFixpoint(boolean[] candidate) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int s = 0; s < candidate.length; s++) {
                if (!candidate[s]) {
                    continue;
                }
                for (MethodFlow.Use u : m.flow.uses(s)) {
                    if (!usesInternal(u.consumer, candidate)) {
                        candidate[s] = false;
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    /**
     * Keeps a local a local where the chain of expressions and copies that ends at its store is deeper than
     * {@link #MAX_DAG_DEPTH}: a long straight-line method of running sums would otherwise be a single DAG, as deep
     * as the method is long, which the stages that walk DAGs recursively cannot hold on the stack.
     */
    private void cutDeepChains(boolean[] candidate) {
        int[] depth = new int[candidate.length];
        for (int i = 0; i < candidate.length; i++) {
            int op = m.opcode(i);
            boolean inChain = m.isReachable(i) && (m.isArithmetic(i) || candidate[i] || op == DLOAD || op == FLOAD);
            if (!inChain) {
                continue;
            }
            int below = 0;
            for (int k = 0; k < m.flow.operands(i).length; k++) {
                int p = m.producingInstruction(i, k);
                if (p >= 0 && p < i && m.flow.blockOf(p) == m.flow.blockOf(i)) {
                    below = Math.max(below, depth[p]);
                }
            }
            depth[i] = below + 1;
            if (candidate[i] && depth[i] > MAX_DAG_DEPTH) {
                candidate[i] = false;
                depth[i] = 0;
            }
        }
    }

    /**
     * Keeps a local a local where its expression is large and the DAGs of more than one root read it: each DAG's
     * partials with respect to its leaves would otherwise be taken through the whole expression again, once per
     * root. EJML's {@code inv4} divides each of its 16 minors by a determinant made of four of them, and the 16 DAGs
     * that held the determinant taped 272 partials of 30 to 60 operations each, for a primal of about 200; kept as
     * locals, the minors and the determinant are DAGs of their own, and each entry's DAG has two leaves.
     */
    private void keepSharedExpressions(boolean[] candidate) {
        int[] size = expressionSizes(candidate);
        int[] roots = new int[candidate.length];
        int[] seenFrom = new int[candidate.length];
        Arrays.fill(seenFrom, -1);
        for (int r = 0; r < candidate.length; r++) {
            if (m.isReachable(r) && m.active(r) && m.isArithmetic(r) && !usesInternal(r, candidate)) {
                countStoresReached(r, candidate, roots, seenFrom);
            }
        }
        for (int s = 0; s < candidate.length; s++) {
            if (candidate[s] && roots[s] > 1 && size[s] >= SHARED_EXPRESSION_SIZE) {
                candidate[s] = false;
            }
        }
    }

    /**
     * Per node: how many arithmetic nodes its expression holds within its block, through copies of locals (a
     * node shared inside the expression counts once per use, as the partials taken through it do).
     */
    private int[] expressionSizes(boolean[] candidate) {
        int[] size = new int[candidate.length];
        for (int i = 0; i < candidate.length; i++) {
            int op = m.opcode(i);
            boolean arithmetic = m.isReachable(i) && m.isArithmetic(i);
            if (!arithmetic && !candidate[i] && op != DLOAD && op != FLOAD) {
                continue;
            }
            long sum = arithmetic ? 1 : 0;
            for (int k = 0; k < m.flow.operands(i).length; k++) {
                int p = m.producingInstruction(i, k);
                int read = p < 0 ? -1 : m.opcode(p);
                if (p >= 0 && p < i && m.flow.blockOf(p) == m.flow.blockOf(i)
                        && (m.isArithmetic(p) || candidate[p] || read == DLOAD || read == FLOAD)) {
                    sum += size[p];
                }
            }
            size[i] = (int) Math.min(sum, Integer.MAX_VALUE);
        }
        return size;
    }

    /** Counts, for each candidate store that root's DAG reads through copies, one more root that reads it. */
    private void countStoresReached(int root, boolean[] candidate, int[] roots, int[] seenFrom) {
        ArrayDeque<Integer> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            int at = pending.pop();
            for (int k = 0; k < m.flow.operands(at).length; k++) {
                int p = m.producingInstruction(at, k);
                if (p < 0 || seenFrom[p] == root || m.flow.blockOf(p) != m.flow.blockOf(root)) {
                    continue;
                }
                seenFrom[p] = root;
                int op = m.opcode(p);
                if (candidate[p]) {
                    roots[p]++;
                    pending.push(p);
                } else if (op == DLOAD || op == FLOAD || m.isArithmetic(p) && usesInternal(p, candidate)) {
                    pending.push(p);
                }
            }
        }
    }

    /** Whether every consumer of node {@code i} is in its block and takes it into an expression DAG. */
    private boolean usesInternal(int i, boolean[] copyStores) {
        MethodFlow flow = m.flow;
        List<MethodFlow.Use> uses = flow.uses(i);
        if (uses.isEmpty()) {
            return false;
        }
        for (MethodFlow.Use u : uses) {
            int c = u.consumer;
            boolean dagConsumer = m.active(c) && m.isArithmetic(c) || copyStores[c];
            if (!dagConsumer || flow.blockOf(c) != flow.blockOf(i) || m.soleProducer(c, u.operand) != i) {
                return false;
            }
        }
        return true;
    }

    /**
     * Merges reads of the same array element or field in a block, with nothing between them that could write the
     * heap: later reads become aliases of the first, which alone tapes its index and moves the adjoint.
     */
    private void mergeEqualLoads() {
        for (Block b : m.flow.blocks()) {
            if (!b.reachable()) {
                continue;
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int i = b.first(); i <= b.last(); i++) {
                if (!m.isReachable(i)) {
                    continue;
                }
                AbstractInsnNode insn = m.insn(i);
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

    /** Whether instruction {@code i} may write a floating-point array or field (calls may write anything). */
    private boolean writesHeap(int i) {
        AbstractInsnNode insn = m.insn(i);
        int op = insn.getOpcode();
        if (op == DASTORE || op == FASTORE || op == PUTFIELD || op == PUTSTATIC || op == INVOKEDYNAMIC) {
            return true;
        }
        return insn instanceof MethodInsnNode && m.rule(i) == null;
    }

    /**
     * A key that two operands share only if they hold the same value: built from constants, reads of locals with
     * the same reaching stores, and integer arithmetic on such keys; {@code "?"} when unknown.
     */
    private String valueKey(int i, int k) {
        MethodFlow flow = m.flow;
        int p = m.soleProducer(i, k);
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
                return "L" + ((VarInsnNode) insn).var + Arrays.toString(flow.producers(flow.operands(p)[0]));
            case ICONST_M1: case ICONST_0: case ICONST_1: case ICONST_2: case ICONST_3: case ICONST_4:
            case ICONST_5: case BIPUSH: case SIPUSH:
                return "c" + m.constantOperand(i, k).intValue();
            case IADD: case ISUB: case IMUL: case ISHL:
                return "(" + op + " " + valueKey(p, 0) + " " + valueKey(p, 1) + ")";
            default:
                return "?";
        }
    }

    /** Per node inside a DAG: the last root whose DAG contains it (the latest point its value is needed). */
    private int[] lastRootReached() {
        int n = m.size();
        int[] reach = new int[n];
        Arrays.fill(reach, -1);
        for (int r = 0; r < n; r++) {
            if (role[r] == Role.ROOT) {
                markReach(r, r, reach);
            }
        }
        return reach;
    }

    /**
     * Marks the nodes of root's DAG below {@code node}. A worklist, not recursion: a chain of a long straight-line
     * method (a running sum over a thousand statements) is as deep as the method is long.
     */
    private void markReach(int node, int root, int[] reach) {
        ArrayDeque<Integer> pending = new ArrayDeque<>();
        pending.push(node);
        while (!pending.isEmpty()) {
            int at = pending.pop();
            FlowValue[] ops = m.flow.operands(at);
            for (int k = 0; k < ops.length; k++) {
                int p = m.producingInstruction(at, k);
                if (p < 0 || reach[p] >= root) {
                    continue;
                }
                reach[p] = root;
                int op = m.opcode(p);
                if (role[p] == Role.INTERIOR || role[p] == Role.COPY || op == DLOAD || op == FLOAD) {
                    pending.push(p);
                }
            }
        }
    }

    /**
     * Whether load {@code i} can add its adjoint straight into its slot's adjoint when the DAGs that read it are
     * reversed: its consumers are all inside DAGs, and nothing stores to the slot before the last of their roots.
     */
    private boolean foldsIntoTree(int i, int lastRoot) {
        if (lastRoot < 0 || !usesInternal(i, copy)) {
            return false;
        }
        int slot = ((VarInsnNode) m.insn(i)).var;
        for (int j = i + 1; j < lastRoot; j++) {
            AbstractInsnNode insn = m.insn(j);
            int op = insn.getOpcode();
            if (op >= ISTORE && op <= ASTORE && ((VarInsnNode) insn).var == slot) {
                return false;
            }
        }
        return true;
    }

    /** Constructor calls: {@code new C(...)} sites, and the super or this call inside a constructor. */
    private void assignConstructorRoles() {
        MethodFlow flow = m.flow;
        boolean inConstructor = "<init>".equals(flow.method().name);
        for (int i = 0; i < m.size(); i++) {
            if (m.isReachable(i) && Lambdas.isProxySite(m.insn(i))) {
                assignLambdaRole(i);
                continue;
            }
            if (!m.isReachable(i) || m.opcode(i) != INVOKESPECIAL) {
                continue;
            }
            MethodInsnNode mi = (MethodInsnNode) m.insn(i);
            if (!"<init>".equals(mi.name)) {
                continue;
            }
            if (inConstructor && ConstructorAnalysis.receiverIsThis(flow, i)) {
                role[i] = "java/lang/Object".equals(mi.owner) ? Role.OBJECT_INIT : Role.CALL;
                continue;
            }
            if (CallPolicy.isJdk(mi.owner) || m.constructors == null) {
                continue;
            }
            int n = m.producingInstruction(i, 0);
            if (n < 0 || m.opcode(n) != NEW) {
                continue;
            }
            ConstructorAnalysis.Result r = m.constructors.analyze(mi.owner, mi.desc);
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
        if (m.constructors != null) {
            // a constructor's stores to its final fields, and in differentiated derivative code the stores that
            // constructor companions made through setters
            for (int i = 0; i < m.size(); i++) {
                if (m.isReachable(i) && m.opcode(i) == PUTFIELD) {
                    FieldInsnNode f = (FieldInsnNode) m.insn(i);
                    setsFinal[i] = (!inConstructor || f.owner.equals(m.owner))
                            && m.constructors.isFinalField(f.owner, f.name);
                }
            }
        }
    }

    /**
     * A lambda created here captures its values into the fields {@code c0, c1, ...} of the class that stands for
     * it: like a constructor that stores its parameters, the fields' derivatives go back to the captured values.
     */
    private void assignLambdaRole(int i) {
        FlowValue[] ops = m.flow.operands(i);
        String proxy = Lambdas.proxyOf(m.insn(i));
        String[] to = new String[ops.length];
        boolean any = false;
        for (int k = 0; k < ops.length; k++) {
            if (ops[k].isFloating()) {
                to[k] = proxy + ".c" + k;
                for (int p : m.flow.producers(ops[k])) {
                    any |= m.activity.varied(p);
                }
            }
        }
        if (any) {
            role[i] = Role.FORWARD_NEW;
            forwards.put(i, to);
        }
    }
}
