package dev.adjoint.internal.reverse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.adjoint.Partial;
import dev.adjoint.internal.adjoint.Statement;
import dev.adjoint.internal.adjoint.Statement.CallSite;
import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.bytecode.TapeField;
import dev.adjoint.internal.plan.EditedCopy;
import dev.adjoint.internal.plan.Recovery;
import dev.adjoint.internal.rules.Sym;

/**
 * Lowers the statements of a pullback's steps: adjoints added and zeroed in their locals, a tree's adjoint
 * distributed over its partials (popped, constant, or recomputed), the heap's adjoints through {@link ShadowLowering},
 * callees' pullbacks called, mirrored locals restored.
 */
final class StatementLowering implements Opcodes {

    private final String companion;
    private final PullbackLocals l;
    private final InsnList out;
    private final ShadowLowering shadows;
    private final Recomputation recomputation;
    /** The locals of the partials the last {@link Statement.RecoverPartials} kept, by partial. */
    private int[] partialLocal;

    /** @param companion the class of the pullback, where calls to the same companion go directly */
    StatementLowering(String companion, PullbackLocals locals, ShadowLowering shadows, Recomputation recomputation) {
        this.companion = companion;
        this.l = locals;
        this.out = locals.out;
        this.shadows = shadows;
        this.recomputation = recomputation;
    }

    /** Lowers one statement of the step of instruction {@code at}. */
    void statement(int at, Statement s) {
        if (s instanceof Statement.Accumulate) {
            Statement.Accumulate a = (Statement.Accumulate) s;
            l.addTo(l.local(a.target()), l.local(a.from()));
        } else if (s instanceof Statement.Zero) {
            l.zero(l.local(((Statement.Zero) s).adjoint()));
        } else if (s instanceof Statement.Discard) {
            l.zero(l.variable(((Statement.Discard) s).var()));
        } else if (s instanceof Statement.HoldRoot) {
            int v = l.variable(((Statement.HoldRoot) s).var());
            out.add(new VarInsnNode(DLOAD, v));
            out.add(new VarInsnNode(DSTORE, l.tmp));
            l.zero(v);
        } else if (s instanceof Statement.RecoverPartials) {
            partialLocal = partialsInLocals((Statement.RecoverPartials) s);
        } else if (s instanceof Statement.Propagate) {
            propagate((Statement.Propagate) s);
        } else if (s instanceof Statement.ShadowAdd) {
            shadows.shadowAdd(at, (Statement.ShadowAdd) s);
        } else if (s instanceof Statement.ShadowMove) {
            shadows.shadowMove((Statement.ShadowMove) s);
        } else if (s instanceof Statement.UnboxAdd) {
            shadows.unbox((Statement.UnboxAdd) s);
        } else if (s instanceof Statement.BoxTake) {
            shadows.box((Statement.BoxTake) s);
        } else if (s instanceof Statement.ForwardFields) {
            shadows.forwarded((Statement.ForwardFields) s);
        } else if (s instanceof Statement.CallPullback) {
            call((Statement.CallPullback) s);
        } else if (s instanceof Statement.UndoIncrement) {
            Statement.UndoIncrement u = (Statement.UndoIncrement) s;
            out.add(new IincInsnNode(l.frameLocal[u.frame()], -u.increment()));
        } else {
            restoreLocal((Statement.RestoreLocal) s);
        }
    }

    /** A store's old value popped back into the mirrored local. */
    private void restoreLocal(Statement.RestoreLocal r) {
        int f = r.frame();
        if (!r.reference()) {
            l.popInt();
            out.add(new VarInsnNode(ISTORE, l.frameLocal[f]));
        } else {
            if (r.copy()) {
                l.popRef();
                out.add(new VarInsnNode(ASTORE, l.snapshotLocal[f]));
            }
            l.popRef();
            out.add(new VarInsnNode(ASTORE, l.frameLocal[f]));
            shadows.fetchShadows(f);
        }
    }

    // ---- a tree's partials ----

    /** {@code Δleaf += t * partial}. */
    private void propagate(Statement.Propagate p) {
        int target = l.local(p.leaf());
        out.add(new VarInsnNode(DLOAD, target));
        out.add(new VarInsnNode(DLOAD, l.tmp));
        Partial partial = p.partial();
        if (partial instanceof Partial.One) {
            out.add(new InsnNode(DADD));
        } else if (partial instanceof Partial.MinusOne) {
            out.add(new InsnNode(DSUB));
        } else {
            if (partial instanceof Partial.Constant) {
                EditedCopy.pushDouble(out, ((Partial.Constant) partial).value());
            } else if (partial instanceof Partial.Kept) {
                out.add(new VarInsnNode(DLOAD, partialLocal[((Partial.Kept) partial).index()]));
            } else {
                l.popDouble();
            }
            if (p.mayBeNonFinite()) {
                // a zero factor contributes nothing, even times an infinite or NaN one (a root at 0, a clamp)
                out.add(new MethodInsnNode(INVOKESTATIC, EditedCopy.TERM_OWNER, "term", "(DD)D", false));
            } else {
                out.add(new InsnNode(DMUL));
            }
            out.add(new InsnNode(DADD));
        }
        out.add(new VarInsnNode(DSTORE, target));
    }

    /**
     * The partials of a tree with recomputable ones in locals: those computed again from the frozen input when
     * every array they read is it, else popped like the others, in the reverse of the order the augmented primal
     * pushed them (recomputable ones last).
     */
    private int[] partialsInLocals(Statement.RecoverPartials r) {
        List<Sym> partials = r.partials();
        int[][] remat = r.remat();
        List<int[]> groups = r.groups();
        int[] order = r.order();
        int[] local = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            local[k] = partials.get(k).isConst() ? -1 : l.newLocal(2);
        }
        // the groups were pushed last, the last group last: each recomputed, or popped when it was taped
        for (int g = groups.size() - 1; g >= 0; g--) {
            recoverGroup(groups.get(g), remat, partials, local);
        }
        for (int n = order.length - 1; n >= 0; n--) {
            int k = order[n];
            if (remat[k] == null && local[k] >= 0) {
                l.popDouble();
                out.add(new VarInsnNode(DSTORE, local[k]));
            }
        }
        return local;
    }

    /** One group of recomputable partials: computed again when every array it reads is stable, else popped. */
    private void recoverGroup(int[] group, int[][] remat, List<Sym> partials, int[] local) {
        LabelNode taped = new LabelNode();
        LabelNode done = new LabelNode();
        for (int f : remat[group[0]]) {
            if (l.snapshotLocal[f] >= 0) {
                out.add(new VarInsnNode(ALOAD, l.snapshotLocal[f]));
                out.add(new JumpInsnNode(IFNULL, taped));
            } else {
                out.add(new VarInsnNode(ALOAD, l.frameLocal[f]));
                out.add(new VarInsnNode(ALOAD, l.frozen));
                out.add(new JumpInsnNode(IF_ACMPNE, taped));
            }
        }
        Map<Integer, Integer> values = new HashMap<>();
        Map<Integer, Integer> arrays = new HashMap<>();
        for (int k : group) {
            if (local[k] >= 0) {
                recomputation.partial(partials.get(k), values, arrays);
                out.add(new VarInsnNode(DSTORE, local[k]));
            }
        }
        out.add(new JumpInsnNode(GOTO, done));
        out.add(taped);
        for (int n = group.length - 1; n >= 0; n--) {
            if (local[group[n]] >= 0) {
                l.popDouble();
                out.add(new VarInsnNode(DSTORE, local[group[n]]));
            }
        }
        out.add(done);
    }

    // ---- calls ----

    /** A linked call: the callee's pullback with the result's adjoint, then the arguments' adjoints. */
    private void call(Statement.CallPullback s) {
        CallSite call = s.call();
        if (call.dispatches()) {
            Recovery ref = call.receiver();
            if (ref.kind == Recovery.Kind.PUSH) {
                l.popRef();
            } else {
                out.add(new VarInsnNode(ALOAD, l.frameLocal[ref.value]));
            }
            out.add(new TypeInsnNode(CHECKCAST, call.owner()));
        }
        out.add(new VarInsnNode(ALOAD, PullbackLocals.TAPE));
        int v = s.var() >= 0 ? l.variable(s.var()) : -1;
        if (v >= 0) {
            out.add(new VarInsnNode(DLOAD, v));
        } else {
            out.add(new InsnNode(DCONST_0));
        }
        calleePullback(call);
        if (v >= 0) {
            l.zero(v);
        }
        argumentAdjoints(call);
    }

    /** With (receiver?, tape, adjoint) on the stack: calls the callee's pullback, which pops the same stacks. */
    void calleePullback(CallSite call) {
        l.writeBackTops();
        if (call.direct() != null) {
            out.add(new MethodInsnNode(INVOKESTATIC, companion, call.direct()[1], Abi.REV_DESC, false));
        } else {
            String desc = "(" + (call.dispatches() ? Type.getObjectType(call.owner()).getDescriptor() : "")
                    + Abi.TAPE_DESC + "D)V";
            out.add(new InvokeDynamicInsnNode("rev", desc, Abi.CALL_BOOTSTRAP, call.opcode(), call.owner(),
                    call.name(), call.desc(), call.itf() ? 1 : 0, call.variedMask(), call.site()));
        }
        l.loadTops();
    }

    /** Adds the adjoints the callee's pullback left in {@code argAdj} to the arguments' adjoints. */
    void argumentAdjoints(CallSite call) {
        for (Statement.ArgumentAdjoint a : call.arguments()) {
            if (a.target() == null) {
                continue;
            }
            int target = l.local(a.target());
            out.add(new VarInsnNode(DLOAD, target));
            out.add(new VarInsnNode(ALOAD, PullbackLocals.TAPE));
            out.add(TapeField.ARG_ADJ.get());
            out.add(new LdcInsnNode(a.index()));
            out.add(new InsnNode(DALOAD));
            out.add(new InsnNode(DADD));
            out.add(new VarInsnNode(DSTORE, target));
        }
    }
}
