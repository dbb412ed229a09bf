package dev.adjoint.internal.reverse;

import dev.adjoint.internal.plan.DerivativePlan;
import dev.adjoint.internal.plan.ConstructorAnalysis;
import dev.adjoint.internal.plan.PlanListing;
import dev.adjoint.internal.plan.CompanionMembers;
import java.util.Map;

import org.objectweb.asm.tree.MethodNode;

import dev.adjoint.internal.activity.Activity;
import dev.adjoint.internal.engine.ClassHierarchy;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.rules.CallPolicy;

/** Reverse mode for one method: the plan, then the augmented primal and the pullback generated from it. */
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
     * @param owner   the host class
     * @param flow    the analysed method
     * @param act     its activity
     * @param policy  call handling
     * @param members methods called directly
     * @param fwdName the name of the augmented primal
     * @param revName the name of the pullback
     * @param listing where to append a readable listing of the plan, or null
     * @return the generated methods
     */
    public static Result transform(String owner, MethodFlow flow, Activity act, CallPolicy policy, CompanionMembers members,
                                   ClassHierarchy hierarchy, String fwdName, String revName, StringBuilder listing) {
        DerivativePlan plan = new DerivativePlan(owner, flow, act, policy, members,
                hierarchy == null ? null : new ConstructorAnalysis(hierarchy.bytes(), policy));
        if (listing != null) {
            PlanListing.append(listing, plan);
        }
        MethodNode fwd = new AugmentedPrimalEmitter(plan, fwdName).emit();
        MethodNode rev = new PullbackEmitter(plan, revName).emit();
        return new Result(fwd, rev);
    }
}
