package dev.adjoint.internal.reverse;

import dev.adjoint.internal.plan.DerivativePlan;
import dev.adjoint.internal.plan.Sym;
import dev.adjoint.internal.plan.Abi;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.ir.Block;
import dev.adjoint.internal.ir.FlowValue;
import dev.adjoint.internal.ir.MethodFlow;

/**
 * Writes the augmented primal {@code m$fwd(receiver, args..., Tape)} of a method by editing a copy of its
 * instructions in place: the original computation is untouched (so the primal result is bit-identical), and code
 * is inserted around active instructions to keep the values that partial derivatives need in locals and to push
 * onto the tape what the pullback will read. Every push happens after the instruction it belongs to has completed.
 */
final class AugmentedPrimalEmitter implements Opcodes {

    private final DerivativePlan plan;
    private final MethodFlow flow;
    private final MethodNode source;
    private final String name;
    private final String descriptor;
    private final AbstractInsnNode[] copy;
    private final InsnList out = new InsnList();
    private final int argSize;
    private final int tape;
    private int nextLocal;
    private int previous = -1;
    private int progress = -1;
    private final BitSet[] neededOperands;
    private final boolean[] neededResult;
    private final int[][] operandLocal;
    private final int[] resultLocal;

    AugmentedPrimalEmitter(DerivativePlan plan, String name) {
        this.plan = plan;
        this.flow = plan.flow;
        this.source = flow.method();
        this.name = name;
        this.descriptor = Abi.fwdDescriptor(plan.owner, source.access, source.desc);
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
        java.util.Arrays.fill(resultLocal, -1);
    }

    MethodNode emit() {
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
        findSpills();
        allocatePrevious();
        for (int i = 0; i < flow.size(); i++) {
            if (plan.isReachable(i)) {
                instrument(i);
            }
        }
        prologue(m);
        m.instructions = out;
        m.maxLocals = nextLocal;
        return m;
    }

    private void remapLocal(AbstractInsnNode c) {
        if (c instanceof VarInsnNode && ((VarInsnNode) c).var >= argSize) {
            ((VarInsnNode) c).var++;
        } else if (c instanceof IincInsnNode && ((IincInsnNode) c).var >= argSize) {
            ((IincInsnNode) c).var++;
        }
    }

    private int local(int originalSlot) {
        return originalSlot >= argSize ? originalSlot + 1 : originalSlot;
    }

    private int newLocal(Type type) {
        int l = nextLocal;
        nextLocal += type.getSize();
        return l;
    }

    // ---- which values to keep ----

    private void findSpills() {
        for (DerivativePlan.Tree t : plan.trees.values()) {
            for (Sym p : t.partials) {
                if (!p.isConst()) {
                    markSaved(p);
                }
            }
        }
        for (int i = 0; i < flow.size(); i++) {
            DerivativePlan.Need ref = plan.refNeed[i];
            if (ref != null && ref.kind == DerivativePlan.Need.Kind.PUSH && !pushesResult(i)) {
                operands(i).set(0);
            }
            DerivativePlan.Need idx = plan.indexNeed[i];
            if (idx != null && idx.kind == DerivativePlan.Need.Kind.PUSH) {
                operands(i).set(1);
            }
        }
    }

    /** Instructions whose taped reference is the object they leave on the stack: boxes, forwarded constructions. */
    private boolean pushesResult(int i) {
        AbstractInsnNode insn = flow.insn(i);
        return insn instanceof MethodInsnNode && (insn.getOpcode() == INVOKESTATIC
                && "valueOf".equals(((MethodInsnNode) insn).name) || plan.role[i] == DerivativePlan.Role.FORWARD_NEW);
    }

    private BitSet operands(int i) {
        if (neededOperands[i] == null) {
            neededOperands[i] = new BitSet();
        }
        return neededOperands[i];
    }

    private void markSaved(Sym s) {
        if (s instanceof Sym.Saved) {
            Sym.Saved v = (Sym.Saved) s;
            if (v.operand == Sym.Saved.RESULT) {
                neededResult[v.node] = true;
            } else if (plan.constantOperand(v.node, v.operand) == null) {
                operands(v.node).set(v.operand);
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

    // ---- per instruction ----

    private void instrument(int i) {
        AbstractInsnNode insn = copy[i];
        InsnList before = new InsnList();
        InsnList after = new InsnList();
        Block block = flow.blockOf(i);
        if (firstInstruction(block) == i) {
            emitBlockEntry(block, i, before);
        }
        if (plan.throwers[i]) {
            before.add(new LdcInsnNode(i));
            before.add(new VarInsnNode(ISTORE, progress));
        }
        String refusal = plan.blocked[i];
        if (refusal != null) {
            emitRefusal(before, i, refusal, plan.advice[i]);
        }
        spillOperands(i, before);
        if (neededResult[i]) {
            FlowValue r = flow.result(i);
            Type t = r.type();
            int l = newLocal(t);
            resultLocal[i] = l;
            after.add(new InsnNode(t.getSize() == 2 ? DUP2 : DUP));
            after.add(new VarInsnNode(t.getOpcode(ISTORE), l));
        }
        DerivativePlan.Tree tree = plan.trees.get(i);
        if (tree != null) {
            emitPartials(tree, after);
        }
        DerivativePlan.Need ref = plan.refNeed[i];
        if (ref != null && ref.kind == DerivativePlan.Need.Kind.PUSH) {
            if (pushesResult(i)) {
                after.add(new InsnNode(DUP));
                after.add(new VarInsnNode(ALOAD, tape));
                after.add(new InsnNode(SWAP));
            } else {
                after.add(new VarInsnNode(ALOAD, tape));
                after.add(new VarInsnNode(ALOAD, operandLocal[i][0]));
            }
            after.add(tapeCall("pushO", "(Ljava/lang/Object;)V"));
        }
        DerivativePlan.Need idx = plan.indexNeed[i];
        if (idx != null && idx.kind == DerivativePlan.Need.Kind.PUSH) {
            after.add(new VarInsnNode(ALOAD, tape));
            after.add(new VarInsnNode(ILOAD, operandLocal[i][1]));
            after.add(tapeCall("pushI", "(I)V"));
        }
        int op = insn.getOpcode();
        if (op >= IRETURN && op <= RETURN) {
            emitExit(i, before);
        }
        if (plan.role[i] == DerivativePlan.Role.CALL) {
            replaceCall(i);
            insn = copy[i];
        } else if (plan.allocates[i]) {
            insn = replace(i, allocation(((TypeInsnNode) insn).desc));
        } else if (plan.role[i] == DerivativePlan.Role.OBJECT_INIT) {
            InsnList pop = new InsnList();
            pop.add(new InsnNode(POP));
            insn = replace(i, pop);
        } else if (plan.setsFinal[i]) {
            FieldInsnNode f = (FieldInsnNode) insn;
            InsnList set = new InsnList();
            set.add(new InvokeDynamicInsnNode("put", "(" + Type.getObjectType(f.owner).getDescriptor() + f.desc + ")V",
                    Abi.SETTER_BOOTSTRAP, f.owner, f.name));
            insn = replace(i, set);
        }
        if (before.size() > 0) {
            out.insertBefore(firstOf(i), before);
        }
        if (after.size() > 0) {
            out.insert(insn, after);
        }
    }

    /** Replaces the copy of instruction {@code i} by some code; returns its last node. */
    private AbstractInsnNode replace(int i, InsnList code) {
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

    private final Map<Integer, AbstractInsnNode> replacedFirst = new HashMap<>();

    /** {@code new C} without its constructor: the transformed constructor chain runs on the object. */
    private static InsnList allocation(String type) {
        InsnList code = new InsnList();
        code.add(new LdcInsnNode(Type.getObjectType(type)));
        code.add(new MethodInsnNode(INVOKESTATIC, "dev/adjoint/internal/runtime/Allocation", "allocate",
                "(Ljava/lang/Class;)Ljava/lang/Object;", false));
        code.add(new TypeInsnNode(CHECKCAST, type));
        return code;
    }

    /** The node before which code for instruction {@code i} goes (a replaced call starts with the tape load). */
    private AbstractInsnNode firstOf(int i) {
        AbstractInsnNode replaced = replacedFirst.get(i);
        if (replaced != null) {
            return replaced;
        }
        AbstractInsnNode c = copy[i];
        if ((c instanceof InvokeDynamicInsnNode || c instanceof MethodInsnNode) && c.getPrevious() instanceof VarInsnNode
                && ((VarInsnNode) c.getPrevious()).var == tape && plan.role[i] == DerivativePlan.Role.CALL) {
            return c.getPrevious();
        }
        return c;
    }

    private void spillOperands(int i, InsnList before) {
        BitSet need = neededOperands[i];
        if (need == null || need.isEmpty()) {
            return;
        }
        FlowValue[] ops = flow.operands(i);
        int m = ops.length;
        int[] locals = new int[m];
        java.util.Arrays.fill(locals, -1);
        operandLocal[i] = locals;
        if (need.cardinality() == 1 && need.get(m - 1)) {
            Type t = ops[m - 1].type();
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

    private static Type storable(Type t) {
        return t.equals(FlowValue.NULL) ? Type.getObjectType("java/lang/Object") : t;
    }

    private void emitRefusal(InsnList code, int i, String construct, String advice) {
        code.add(new VarInsnNode(ALOAD, tape));
        refusalArguments(code, i, construct, advice);
        code.add(new InsnNode(ATHROW));
    }

    /** With the tape on the stack: the exception that also marks the gradient as failed. */
    private void refusalArguments(InsnList code, int i, String construct, String advice) {
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

    // ---- trees ----

    private void emitPartials(DerivativePlan.Tree tree, InsnList code) {
        Map<Sym, Integer> counts = DerivativePlan.referenceCounts(tree.partials);
        Map<Sym, Integer> materialized = new IdentityHashMap<>();
        for (Sym p : tree.partials) {
            if (p.isConst()) {
                continue;
            }
            code.add(new VarInsnNode(ALOAD, tape));
            emitDouble(p, code, counts, materialized);
            code.add(tapeCall("pushD", "(D)V"));
        }
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
            Sym.Saved v = (Sym.Saved) s;
            Type t = loadSaved(v, code);
            toDouble(t, code);
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
            code.add(new InsnNode(b.op == '+' ? DADD : b.op == '-' ? DSUB : b.op == '*' ? DMUL : DDIV));
        } else if (s instanceof Sym.Call) {
            Sym.Call c = (Sym.Call) s;
            Type[] params = Type.getArgumentTypes(c.descriptor);
            for (int k = 0; k < c.args.size(); k++) {
                Type t = loadSaved(c.args.get(k), code);
                convert(t, params[k], code);
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

    static void pushDouble(InsnList code, double v) {
        if (v == 0.0 && Double.doubleToRawLongBits(v) == 0) {
            code.add(new InsnNode(DCONST_0));
        } else if (v == 1.0) {
            code.add(new InsnNode(DCONST_1));
        } else {
            code.add(new LdcInsnNode(v));
        }
    }

    private static void toDouble(Type t, InsnList code) {
        convert(t, Type.DOUBLE_TYPE, code);
    }

    private static void convert(Type from, Type to, InsnList code) {
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

    // ---- calls ----

    private void replaceCall(int i) {
        MethodInsnNode mi = (MethodInsnNode) copy[i];
        String[] direct = plan.direct(i);
        if (direct != null) {
            InsnList call = new InsnList();
            call.add(new VarInsnNode(ALOAD, tape));
            MethodInsnNode target = new MethodInsnNode(INVOKESTATIC, plan.members.companion, direct[0],
                    callSiteDescriptor(mi.getOpcode(), mi.owner, mi.desc, true), false);
            call.add(target);
            out.insertBefore(mi, call);
            out.remove(mi);
            copy[i] = target;
            return;
        }
        String indyDesc = callSiteDescriptor(mi.getOpcode(), mi.owner, mi.desc, true);
        InvokeDynamicInsnNode indy = new InvokeDynamicInsnNode("fwd", indyDesc, Abi.CALL_BOOTSTRAP,
                mi.getOpcode(), mi.owner, mi.name, mi.desc, mi.itf ? 1 : 0, plan.variedMask(i), plan.site(i));
        InsnList call = new InsnList();
        call.add(new VarInsnNode(ALOAD, tape));
        call.add(indy);
        out.insertBefore(mi, call);
        out.remove(mi);
        copy[i] = indy;
    }

    /** The descriptor of a linked call site: the receiver typed as the owner, then the arguments, then the tape. */
    static String callSiteDescriptor(int opcode, String owner, String desc, boolean forward) {
        StringBuilder sb = new StringBuilder("(");
        if (opcode != INVOKESTATIC) {
            sb.append(Type.getObjectType(owner).getDescriptor());
        }
        if (forward) {
            for (Type a : Type.getArgumentTypes(desc)) {
                sb.append(a.getDescriptor());
            }
            sb.append(Abi.TAPE_DESC).append(')').append(Type.getReturnType(desc).getDescriptor());
        } else {
            sb.append(Abi.TAPE_DESC).append("D)V");
        }
        return sb.toString();
    }

    // ---- control flow ----

    private void allocatePrevious() {
        for (boolean b : plan.setsPrevious) {
            if (b) {
                previous = newLocal(Type.INT_TYPE);
                break;
            }
        }
        progress = newLocal(Type.INT_TYPE);
    }

    /** At the top of a block: poison the tape when a handler is entered mid-record, record where control came from. */
    private void emitBlockEntry(Block b, int first, InsnList code) {
        if (plan.poisonsOnEntry[b.id()]) {
            code.add(new VarInsnNode(ALOAD, tape));
            refusalArguments(code, first, "an exception handler that control also reaches without an exception",
                    "Restructure the method so that its handler is entered only by exceptions");
            code.add(new InsnNode(POP));
        } else if (b.handlerEntry()) {
            // which instruction threw, and whether its callee left a record of where the exception left it
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(new VarInsnNode(ILOAD, progress));
            code.add(new InsnNode(ICONST_1));
            code.add(new InsnNode(ISHL));
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(new FieldInsnNode(GETFIELD, Abi.TAPE, "unwound", "Z"));
            code.add(new InsnNode(IOR));
            code.add(tapeCall("pushI", "(I)V"));
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(new InsnNode(ICONST_0));
            code.add(new FieldInsnNode(PUTFIELD, Abi.TAPE, "unwound", "Z"));
        }
        if (plan.records[b.id()]) {
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(new VarInsnNode(ILOAD, previous));
            code.add(tapeCall("pushI", "(I)V"));
        }
        if (plan.setsPrevious[b.id()]) {
            code.add(new LdcInsnNode(b.id()));
            code.add(new VarInsnNode(ISTORE, previous));
        }
    }

    private int firstInstruction(Block b) {
        for (int i = b.first(); i <= b.last(); i++) {
            if (flow.isInstruction(i)) {
                return i;
            }
        }
        return -1;
    }

    private void emitExit(int i, InsnList code) {
        for (DerivativePlan.FrameValue f : plan.frame) {
            code.add(new VarInsnNode(ALOAD, tape));
            if (f.type.getSort() == Type.INT) {
                code.add(new VarInsnNode(ILOAD, local(f.slot)));
                code.add(tapeCall("pushI", "(I)V"));
            } else {
                code.add(new VarInsnNode(ALOAD, local(f.slot)));
                code.add(tapeCall("pushO", "(Ljava/lang/Object;)V"));
            }
        }
        if (plan.exits.size() > 1) {
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(new LdcInsnNode(flow.blockOf(i).id()));
            code.add(tapeCall("pushI", "(I)V"));
        }
    }

    private void prologue(MethodNode m) {
        InsnList pro = new InsnList();
        if (previous >= 0) {
            pro.add(new LdcInsnNode(DerivativePlan.ENTRY));
            pro.add(new VarInsnNode(ISTORE, previous));
        }
        pro.add(new InsnNode(ICONST_M1));
        pro.add(new VarInsnNode(ISTORE, progress));
        int receiver = -1;
        if ((source.access & ACC_STATIC) == 0) {
            receiver = newLocal(Type.getObjectType("java/lang/Object"));
            pro.add(new VarInsnNode(ALOAD, 0));
            pro.add(new VarInsnNode(ASTORE, receiver));
        }
        int lock = -1;
        if ((source.access & ACC_SYNCHRONIZED) != 0) {
            lock = synchronize(pro);
        }
        LabelNode start = new LabelNode();
        LabelNode end = new LabelNode();
        LabelNode handler = new LabelNode();
        pro.add(start);
        out.insert(pro);
        out.add(end);
        out.add(handler);
        abnormalExit(receiver, lock);
        m.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, null));
    }

    /**
     * The outermost handler: an exception leaves this method. Records where (the frame values, the receiver for
     * the caller's pullback, the throwing instruction and whether its callee recorded too), releases the lock of a
     * synchronized method and rethrows.
     */
    private void abnormalExit(int receiver, int lock) {
        for (DerivativePlan.FrameValue f : plan.frame) {
            out.add(new VarInsnNode(ALOAD, tape));
            if (f.type.getSort() == Type.INT) {
                out.add(new VarInsnNode(ILOAD, local(f.slot)));
                out.add(tapeCall("pushI", "(I)V"));
            } else {
                out.add(new VarInsnNode(ALOAD, local(f.slot)));
                out.add(tapeCall("pushO", "(Ljava/lang/Object;)V"));
            }
        }
        if (receiver >= 0) {
            out.add(new VarInsnNode(ALOAD, tape));
            out.add(new VarInsnNode(ALOAD, receiver));
            out.add(tapeCall("pushO", "(Ljava/lang/Object;)V"));
        }
        out.add(new VarInsnNode(ALOAD, tape));
        out.add(new VarInsnNode(ILOAD, progress));
        out.add(new InsnNode(ICONST_1));
        out.add(new InsnNode(ISHL));
        out.add(new VarInsnNode(ALOAD, tape));
        out.add(new FieldInsnNode(GETFIELD, Abi.TAPE, "unwound", "Z"));
        out.add(new InsnNode(IOR));
        out.add(tapeCall("pushI", "(I)V"));
        out.add(new VarInsnNode(ALOAD, tape));
        out.add(new InsnNode(ICONST_1));
        out.add(new FieldInsnNode(PUTFIELD, Abi.TAPE, "unwound", "Z"));
        if (lock >= 0) {
            out.add(new VarInsnNode(ALOAD, lock));
            out.add(new InsnNode(MONITOREXIT));
        }
        out.add(new InsnNode(ATHROW));
    }

    /** A static companion cannot be synchronized on the right object: lock explicitly, unlock at every return. */
    private int synchronize(InsnList pro) {
        int lock = newLocal(Type.getObjectType("java/lang/Object"));
        if ((source.access & ACC_STATIC) != 0) {
            pro.add(new LdcInsnNode(Type.getObjectType(plan.owner)));
        } else {
            pro.add(new VarInsnNode(ALOAD, 0));
        }
        pro.add(new InsnNode(DUP));
        pro.add(new VarInsnNode(ASTORE, lock));
        pro.add(new InsnNode(MONITORENTER));
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

    static MethodInsnNode tapeCall(String name, String desc) {
        return new MethodInsnNode(INVOKEVIRTUAL, Abi.TAPE, name, desc, false);
    }
}
