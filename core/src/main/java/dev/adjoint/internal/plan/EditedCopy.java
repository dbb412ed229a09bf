package dev.adjoint.internal.plan;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.bytecode.TapeField;
import dev.adjoint.internal.bytecode.TapeMethod;
import dev.adjoint.internal.ir.Block;
import dev.adjoint.internal.ir.FlowValue;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.rules.Sym;

/**
 * A derivative method made by editing a copy of the original instructions in place, the way JaCoCo instruments:
 * the original computation stays as it is (so primal results are bit-identical), and code is inserted before and
 * after instructions. This base holds what the augmented primal (reverse mode) and the tangent method (forward
 * mode) share: the copy with the tape added as the last parameter, values kept in locals for partial derivatives,
 * symbolic partials turned into code, calls relinked, constructors and refusals.
 */
public abstract class EditedCopy implements Opcodes {

    /**
     * The helper that multiplies a sensitivity by a partial, a zero factor giving zero whatever the other
     * ({@code Tangents.term}, which tangent code uses too; it has derivative rules, for nested derivatives).
     */
    public static final String TERM_OWNER = "dev/adjoint/internal/runtime/Tangents";

    protected final DerivativePlan plan;
    protected final MethodFlow flow;
    protected final MethodNode source;
    protected final AbstractInsnNode[] copy;
    protected final InsnList out = new InsnList();
    protected final int argSize;
    /** The tape parameter, after the original parameters. */
    protected final int tape;
    protected int nextLocal;
    private final BitSet[] neededOperands;
    private final boolean[] neededResult;
    protected final int[][] operandLocal;
    private final int[] resultLocal;
    private final Map<Integer, AbstractInsnNode> replacedFirst = new HashMap<>();

    protected EditedCopy(DerivativePlan plan) {
        this.plan = plan;
        this.flow = plan.flow;
        this.source = flow.method();
        int size = Type.getArgumentsAndReturnSizes(source.desc) >> 2;
        this.argSize = (source.access & ACC_STATIC) != 0 ? size - 1 : size;
        this.tape = argSize;
        this.nextLocal = Math.max(source.maxLocals, argSize) + 1;
        int n = flow.size();
        this.copy = new AbstractInsnNode[n];
        this.neededOperands = new BitSet[n];
        this.neededResult = new boolean[n];
        this.operandLocal = new int[n][];
        this.resultLocal = new int[n];
        Arrays.fill(resultLocal, -1);
    }

    /**
     * Builds the method: copies the instructions, decides which values to keep, edits every reachable instruction,
     * then lets the subclass finish (prologue, handlers).
     */
    protected final MethodNode emit(String name, String descriptor) {
        MethodNode m = new MethodNode(ACC_PRIVATE | ACC_STATIC | ACC_SYNTHETIC, name, descriptor, null, null);
        Map<LabelNode, LabelNode> labels = new HashMap<>();
        for (int i = 0; i < flow.size(); i++) {
            if (flow.insn(i) instanceof LabelNode) {
                labels.put((LabelNode) flow.insn(i), new LabelNode());
            }
        }
        for (int i = 0; i < flow.size(); i++) {
            AbstractInsnNode c = flow.insn(i).clone(labels);
            remapLocal(c);
            copy[i] = c;
            out.add(c);
        }
        for (TryCatchBlockNode t : source.tryCatchBlocks) {
            m.tryCatchBlocks.add(new TryCatchBlockNode(labels.get(t.start), labels.get(t.end), labels.get(t.handler),
                    t.type));
        }
        for (ExpressionTree t : plan.forest().trees()) {
            for (Sym p : t.partials) {
                if (!p.isConst()) {
                    markSaved(p);
                }
            }
        }
        chooseKeptOperands();
        beforeEditing();
        for (int i = 0; i < flow.size(); i++) {
            if (plan.isReachable(i)) {
                edit(i);
            }
        }
        finish(m);
        m.instructions = out;
        m.maxLocals = nextLocal;
        return m;
    }

    /** Marks, with {@link #keepOperand}, the operands the subclass needs besides the partials' values. */
    protected abstract void chooseKeptOperands();

    /** Called once the copy exists and before instructions are edited: allocate locals. */
    protected abstract void beforeEditing();

    /** Edits instruction {@code i}. */
    protected abstract void edit(int i);

    /** Adds the prologue and the handlers. */
    protected abstract void finish(MethodNode m);

    // ---- locals ----

    private void remapLocal(AbstractInsnNode c) {
        if (c instanceof VarInsnNode && ((VarInsnNode) c).var >= argSize) {
            ((VarInsnNode) c).var++;
        } else if (c instanceof IincInsnNode && ((IincInsnNode) c).var >= argSize) {
            ((IincInsnNode) c).var++;
        }
    }

    /** @return the slot in the edited method of an original local slot */
    protected int local(int originalSlot) {
        return originalSlot >= argSize ? originalSlot + 1 : originalSlot;
    }

    protected int newLocal(Type type) {
        int l = nextLocal;
        nextLocal += type.getSize();
        return l;
    }

    // ---- values kept in locals ----

    /** Requests that operand {@code k} of instruction {@code i} be kept in a local before it runs. */
    protected void keepOperand(int i, int k) {
        if (neededOperands[i] == null) {
            neededOperands[i] = new BitSet();
        }
        neededOperands[i].set(k);
    }

    private void markSaved(Sym s) {
        if (s instanceof Sym.Saved) {
            Sym.Saved v = (Sym.Saved) s;
            if (v.operand == Sym.Saved.RESULT) {
                neededResult[v.node] = true;
            } else if (plan.constantOperand(v.node, v.operand) == null) {
                keepOperand(v.node, v.operand);
            }
        } else if (s instanceof Sym.Neg) {
            markSaved(((Sym.Neg) s).a);
        } else if (s instanceof Sym.Bin) {
            markSaved(((Sym.Bin) s).a);
            markSaved(((Sym.Bin) s).b);
        } else if (s instanceof Sym.Call) {
            for (Sym.Saved a : ((Sym.Call) s).args) {
                markSaved(a);
            }
        }
    }

    /** Stores the operands of {@code i} that are kept into locals, leaving the stack as it was. */
    protected void spillOperands(int i, InsnList before) {
        BitSet need = neededOperands[i];
        if (need == null || need.isEmpty()) {
            return;
        }
        FlowValue[] ops = flow.operands(i);
        int m = ops.length;
        int[] locals = new int[m];
        Arrays.fill(locals, -1);
        operandLocal[i] = locals;
        if (need.cardinality() == 1 && need.get(m - 1)) {
            Type t = storable(ops[m - 1].type());
            int l = newLocal(t);
            locals[m - 1] = l;
            before.add(new InsnNode(t.getSize() == 2 ? DUP2 : DUP));
            before.add(new VarInsnNode(t.getOpcode(ISTORE), l));
            return;
        }
        for (int k = m - 1; k >= 0; k--) {
            Type t = storable(ops[k].type());
            locals[k] = newLocal(t);
            before.add(new VarInsnNode(t.getOpcode(ISTORE), locals[k]));
        }
        for (int k = 0; k < m; k++) {
            Type t = storable(ops[k].type());
            before.add(new VarInsnNode(t.getOpcode(ILOAD), locals[k]));
        }
    }

    /** Keeps the result of {@code i} in a local when a partial needs it. */
    protected void spillResult(int i, InsnList after) {
        if (neededResult[i]) {
            Type t = flow.result(i).type();
            int l = newLocal(t);
            resultLocal[i] = l;
            after.add(new InsnNode(t.getSize() == 2 ? DUP2 : DUP));
            after.add(new VarInsnNode(t.getOpcode(ISTORE), l));
        }
    }

    private static Type storable(Type t) {
        return t.equals(FlowValue.NULL) ? Type.getObjectType("java/lang/Object") : t;
    }

    // ---- symbolic partials as code ----

    /** Emits the partials of a tree as code, each followed by {@code each}; shared subexpressions are computed once. */
    protected void emitPartials(ExpressionTree tree, InsnList code, PartialSink each) {
        emitPartials(tree, code, each, true);
    }

    /**
     * @param share whether a subexpression several partials use is computed once and kept in a local: not when
     *              some partials are computed only on some paths
     */
    protected void emitPartials(ExpressionTree tree, InsnList code, PartialSink each, boolean share) {
        int[] order = new int[tree.partials.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        emitPartials(tree, code, each, share, order);
    }

    /** The same, visiting the partials in the given order. */
    protected void emitPartials(ExpressionTree tree, InsnList code, PartialSink each, boolean share,
                                int[] order) {
        Map<Sym, Integer> counts = share ? DerivativePlan.referenceCounts(tree.partials) : Map.of();
        Map<Sym, Integer> materialized = new IdentityHashMap<>();
        for (int k : order) {
            Sym p = tree.partials.get(k);
            each.accept(k, p, () -> emitDouble(p, code, counts, materialized));
        }
    }

    /** What to do with each partial of a tree. */
    @FunctionalInterface
    protected interface PartialSink {
        /**
         * @param leaf    the leaf's position in the tree
         * @param partial the partial
         * @param value   pushes the partial's value on the stack when run
         */
        void accept(int leaf, Sym partial, Runnable value);
    }

    private void emitDouble(Sym s, InsnList code, Map<Sym, Integer> counts, Map<Sym, Integer> materialized) {
        Integer m = materialized.get(s);
        if (m != null) {
            code.add(new VarInsnNode(DLOAD, m));
            return;
        }
        if (s instanceof Sym.Const) {
            pushDouble(code, ((Sym.Const) s).value);
            return;
        }
        if (s instanceof Sym.Saved) {
            convert(loadSaved((Sym.Saved) s, code), Type.DOUBLE_TYPE, code);
            return;
        }
        if (s instanceof Sym.Temp) {
            code.add(new VarInsnNode(DLOAD, ((Sym.Temp) s).local));
            return;
        }
        if (s instanceof Sym.Neg) {
            emitDouble(((Sym.Neg) s).a, code, counts, materialized);
            code.add(new InsnNode(DNEG));
        } else if (s instanceof Sym.Bin) {
            Sym.Bin b = (Sym.Bin) s;
            emitDouble(b.a, code, counts, materialized);
            emitDouble(b.b, code, counts, materialized);
            code.add(operation(b));
        } else if (s instanceof Sym.Call) {
            Sym.Call c = (Sym.Call) s;
            Type[] params = Type.getArgumentTypes(c.descriptor);
            for (int k = 0; k < c.args.size(); k++) {
                convert(loadSaved(c.args.get(k), code), params[k], code);
            }
            code.add(new MethodInsnNode(INVOKESTATIC, c.owner, c.name, c.descriptor, false));
        }
        Integer count = counts.get(s);
        if (count != null && count > 1) {
            int l = newLocal(Type.DOUBLE_TYPE);
            code.add(new InsnNode(DUP2));
            code.add(new VarInsnNode(DSTORE, l));
            materialized.put(s, l);
        }
    }

    /** Loads a saved value in its own type; constants that were never saved are loaded as constants. */
    private Type loadSaved(Sym.Saved v, InsnList code) {
        if (v.operand == Sym.Saved.RESULT) {
            Type t = flow.result(v.node).type();
            code.add(new VarInsnNode(t.getOpcode(ILOAD), resultLocal[v.node]));
            return t;
        }
        Type t = flow.operands(v.node)[v.operand].type();
        Double constant = plan.constantOperand(v.node, v.operand);
        if (constant != null) {
            if (t.getSort() == Type.INT) {
                code.add(new LdcInsnNode(constant.intValue()));
            } else if (t.getSort() == Type.FLOAT) {
                code.add(new LdcInsnNode(constant.floatValue()));
            } else {
                pushDouble(code, constant);
                return Type.DOUBLE_TYPE;
            }
            return t;
        }
        code.add(new VarInsnNode(t.getOpcode(ILOAD), operandLocal[v.node][v.operand]));
        return t;
    }

    /**
     * @return the instruction of a binary operation of partials; a {@linkplain Sym#term term} calls the helper in which
     *         a zero factor gives zero whatever the other
     */
    public static AbstractInsnNode operation(Sym.Bin b) {
        switch (b.op) {
            case '+':
                return new InsnNode(DADD);
            case '-':
                return new InsnNode(DSUB);
            case '*':
                return new InsnNode(DMUL);
            case '/':
                return new InsnNode(DDIV);
            default:
                return new MethodInsnNode(INVOKESTATIC, TERM_OWNER, "term", "(DD)D", false);
        }
    }

    public static void pushDouble(InsnList code, double v) {
        if (v == 0.0 && Double.doubleToRawLongBits(v) == 0) {
            code.add(new InsnNode(DCONST_0));
        } else if (v == 1.0) {
            code.add(new InsnNode(DCONST_1));
        } else {
            code.add(new LdcInsnNode(v));
        }
    }

    protected static void convert(Type from, Type to, InsnList code) {
        if (from.getSort() == to.getSort()) {
            return;
        }
        int f = from.getSort();
        int t = to.getSort();
        if (t == Type.DOUBLE) {
            code.add(new InsnNode(f == Type.FLOAT ? F2D : f == Type.LONG ? L2D : I2D));
        } else if (t == Type.FLOAT) {
            code.add(new InsnNode(f == Type.DOUBLE ? D2F : f == Type.LONG ? L2F : I2F));
        } else if (t == Type.INT && f == Type.DOUBLE) {
            code.add(new InsnNode(D2I));
        }
    }

    // ---- replacing instructions ----

    /** Replaces the copy of instruction {@code i} by some code; returns its last node. */
    protected AbstractInsnNode replace(int i, InsnList code) {
        AbstractInsnNode old = copy[i];
        AbstractInsnNode first = code.getFirst();
        AbstractInsnNode last = code.getLast();
        out.insertBefore(old, code);
        out.remove(old);
        copy[i] = last;
        if (first != last) {
            replacedFirst.put(i, first);
        }
        return last;
    }

    /** @return the first node of the code that stands for instruction {@code i} */
    protected AbstractInsnNode firstOf(int i) {
        AbstractInsnNode replaced = replacedFirst.get(i);
        return replaced != null ? replaced : copy[i];
    }

    /** Inserts code for instruction {@code i}: before it, and after it. */
    protected void insertAround(int i, InsnList before, InsnList after) {
        AbstractInsnNode last = copy[i];
        if (before.size() > 0) {
            out.insertBefore(firstOf(i), before);
        }
        if (after.size() > 0) {
            out.insert(last, after);
        }
    }

    /**
     * Relinks a call of application code: to the same companion's method directly, or through the linker.
     *
     * @param kind  the call site kind, {@code "fwd"} or {@code "tan"}
     * @param which index into a companion member's names: 0 augmented primal, 2 tangent
     */
    protected void relinkCall(int i, String kind, int which) {
        MethodInsnNode mi = (MethodInsnNode) copy[i];
        String desc = callSiteDescriptor(mi.getOpcode(), mi.owner, mi.desc);
        String[] direct = plan.direct(i);
        InsnList call = new InsnList();
        call.add(new VarInsnNode(ALOAD, tape));
        if (direct != null) {
            call.add(new MethodInsnNode(INVOKESTATIC, plan.members.companion, direct[which], desc, false));
        } else {
            call.add(new InvokeDynamicInsnNode(kind, desc, Abi.CALL_BOOTSTRAP, mi.getOpcode(), mi.owner, mi.name,
                    mi.desc, mi.itf ? 1 : 0, plan.variedMask(i), plan.site(i)));
        }
        replace(i, call);
    }

    /** The descriptor of a linked call: the receiver typed as the owner, the arguments, the tape last. */
    public static String callSiteDescriptor(int opcode, String owner, String desc) {
        StringBuilder sb = new StringBuilder("(");
        if (opcode != INVOKESTATIC) {
            sb.append(Type.getObjectType(owner).getDescriptor());
        }
        for (Type a : Type.getArgumentTypes(desc)) {
            sb.append(a.getDescriptor());
        }
        sb.append(Abi.TAPE_DESC).append(')').append(Type.getReturnType(desc).getDescriptor());
        return sb.toString();
    }

    /**
     * The edits that make constructors work in differentiated code: {@code new C} without its constructor, the
     * call of {@code Object.<init>} dropped, stores to final fields through handles.
     *
     * @return whether instruction {@code i} was replaced
     */
    protected boolean replaceForConstruction(int i) {
        AbstractInsnNode insn = copy[i];
        if (plan.roles().allocates(i)) {
            String type = ((TypeInsnNode) insn).desc;
            InsnList code = new InsnList();
            code.add(new LdcInsnNode(Type.getObjectType(type)));
            code.add(new MethodInsnNode(INVOKESTATIC, "dev/adjoint/internal/runtime/Allocation", "allocate",
                    "(Ljava/lang/Class;)Ljava/lang/Object;", false));
            code.add(new TypeInsnNode(CHECKCAST, type));
            replace(i, code);
            return true;
        }
        if (plan.variables().role(i) == Role.OBJECT_INIT) {
            InsnList pop = new InsnList();
            pop.add(new InsnNode(POP));
            replace(i, pop);
            return true;
        }
        if (plan.roles().setsFinal(i)) {
            FieldInsnNode f = (FieldInsnNode) insn;
            InsnList set = new InsnList();
            set.add(new InvokeDynamicInsnNode("put", "(" + Type.getObjectType(f.owner).getDescriptor() + f.desc
                    + ")V", Abi.SETTER_BOOTSTRAP, f.owner, f.name));
            replace(i, set);
            return true;
        }
        return false;
    }

    /**
     * Code that throws where a construct cannot be differentiated, failing the gradient even if caught; or, for a
     * refusal that waits for the function to return, that only marks the gradient as failed.
     */
    protected void emitRefusal(InsnList code, int i) {
        Refusals refusals = plan.refusals();
        code.add(new VarInsnNode(ALOAD, tape));
        refusalArguments(code, i, refusals.reason(i), refusals.advice(i));
        code.add(new InsnNode(refusals.waitsForReturn(i) ? POP : ATHROW));
    }

    /** With the tape on the stack: the exception that also marks the gradient as failed. */
    protected void refusalArguments(InsnList code, int i, String construct, String advice) {
        code.add(new LdcInsnNode(plan.owner));
        code.add(new LdcInsnNode(source.name));
        code.add(new LdcInsnNode(flow.line(i)));
        code.add(new LdcInsnNode(construct));
        code.add(new LdcInsnNode(advice == null ? "Declare a derivative rule for the code involved "
                + "(see docs/user-guide.md), or keep values that carry derivatives away from it" : advice));
        code.add(new MethodInsnNode(INVOKESTATIC, Abi.REFUSALS, "refuse", "(" + Abi.TAPE_DESC
                + "Ljava/lang/String;Ljava/lang/String;ILjava/lang/String;Ljava/lang/String;)"
                + "Ljava/lang/RuntimeException;", false));
    }

    /** Instructions whose reference of interest is the object they leave on the stack: boxes, forwarded news. */
    protected boolean leavesObject(int i) {
        AbstractInsnNode insn = flow.insn(i);
        return plan.variables().role(i) == Role.FORWARD_NEW || insn instanceof MethodInsnNode
                && insn.getOpcode() == INVOKESTATIC && "valueOf".equals(((MethodInsnNode) insn).name);
    }

    /**
     * A static companion cannot be {@code synchronized} on the right object: the prologue locks the receiver (or
     * the host class) explicitly, and every return unlocks it. The caller releases it on exceptions.
     *
     * @return the local that holds the lock
     */
    protected int lockAndUnlockAtReturns(InsnList prologue) {
        int lock = newLocal(Type.getObjectType("java/lang/Object"));
        if ((source.access & ACC_STATIC) != 0) {
            prologue.add(new LdcInsnNode(Type.getObjectType(plan.owner)));
        } else {
            prologue.add(new VarInsnNode(ALOAD, 0));
        }
        prologue.add(new InsnNode(DUP));
        prologue.add(new VarInsnNode(ASTORE, lock));
        prologue.add(new InsnNode(MONITORENTER));
        for (AbstractInsnNode n : out.toArray()) {
            if (n.getOpcode() >= IRETURN && n.getOpcode() <= RETURN) {
                InsnList unlock = new InsnList();
                unlock.add(new VarInsnNode(ALOAD, lock));
                unlock.add(new InsnNode(MONITOREXIT));
                out.insertBefore(n, unlock);
            }
        }
        return lock;
    }

    protected int firstInstruction(Block b) {
        for (int i = b.first(); i <= b.last(); i++) {
            if (flow.isInstruction(i)) {
                return i;
            }
        }
        return -1;
    }


    // ---- the tape's stacks, cached in locals ----

    /** The three stacks of the tape: doubles, ints, references. */
    protected enum Stack {
        D(TapeField.D, TapeField.D_TOP, DASTORE, TapeMethod.GROW_D),
        I(TapeField.INTS, TapeField.I_TOP, IASTORE, TapeMethod.GROW_I),
        O(TapeField.REFS, TapeField.O_TOP, AASTORE, TapeMethod.GROW_O);

        final TapeField array;
        final TapeField top;
        final String descriptor;
        final int store;
        final TapeMethod grow;

        Stack(TapeField array, TapeField top, int store, TapeMethod grow) {
            this.array = array;
            this.top = top;
            this.descriptor = array.descriptor;
            this.store = store;
            this.grow = grow;
        }
    }

    /** Locals holding each stack's array and top: a push is an array store and an increment of a register. */
    protected final int[] stackArray = new int[3];
    protected final int[] stackTop = new int[3];

    /** A run of code between points where the tape is used by others: one capacity check covers its pushes. */
    private static final class Segment {
        final LabelNode marker = new LabelNode();
        final int[] pushes = new int[3];
    }

    private final java.util.List<Segment> segments = new java.util.ArrayList<>();
    private Segment segment;

    protected void allocateStackCache() {
        for (Stack k : Stack.values()) {
            stackArray[k.ordinal()] = newLocal(Type.getType(k.descriptor));
            stackTop[k.ordinal()] = newLocal(Type.INT_TYPE);
        }
    }

    /** Loads the stacks' arrays and tops from the tape into their locals. */
    protected void loadStacks(InsnList code) {
        for (Stack k : Stack.values()) {
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(k.array.get());
            code.add(new VarInsnNode(ASTORE, stackArray[k.ordinal()]));
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(k.top.get());
            code.add(new VarInsnNode(ISTORE, stackTop[k.ordinal()]));
        }
    }

    /** Stores the cached tops into the tape, before code that reads it: a callee, a return, a rethrow. */
    protected void writeBackTops(InsnList code) {
        for (Stack k : Stack.values()) {
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(new VarInsnNode(ILOAD, stackTop[k.ordinal()]));
            code.add(k.top.put());
        }
    }

    /**
     * At a handler: the exception may come from a callee, which pushed past the cached tops and may have grown the
     * arrays. Pushes only grow the tops, so the larger of the cached and the tape's top is the right one.
     */
    protected void reconcileStacks(InsnList code) {
        for (Stack k : Stack.values()) {
            int top = stackTop[k.ordinal()];
            code.add(new VarInsnNode(ILOAD, top));
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(k.top.get());
            code.add(new MethodInsnNode(INVOKESTATIC, "java/lang/Math", "max", "(II)I", false));
            code.add(new VarInsnNode(ISTORE, top));
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(k.array.get());
            code.add(new VarInsnNode(ASTORE, stackArray[k.ordinal()]));
        }
    }

    /** Starts a segment here; its capacity check is inserted once its pushes are counted. */
    protected void startSegment(InsnList code) {
        segment = new Segment();
        segments.add(segment);
        code.add(segment.marker);
    }

    /** Pushes the value that {@code value} leaves on the stack onto a tape stack, without a capacity check. */
    protected void push(InsnList code, Stack k, Runnable value) {
        code.add(new VarInsnNode(ALOAD, stackArray[k.ordinal()]));
        code.add(new VarInsnNode(ILOAD, stackTop[k.ordinal()]));
        value.run();
        code.add(new InsnNode(k.store));
        code.add(new org.objectweb.asm.tree.IincInsnNode(stackTop[k.ordinal()], 1));
        segment.pushes[k.ordinal()]++;
    }

    /**
     * Pushes a value with its own capacity check, outside the segment's count: for a push on a path that is
     * rarely taken, so that the segment's usual path carries no check for it. The check also makes room for every
     * push the segment counts, since this one may come before them and take a slot the segment's check reserved.
     */
    protected void pushChecked(InsnList code, Stack k, Runnable value) {
        int array = stackArray[k.ordinal()];
        int top = stackTop[k.ordinal()];
        LabelNode fits = new LabelNode();
        LdcInsnNode room = new LdcInsnNode(1);
        LdcInsnNode grow = new LdcInsnNode(1);
        checkedRooms.add(new Object[] {segment, k, room, grow});
        code.add(new VarInsnNode(ILOAD, top));
        code.add(room);
        code.add(new InsnNode(IADD));
        code.add(new VarInsnNode(ALOAD, array));
        code.add(new InsnNode(ARRAYLENGTH));
        code.add(new org.objectweb.asm.tree.JumpInsnNode(IF_ICMPLE, fits));
        code.add(new VarInsnNode(ALOAD, tape));
        code.add(new VarInsnNode(ILOAD, top));
        code.add(grow);
        code.add(k.grow.call());
        code.add(new VarInsnNode(ASTORE, array));
        code.add(fits);
        code.add(new VarInsnNode(ALOAD, array));
        code.add(new VarInsnNode(ILOAD, top));
        value.run();
        code.add(new InsnNode(k.store));
        code.add(new org.objectweb.asm.tree.IincInsnNode(top, 1));
    }

    /** Per {@link #pushChecked}: its segment, stack, and the two constants that become 1 + the segment's count. */
    private final java.util.List<Object[]> checkedRooms = new java.util.ArrayList<>();

    /** Inserts, at the start of every segment, one check that its pushes fit, growing the arrays if not. */
    protected void insertCapacityChecks() {
        for (Object[] c : checkedRooms) {
            int n = 1 + ((Segment) c[0]).pushes[((Stack) c[1]).ordinal()];
            ((LdcInsnNode) c[2]).cst = n;
            ((LdcInsnNode) c[3]).cst = n;
        }
        for (Segment g : segments) {
            InsnList check = new InsnList();
            for (Stack k : Stack.values()) {
                int n = g.pushes[k.ordinal()];
                if (n == 0) {
                    continue;
                }
                LabelNode fits = new LabelNode();
                check.add(new VarInsnNode(ILOAD, stackTop[k.ordinal()]));
                check.add(new LdcInsnNode(n));
                check.add(new InsnNode(IADD));
                check.add(new VarInsnNode(ALOAD, stackArray[k.ordinal()]));
                check.add(new InsnNode(ARRAYLENGTH));
                check.add(new org.objectweb.asm.tree.JumpInsnNode(IF_ICMPLE, fits));
                check.add(new VarInsnNode(ALOAD, tape));
                check.add(new VarInsnNode(ILOAD, stackTop[k.ordinal()]));
                check.add(new LdcInsnNode(n));
                check.add(k.grow.call());
                check.add(new VarInsnNode(ASTORE, stackArray[k.ordinal()]));
                check.add(fits);
            }
            if (check.size() > 0) {
                out.insert(g.marker, check);
            }
        }
    }
}
