package dev.adjoint.internal.reverse;

import org.objectweb.asm.tree.MethodNode;

import dev.adjoint.internal.adjoint.AugmentedPrimalBuilder;
import dev.adjoint.internal.adjoint.Pullback;
import dev.adjoint.internal.adjoint.PullbackBuilder;
import dev.adjoint.internal.plan.DerivativePlan;

/** Reverse mode for one method: the augmented primal and the pullback, generated from its plan. */
public final class ReverseTransform {

    /** The generated methods. */
    public static final class Result {
        public final MethodNode forward;
        public final MethodNode reverse;
        /** The pullback's variant for unwinding after an exception, or null when nothing can throw. */
        public final MethodNode unwinding;

        Result(MethodNode forward, MethodNode reverse, MethodNode unwinding) {
            this.forward = forward;
            this.reverse = reverse;
            this.unwinding = unwinding;
        }
    }

    private ReverseTransform() {
    }

    private static MethodNode lean(DerivativePlan plan, MethodNode pullback) {
        ZeroAdds.apply(plan.owner, pullback);
        return pullback;
    }

    /** The suffix of a pullback's unwinding variant, which runs only when an exception left the method. */
    public static final String UNWINDING = "$unwinding";

    /**
     * @param plan    the method's plan
     * @param fwdName the name of the augmented primal
     * @param revName the name of the pullback
     * @return the generated methods
     */
    public static Result transform(DerivativePlan plan, String fwdName, String revName) {
        MethodNode fwd = new AugmentedPrimalEmitter(plan, AugmentedPrimalBuilder.build(plan), fwdName).emit();
        if (!plan.edges().anyThrows()) {
            Pullback pullback = PullbackBuilder.build(plan, false);
            return new Result(fwd, lean(plan, new PullbackLowering(plan, pullback, revName, null).emit()), null);
        }
        String variant = revName + UNWINDING;
        MethodNode rev = lean(plan,
                new PullbackLowering(plan, PullbackBuilder.build(plan, true), revName, variant).emit());
        MethodNode unwinding = new PullbackLowering(plan, PullbackBuilder.build(plan, false), variant, null).emit();
        return new Result(fwd, rev, unwinding);
    }
}
