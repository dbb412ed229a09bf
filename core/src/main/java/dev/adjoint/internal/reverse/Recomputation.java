package dev.adjoint.internal.reverse;

import java.util.Map;
import java.util.function.IntUnaryOperator;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.ir.FlowValue;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.plan.DerivativePlan;
import dev.adjoint.internal.plan.EditedCopy;
import dev.adjoint.internal.rules.Sym;

/**
 * Computes again, in the pullback, values the primal had and did not tape: a partial from the frozen input (see
 * {@code DerivativePlan.remat}), and an integer (an index, a bound, an entry value) from the locals the pullback
 * mirrors and constants.
 */
final class Recomputation implements Opcodes {

    private final DerivativePlan plan;
    private final MethodFlow flow;
    private final InsnList out;
    /** Per frame entry: the local the pullback keeps it in, and the local of its array's copy (or -1). */
    private final int[] frameLocal;
    private final int[] snapshotLocal;
    /** Allocates a local of the given size in the pullback. */
    private final IntUnaryOperator newLocal;

    Recomputation(DerivativePlan plan, InsnList out, int[] frameLocal, int[] snapshotLocal,
            IntUnaryOperator newLocal) {
        this.plan = plan;
        this.flow = plan.flow;
        this.out = out;
        this.frameLocal = frameLocal;
        this.snapshotLocal = snapshotLocal;
        this.newLocal = newLocal;
    }

    /** Pushes the value of a partial, computed again from the frozen input (see {@code DerivativePlan.remat}). */
    void partial(Sym s, Map<Integer, Integer> values, Map<Integer, Integer> arrays) {
        if (s instanceof Sym.Const) {
            EditedCopy.pushDouble(out, ((Sym.Const) s).value);
        } else if (s instanceof Sym.Saved) {
            Sym.Saved v = (Sym.Saved) s;
            toDouble(value(v.operand == Sym.Saved.RESULT ? v.node : plan.soleProducer(v.node, v.operand),
                    values, arrays));
        } else if (s instanceof Sym.Neg) {
            partial(((Sym.Neg) s).a, values, arrays);
            out.add(new InsnNode(DNEG));
        } else if (s instanceof Sym.Bin) {
            Sym.Bin b = (Sym.Bin) s;
            partial(b.a, values, arrays);
            partial(b.b, values, arrays);
            out.add(EditedCopy.operation(b));
        } else {
            Sym.Call c = (Sym.Call) s;
            Type[] params = Type.getArgumentTypes(c.descriptor);
            for (int k = 0; k < c.args.size(); k++) {
                Sym.Saved a = c.args.get(k);
                Type t = value(a.operand == Sym.Saved.RESULT ? a.node : plan.soleProducer(a.node, a.operand),
                        values, arrays);
                if (t.getSort() != params[k].getSort()) {
                    toDouble(t);
                    if (params[k].getSort() == Type.FLOAT) {
                        out.add(new InsnNode(D2F));
                    }
                }
            }
            out.add(new MethodInsnNode(INVOKESTATIC, c.owner, c.name, c.descriptor, false));
        }
    }

    /**
     * Pushes, computed again, the value that instruction {@code p} produced; returns its type. Each value is
     * computed once per tree ({@code values}: instruction to local), each array cast once ({@code arrays}).
     */
    private Type value(int p, Map<Integer, Integer> values, Map<Integer, Integer> arrays) {
        AbstractInsnNode insn = flow.insn(p);
        int op = insn.getOpcode();
        if (op == DLOAD || op == FLOAD) {
            return value(plan.storedValue(p), values, arrays);
        }
        Type type = op == INVOKESTATIC ? Type.getReturnType(((MethodInsnNode) insn).desc) : flow.result(p).type();
        Integer kept = values.get(p);
        if (kept != null) {
            out.add(new VarInsnNode(type.getOpcode(ILOAD), kept));
            return type;
        }
        switch (op) {
            case DALOAD:
            case FALOAD: {
                int f = plan.frame().entryOf(((VarInsnNode) flow.insn(plan.soleProducer(p, 0))).var);
                Integer array = arrays.get(f);
                if (array == null) {
                    array = newLocal.applyAsInt(1);
                    arrays.put(f, array);
                    out.add(new VarInsnNode(ALOAD, snapshotLocal[f] >= 0 ? snapshotLocal[f] : frameLocal[f]));
                    out.add(new TypeInsnNode(CHECKCAST, op == DALOAD ? "[D" : "[F"));
                    out.add(new VarInsnNode(ASTORE, array));
                }
                out.add(new VarInsnNode(ALOAD, array));
                integer(plan.soleProducer(p, 1));
                out.add(new InsnNode(op));
                break;
            }
            case I2D:
            case I2F:
                integer(plan.soleProducer(p, 0));
                out.add(new InsnNode(op));
                break;
            case INVOKESTATIC: {
                FlowValue[] ops = flow.operands(p);
                for (int k = 0; k < ops.length; k++) {
                    if (ops[k].isFloating()) {
                        value(plan.soleProducer(p, k), values, arrays);
                    } else {
                        integer(plan.soleProducer(p, k));
                    }
                }
                out.add(insn.clone(null));
                break;
            }
            default:
                for (int k = 0; k < flow.operands(p).length; k++) { // arithmetic and conversions
                    value(plan.soleProducer(p, k), values, arrays);
                }
                out.add(insn.clone(null));
                break;
        }
        if (flow.operands(p).length > 0) {
            int l = newLocal.applyAsInt(type.getSize());
            values.put(p, l);
            out.add(new InsnNode(type.getSize() == 2 ? DUP2 : DUP));
            out.add(new VarInsnNode(type.getOpcode(ISTORE), l));
        }
        return type;
    }

    private void toDouble(Type t) {
        if (t.getSort() == Type.FLOAT) {
            out.add(new InsnNode(F2D));
        } else if (t.getSort() == Type.INT) {
            out.add(new InsnNode(I2D));
        }
    }

    /** Recomputes, from mirrored locals and constants, the integer an instruction produced in the primal. */
    void integer(int p) {
        AbstractInsnNode insn = flow.insn(p);
        int op = insn.getOpcode();
        switch (op) {
            case ILOAD:
                out.add(new VarInsnNode(ILOAD, frameLocal[plan.frame().entryOf(((VarInsnNode) insn).var)]));
                return;
            case ALOAD:
                out.add(new VarInsnNode(ALOAD, frameLocal[plan.frame().entryOf(((VarInsnNode) insn).var)]));
                return;
            case ARRAYLENGTH:
                integer(plan.soleProducer(p, 0));
                out.add(new TypeInsnNode(CHECKCAST, flow.operands(p)[0].type().getInternalName()));
                out.add(new InsnNode(ARRAYLENGTH));
                return;
            default:
                if (op >= IADD && op <= IXOR) {
                    integer(plan.soleProducer(p, 0));
                    integer(plan.soleProducer(p, 1));
                    out.add(new InsnNode(op));
                } else {
                    out.add(insn.clone(null)); // an integer constant
                }
        }
    }
}
