package dev.adjoint.internal.reverse;

import org.objectweb.asm.tree.MethodNode;

import dev.adjoint.internal.plan.DerivativePlan;

/** Reverse mode for one method: the augmented primal and the pullback, generated from its plan. */
public final class ReverseTransform {

    /** The two generated methods. */
    public static final class Result {
        public final MethodNode forward;
        public final MethodNode reverse;

        Result(MethodNode forward, MethodNode reverse) {
            this.forward = forward;
            this.reverse = reverse;
        }
    }

    private ReverseTransform() {
    }

    /**
     * @param plan    the method's plan
     * @param fwdName the name of the augmented primal
     * @param revName the name of the pullback
     * @return the generated methods
     */
    public static Result transform(DerivativePlan plan, String fwdName, String revName) {
        MethodNode fwd = new AugmentedPrimalEmitter(plan, fwdName).emit();
        MethodNode rev = new PullbackEmitter(plan, revName).emit();
        return new Result(fwd, rev);
    }
}
