package dev.adjoint.internal.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.activity.Activity;
import dev.adjoint.internal.ir.Block;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.rules.CallPolicy;
import dev.adjoint.internal.rules.Rule;

/**
 * The method being planned, with the questions every stage of the planner asks of it: which instructions are
 * reachable, which value feeds an operand, which rule or call policy applies to a call, which locals an
 * instruction writes. It decides nothing; the stages do.
 */
final class MethodFacts implements Opcodes {

    final String owner;
    final MethodFlow flow;
    final Activity activity;
    final CallPolicy policy;
    /** The other methods differentiated into the same companion, or null. */
    final CompanionMembers members;
    /** Which constructors can be transformed or forwarded, or null when none may be. */
    final ConstructorAnalysis constructors;

    MethodFacts(String owner, MethodFlow flow, Activity activity, CallPolicy policy, CompanionMembers members,
                ConstructorAnalysis constructors) {
        this.owner = owner;
        this.flow = flow;
        this.activity = activity;
        this.policy = policy;
        this.members = members;
        this.constructors = constructors;
    }

    int size() {
        return flow.size();
    }

    AbstractInsnNode insn(int i) {
        return flow.insn(i);
    }

    int opcode(int i) {
        return flow.insn(i).getOpcode();
    }

    boolean isReachable(int i) {
        return flow.frame(i) != null && flow.isInstruction(i);
    }

    boolean active(int i) {
        return activity.active(i);
    }

    /** @return the single producer of operand {@code k} of {@code i}, or -1 */
    int soleProducer(int i, int k) {
        int[] ps = flow.producers(flow.operands(i)[k]);
        return ps.length == 1 ? ps[0] : -1;
    }

    /** @return the producer of operand {@code k} of {@code i} when it is one instruction, not a parameter; or -1 */
    int producingInstruction(int i, int k) {
        int p = soleProducer(i, k);
        return p < 0 || flow.isParameterNode(p) ? -1 : p;
    }

    /** @return the derivative rule of call {@code i}, or null when it is not a call or has none */
    Rule rule(int i) {
        AbstractInsnNode insn = flow.insn(i);
        if (!(insn instanceof MethodInsnNode)) {
            return null;
        }
        MethodInsnNode mi = (MethodInsnNode) insn;
        return policy.rule(mi.owner, mi.name, mi.desc);
    }

    CallPolicy.Kind callKind(int i) {
        MethodInsnNode mi = (MethodInsnNode) flow.insn(i);
        return policy.classify(mi.getOpcode(), mi.owner, mi.name, mi.desc);
    }

    /** Whether instruction {@code i} is floating-point arithmetic, or a call with a derivative rule. */
    boolean isArithmetic(int i) {
        switch (opcode(i)) {
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

    /** @return the companion names of a call's target when it is in the same companion, else null */
    String[] direct(int i) {
        MethodInsnNode mi = (MethodInsnNode) flow.insn(i);
        return members == null ? null : members.direct(mi.getOpcode(), mi.owner, mi.name, mi.desc);
    }

    boolean returnsFloating(int i) {
        AbstractInsnNode insn = flow.insn(i);
        String desc = insn instanceof MethodInsnNode ? ((MethodInsnNode) insn).desc
                : insn instanceof InvokeDynamicInsnNode ? ((InvokeDynamicInsnNode) insn).desc : null;
        if (desc == null) {
            return false;
        }
        int sort = Type.getReturnType(desc).getSort();
        return sort == Type.DOUBLE || sort == Type.FLOAT;
    }

    /** @return the value of operand {@code k} of {@code n} when a constant instruction produced it, else null */
    Double constantOperand(int n, int k) {
        int p = producingInstruction(n, k);
        if (p < 0) {
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

    /**
     * Whether operand {@code k} of instruction {@code i} is integer arithmetic computed in {@code block}: constants,
     * {@code + - *}, shifts and bitwise operations, and array lengths, over loads of locals that {@code load}
     * accepts (it is given the load's instruction).
     */
    boolean intArithmetic(int i, int k, Block block, int depth, IntPredicate load) {
        int p = producingInstruction(i, k);
        if (p < 0 || depth > 8 || flow.blockOf(p) != block) {
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

    /**
     * For a load of a {@code double} or {@code float} local: the instruction that produced the value the last store
     * before it, in its block, put there; when its block stores none before it, the value of the one store in another
     * block that reaches it ({@link #reachingStore}); -1 when the value came from elsewhere.
     */
    int storedValue(int load) {
        int slot = ((VarInsnNode) flow.insn(load)).var;
        Block b = flow.blockOf(load);
        for (int j = load - 1; j >= b.first(); j--) {
            AbstractInsnNode insn = flow.insn(j);
            int op = insn.getOpcode();
            if (op >= ISTORE && op <= ASTORE && ((VarInsnNode) insn).var == slot) {
                return op == DSTORE || op == FSTORE ? soleProducer(j, 0) : -1;
            }
        }
        int store = reachingStore(load);
        return store < 0 ? -1 : soleProducer(store, 0);
    }

    /**
     * For a load of a {@code double} or {@code float} local that its block does not store before it: the store, in
     * another block, of every value it can read (a {@code centred} set before the loop that reads it); -1 when
     * several stores, or a parameter, reach it.
     */
    int reachingStore(int load) {
        int slot = ((VarInsnNode) flow.insn(load)).var;
        Set<AbstractInsnNode> sources = flow.frame(load).getLocal(slot).sources();
        if (sources.size() != 1) {
            return -1;
        }
        int store = flow.indexOf(sources.iterator().next());
        if (store < 0 || flow.blockOf(store) == flow.blockOf(load)) {
            return -1;
        }
        int op = opcode(store);
        return op == DSTORE || op == FSTORE ? store : -1;
    }

    /**
     * Whether a path from store {@code store} to instruction {@code at}, in another block, that does not pass the
     * store's block again (where the store would be made again) can write one of the locals {@code slots}. When
     * the store's block has handlers, a pass through it could leave before the store, so that answers yes.
     */
    boolean writtenOnPaths(BitSet slots, int store, int at) {
        Block from = flow.blockOf(store);
        Block to = flow.blockOf(at);
        if (!from.handlers().isEmpty()) {
            return true;
        }
        BitSet forward = reach(from, true, from);
        BitSet backward = reach(to, false, from);
        backward.set(to.id());
        forward.and(backward);
        for (int i = store + 1; i <= from.last(); i++) {
            if (writesAny(i, slots)) {
                return true;
            }
        }
        for (Block b : flow.blocks()) {
            if (forward.get(b.id())) {
                for (int i = b.first(); i <= b.last(); i++) {
                    if (writesAny(i, slots)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean writesAny(int i, BitSet slots) {
        AbstractInsnNode insn = flow.insn(i);
        int op = insn.getOpcode();
        int slot = op >= ISTORE && op <= ASTORE ? ((VarInsnNode) insn).var
                : op == IINC ? ((IincInsnNode) insn).var : -1;
        return isReachable(i) && slot >= 0 && slots.get(slot);
    }

    /**
     * The blocks reachable from {@code start} (through jumps and handlers) when {@code forward}, or from which it is
     * reachable otherwise, without passing {@code start} again or entering {@code wall}.
     */
    private BitSet reach(Block start, boolean forward, Block wall) {
        List<List<Block>> into = forward ? null : predecessorsWithHandlers();
        BitSet seen = new BitSet();
        Deque<Block> work = new ArrayDeque<>();
        work.add(start);
        while (!work.isEmpty()) {
            Block x = work.poll();
            List<Block> next = new ArrayList<>();
            if (forward) {
                next.addAll(x.successors());
                next.addAll(x.handlers());
            } else {
                next.addAll(into.get(x.id()));
            }
            for (Block y : next) {
                if (y != start && y != wall && !seen.get(y.id())) {
                    seen.set(y.id());
                    work.add(y);
                }
            }
        }
        return seen;
    }

    private List<List<Block>> predecessorsWithHandlers() {
        List<List<Block>> into = new ArrayList<>();
        for (int k = 0; k < flow.blocks().size(); k++) {
            into.add(new ArrayList<>());
        }
        for (Block b : flow.blocks()) {
            for (Block s : b.successors()) {
                into.get(s.id()).add(b);
            }
            for (Block h : b.handlers()) {
                into.get(h.id()).add(b);
            }
        }
        return into;
    }

    /** Whether {@code insn} stores to or increments local {@code slot}. */
    static boolean writesLocal(AbstractInsnNode insn, int slot) {
        int op = insn.getOpcode();
        return op >= ISTORE && op <= ASTORE && ((VarInsnNode) insn).var == slot
                || op == IINC && ((IincInsnNode) insn).var == slot;
    }

    /** Whether local {@code slot} is written between instructions {@code from} and {@code to} (exclusive). */
    boolean writtenBetween(int slot, int from, int to) {
        for (int j = from + 1; j < to; j++) {
            if (writesLocal(flow.insn(j), slot)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any reachable instruction writes local {@code slot}. */
    boolean isAssigned(int slot) {
        for (int i = 0; i < flow.size(); i++) {
            if (isReachable(i) && writesLocal(flow.insn(i), slot)) {
                return true;
            }
        }
        return false;
    }

    /** The descriptor of the parameter held in {@code slot} on entry, or null when the slot holds none. */
    String parameterType(int slot) {
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

    /** @return whether local {@code slot} is a parameter (it needs no initial value) */
    boolean isParameterSlot(int slot) {
        MethodNode m = flow.method();
        int size = (Type.getArgumentsAndReturnSizes(m.desc) >> 2) - ((m.access & ACC_STATIC) != 0 ? 1 : 0);
        return slot < size;
    }

    /** @return the last instruction of block {@code b} (not a label, line or frame), or -1 */
    int lastInstruction(Block b) {
        for (int i = b.last(); i >= b.first(); i--) {
            if (flow.isInstruction(i)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether instruction {@code i} lies inside {@code loop}. */
    boolean inside(CountedLoop loop, int i) {
        Block b = flow.blockOf(i);
        return b != null && loop.body.get(b.id());
    }

    /** Whether {@code insn} calls code other than {@code Math}'s, which could write any array. */
    static boolean callsBeyondMath(AbstractInsnNode insn) {
        return insn instanceof InvokeDynamicInsnNode || insn instanceof MethodInsnNode mi
                && (mi.getOpcode() != INVOKESTATIC || !isMathClass(mi.owner));
    }

    static boolean isMathClass(String owner) {
        return "java/lang/Math".equals(owner) || "java/lang/StrictMath".equals(owner);
    }
}
