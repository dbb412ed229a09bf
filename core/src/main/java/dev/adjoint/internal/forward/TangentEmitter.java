package dev.adjoint.internal.forward;

import java.util.HashMap;
import java.util.Map;

import org.objectweb.asm.Type;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.bytecode.TapeField;
import dev.adjoint.internal.bytecode.TapeMethod;
import dev.adjoint.internal.ir.FlowValue;
import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.plan.AdjointTarget;
import dev.adjoint.internal.plan.DerivativePlan;
import dev.adjoint.internal.plan.EditedCopy;
import dev.adjoint.internal.plan.ExpressionTree;
import dev.adjoint.internal.plan.Role;
import dev.adjoint.internal.rules.Sym;

/**
 * Writes the tangent method {@code m$tan(receiver, args..., Tape)} of a method (forward mode, as ForwardDiff's
 * dual numbers): the original computation, and beside every active value its tangent in a local. An expression
 * tree's tangent is the sum of its leaves' tangents times the same local partials the reverse mode tapes. Tangents
 * of the arguments come in {@code Tape.argTan}, the result's leaves in {@code Tape.retTan}; tangents of the heap
 * live in shadows, like adjoints in reverse mode.
 */
public final class TangentEmitter extends EditedCopy {

    private final String name;
    private final Map<Integer, Integer> slotTangent = new HashMap<>();
    private int[] varTangent;
    private int objectTmp;

    public TangentEmitter(DerivativePlan plan, String name) {
        super(plan);
        this.name = name;
    }

    public MethodNode emit() {
        return emit(name, Abi.fwdDescriptor(plan.owner, source.access, source.desc));
    }

    @Override
    protected void chooseKeptOperands() {
        for (int i = 0; i < flow.size(); i++) {
            if (!plan.isReachable(i)) {
                continue;
            }
            int op = flow.insn(i).getOpcode();
            boolean heapRead = plan.variables().role(i) == Role.HEAP_LOAD;
            boolean heapWrite = op == DASTORE || op == FASTORE
                    || (op == PUTFIELD) && DerivativePlan.isFloating(((FieldInsnNode) flow.insn(i)).desc);
            if (heapRead || heapWrite) {
                if (op == DALOAD || op == FALOAD || op == DASTORE || op == FASTORE) {
                    keepOperand(i, 0);
                    keepOperand(i, 1);
                } else if (op == GETFIELD || op == PUTFIELD) {
                    keepOperand(i, 0);
                }
            } else if (plan.variables().role(i) == Role.UNBOX) {
                keepOperand(i, 0);
            }
        }
    }

    @Override
    protected void beforeEditing() {
        for (int k : plan.variables().slots()) {
            slotTangent.put(k, newLocal(Type.DOUBLE_TYPE));
        }
        varTangent = new int[plan.variables().count()];
        for (int v = 0; v < plan.variables().count(); v++) {
            varTangent[v] = newLocal(Type.DOUBLE_TYPE);
        }
        objectTmp = newLocal(Type.getObjectType("java/lang/Object"));
    }

    @Override
    protected void edit(int i) {
        InsnList before = new InsnList();
        InsnList after = new InsnList();
        if (plan.refusals().reason(i) != null) {
            emitRefusal(before, i);
        }
        spillOperands(i, before);
        spillResult(i, after);
        int op = flow.insn(i).getOpcode();
        Role role = plan.variables().role(i);
        ExpressionTree tree = plan.forest().tree(i);
        if (tree != null) {
            // tangent of the root: the sum over leaves of partial times the leaf's tangent
            after.add(new InsnNode(DCONST_0));
            emitPartials(tree, after, (leaf, partial, value) -> {
                loadTangent(tree.leaves.get(leaf), after);
                if (partial.isConst(1)) {
                    after.add(new InsnNode(DADD));
                } else if (partial.isConst(-1)) {
                    after.add(new InsnNode(DSUB));
                } else {
                    value.run();
                    if (partial instanceof Sym.Const) {
                        after.add(new InsnNode(DMUL));
                    } else {
                        after.add(new MethodInsnNode(INVOKESTATIC, "dev/adjoint/internal/runtime/Tangents", "term",
                                "(DD)D", false));
                    }
                    after.add(new InsnNode(DADD));
                }
            });
            after.add(new VarInsnNode(DSTORE, varTangent[plan.variables().of(i)]));
        }
        switch (role) {
            case LOCAL_TEMP:
                after.add(new VarInsnNode(DLOAD, slotTangent.get(((VarInsnNode) flow.insn(i)).var)));
                after.add(new VarInsnNode(DSTORE, varTangent[plan.variables().of(i)]));
                break;
            case HEAP_LOAD:
                shadowSlot(i, after);
                after.add(new InsnNode(DALOAD));
                after.add(new VarInsnNode(DSTORE, varTangent[plan.variables().of(i)]));
                break;
            case UNBOX:
                after.add(new VarInsnNode(ALOAD, tape));
                after.add(new VarInsnNode(ALOAD, operandLocal[i][0]));
                after.add(TapeMethod.FIELD_SHADOW.call());
                after.add(new InsnNode(ICONST_0));
                after.add(new InsnNode(DALOAD));
                after.add(new VarInsnNode(DSTORE, varTangent[plan.variables().of(i)]));
                break;
            case PHI_ZERO:
                after.add(new InsnNode(DCONST_0));
                after.add(new VarInsnNode(DSTORE, varTangent[plan.variables().of(i)]));
                break;
            case CALL:
                argumentTangents(i, before);
                if (plan.variables().of(i) >= 0) {
                    after.add(new VarInsnNode(ALOAD, tape));
                    after.add(TapeField.RET_TAN.get());
                    after.add(new VarInsnNode(DSTORE, varTangent[plan.variables().of(i)]));
                }
                break;
            case FORWARD_NEW:
                forwardedFields(i, after);
                break;
            default:
                break;
        }
        if (role == Role.NONE || role == Role.PHI_ZERO) {
            sinks(i, op, before, after);
        }
        if (role == Role.CALL) {
            relinkCall(i, "tan", 2);
        } else {
            replaceForConstruction(i);
        }
        insertAround(i, before, after);
    }

    /** Stores, returns and boxes: where tangents leave a value for a local, the heap, or the caller. */
    private void sinks(int i, int op, InsnList before, InsnList after) {
        switch (op) {
            case DSTORE:
            case FSTORE: {
                Integer t = slotTangent.get(((VarInsnNode) flow.insn(i)).var);
                if (t != null) {
                    loadTangent(plan.operandTarget(i, 0), after);
                    after.add(new VarInsnNode(DSTORE, t));
                }
                break;
            }
            case DRETURN:
            case FRETURN:
                before.add(new VarInsnNode(ALOAD, tape));
                loadTangent(plan.operandTarget(i, 0), before);
                before.add(TapeField.RET_TAN.put());
                break;
            case DASTORE:
            case FASTORE:
            case PUTFIELD:
            case PUTSTATIC:
                if (op == DASTORE || op == FASTORE || DerivativePlan.isFloating(((FieldInsnNode) flow.insn(i)).desc)) {
                    shadowSlot(i, after);
                    loadTangent(plan.operandTarget(i, op == PUTSTATIC ? 0 : op == PUTFIELD ? 1 : 2), after);
                    after.add(new InsnNode(DASTORE));
                }
                break;
            case INVOKESTATIC:
                if (plan.recovery().reference(i) != null) { // a box of a value that carries a tangent
                    after.add(new InsnNode(DUP));
                    after.add(new VarInsnNode(ASTORE, objectTmp));
                    after.add(new VarInsnNode(ALOAD, tape));
                    after.add(new VarInsnNode(ALOAD, objectTmp));
                    after.add(TapeMethod.FIELD_SHADOW.call());
                    after.add(new InsnNode(ICONST_0));
                    loadTangent(plan.operandTarget(i, 0), after);
                    after.add(new InsnNode(DASTORE));
                }
                break;
            default:
                break;
        }
    }

    /** Pushes the shadow array and the slot of a heap access, from the operands kept before it. */
    private void shadowSlot(int i, InsnList code) {
        int op = flow.insn(i).getOpcode();
        if (op == GETSTATIC || op == PUTSTATIC) {
            FieldInsnNode f = (FieldInsnNode) flow.insn(i);
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(Abi.slotConstant(f.owner, f.name, true));
            code.add(TapeMethod.STATIC_SHADOW.call());
            code.add(Abi.slotConstant(f.owner, f.name, true));
        } else if (op == GETFIELD || op == PUTFIELD) {
            FieldInsnNode f = (FieldInsnNode) flow.insn(i);
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(new VarInsnNode(ALOAD, operandLocal[i][0]));
            code.add(TapeMethod.FIELD_SHADOW.call());
            code.add(Abi.slotConstant(f.owner, f.name, false));
        } else {
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(new VarInsnNode(ALOAD, operandLocal[i][0]));
            code.add(TapeMethod.ARRAY_SHADOW.call());
            code.add(new VarInsnNode(ILOAD, operandLocal[i][1]));
        }
    }

    /** Before a call: the tangents of its floating-point arguments, and a zero result tangent by default. */
    private void argumentTangents(int i, InsnList code) {
        MethodInsnNode mi = (MethodInsnNode) flow.insn(i);
        FlowValue[] ops = flow.operands(i);
        int first = mi.getOpcode() == INVOKESTATIC ? 0 : 1;
        for (int k = first; k < ops.length; k++) {
            if (!ops[k].isFloating()) {
                continue;
            }
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(TapeField.ARG_TAN.get());
            code.add(new LdcInsnNode(k - first));
            loadTangent(plan.operandTarget(i, k), code);
            code.add(new InsnNode(DASTORE));
        }
        code.add(new VarInsnNode(ALOAD, tape));
        code.add(new InsnNode(DCONST_0));
        code.add(TapeField.RET_TAN.put());
    }

    /** After a constructor that copies parameters into fields: the fields' tangents are the arguments'. */
    private void forwardedFields(int i, InsnList code) {
        String[] to = plan.roles().forwards(i);
        code.add(new InsnNode(DUP));
        code.add(new VarInsnNode(ASTORE, objectTmp));
        for (int k = 0; k < to.length; k++) {
            if (to[k] == null) {
                continue;
            }
            int dot = to[k].lastIndexOf('.');
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(new VarInsnNode(ALOAD, objectTmp));
            code.add(TapeMethod.FIELD_SHADOW.call());
            code.add(Abi.slotConstant(to[k].substring(0, dot), to[k].substring(dot + 1), false));
            loadTangent(plan.operandTarget(i, plan.forwardedOperand(i, k)), code);
            code.add(new InsnNode(DASTORE));
        }
    }

    private void loadTangent(AdjointTarget t, InsnList code) {
        if (t == null) {
            code.add(new InsnNode(DCONST_0));
        } else if (t.slot) {
            code.add(new VarInsnNode(DLOAD, slotTangent.get(t.id)));
        } else {
            code.add(new VarInsnNode(DLOAD, varTangent[t.id]));
        }
    }

    @Override
    protected void finish(MethodNode m) {
        InsnList pro = new InsnList();
        for (int t : slotTangent.values()) {
            pro.add(new InsnNode(DCONST_0));
            pro.add(new VarInsnNode(DSTORE, t));
        }
        for (int t : varTangent) {
            pro.add(new InsnNode(DCONST_0));
            pro.add(new VarInsnNode(DSTORE, t));
        }
        pro.add(new InsnNode(ACONST_NULL));
        pro.add(new VarInsnNode(ASTORE, objectTmp));
        // the tangents of the floating-point parameters, passed by the caller
        Type[] args = Type.getArgumentTypes(source.desc);
        int slot = (source.access & ACC_STATIC) == 0 ? 1 : 0;
        for (int j = 0; j < args.length; j++) {
            Integer t = slotTangent.get(slot);
            if (t != null && (args[j].getSort() == Type.DOUBLE || args[j].getSort() == Type.FLOAT)) {
                pro.add(new VarInsnNode(ALOAD, tape));
                pro.add(TapeField.ARG_TAN.get());
                pro.add(new LdcInsnNode(j));
                pro.add(new InsnNode(DALOAD));
                pro.add(new VarInsnNode(DSTORE, t));
            }
            slot += args[j].getSize();
        }
        if ((source.access & ACC_SYNCHRONIZED) != 0) {
            synchronize(m, pro);
        }
        out.insert(pro);
    }

    /** Synchronized methods: the lock taken in the prologue is released at returns and by this handler. */
    private void synchronize(MethodNode m, InsnList pro) {
        int lock = lockAndUnlockAtReturns(pro);
        org.objectweb.asm.tree.LabelNode start = new org.objectweb.asm.tree.LabelNode();
        org.objectweb.asm.tree.LabelNode end = new org.objectweb.asm.tree.LabelNode();
        org.objectweb.asm.tree.LabelNode handler = new org.objectweb.asm.tree.LabelNode();
        pro.add(start);
        out.add(end);
        out.add(handler);
        out.add(new VarInsnNode(ALOAD, lock));
        out.add(new InsnNode(MONITOREXIT));
        out.add(new InsnNode(ATHROW));
        m.tryCatchBlocks.add(new org.objectweb.asm.tree.TryCatchBlockNode(start, end, handler, null));
    }
}
