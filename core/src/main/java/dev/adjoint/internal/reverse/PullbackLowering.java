package dev.adjoint.internal.reverse;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

import dev.adjoint.internal.adjoint.Pullback;
import dev.adjoint.internal.adjoint.ReversedBlock;
import dev.adjoint.internal.adjoint.Statement;
import dev.adjoint.internal.adjoint.Step;
import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.plan.DerivativePlan;

/**
 * Lowers the {@link Pullback} of a method to the bytecode of {@code m$rev(Tape, double dOut)}: the reversed blocks
 * in the order of the primal's blocks, each running its steps and then going to the predecessor recorded on the
 * tape (the transposed control-flow graph, so loops stay loops). The adjoints of the floating-point parameters are
 * left in {@link dev.adjoint.internal.runtime.Tape#argAdj}. What to do is decided by the IR; the lowering decides
 * only where things live ({@link PullbackLocals}) and how each kind of thing is done: statements
 * ({@link StatementLowering}), the heap's adjoints ({@link ShadowLowering}), where control goes
 * ({@link ControlLowering}) and values computed again ({@link Recomputation}).
 */
final class PullbackLowering implements Opcodes {

    private final Pullback ir;
    private final String name;
    private final PullbackLocals locals;
    private final InsnList out;
    private final StatementLowering statements;
    private final ControlLowering control;
    private int lastLine = -1;

    /**
     * @param plan             the method's plan, for where values live and how they are recovered
     * @param ir               its pullback, built with {@code delegatesUnwinding} when {@code unwindingVariant} is set
     * @param name             the name of the generated method
     * @param unwindingVariant the name of the variant that unwinds, or null when this is that variant. Resuming
     *                         enters loops in the middle, which would make them irreducible and keep the JIT from
     *                         optimizing them; so the ordinary pullback hands an unwinding tape to a variant
     */
    PullbackLowering(DerivativePlan plan, Pullback ir, String name, String unwindingVariant) {
        this.ir = ir;
        this.name = name;
        this.locals = new PullbackLocals(plan);
        this.out = locals.out;
        Recomputation recomputation = new Recomputation(plan, out, locals.frameLocal, locals.snapshotLocal,
                locals::newLocal);
        ShadowLowering shadows = new ShadowLowering(plan, locals, recomputation);
        this.statements = new StatementLowering(plan.members.companion, locals, shadows, recomputation);
        this.control = new ControlLowering(plan, ir, unwindingVariant, locals, shadows, statements, recomputation);
    }

    MethodNode emit() {
        MethodNode m = new MethodNode(ACC_PRIVATE | ACC_STATIC | ACC_SYNTHETIC, name, Abi.REV_DESC, null, null);
        locals.initialize();
        control.entry();
        for (ReversedBlock b : ir.blocks()) {
            block(b);
        }
        control.resumptions();
        control.exitEdgeCode();
        control.epilogue();
        m.instructions = out;
        m.maxLocals = locals.maxLocals();
        return m;
    }

    private void block(ReversedBlock b) {
        control.enterBlock(b.id());
        lastLine = -1;
        for (Step step : b.steps()) {
            int mark = out.size();
            for (Statement s : step.statements()) {
                statements.statement(step.at(), s);
            }
            if (out.size() > mark) {
                markLine(step.line(), mark);
            }
            if (step.resumable()) {
                control.resumable(step.at());
            }
        }
        control.continuation(b.next());
    }

    private void markLine(int line, int mark) {
        if (line < 0 || line == lastLine) {
            return;
        }
        lastLine = line;
        LabelNode l = new LabelNode();
        AbstractInsnNode at = out.get(mark);
        out.insertBefore(at, l);
        out.insertBefore(at, new LineNumberNode(line, l));
    }
}
