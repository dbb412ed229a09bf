package dev.adjoint.internal.reverse;

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

    /** The methods of the same companion, which calls reach directly instead of through the linker. */
    public static final class Members {
        final String host;
        final String companion;
        final Map<String, String[]> names;

        /**
         * @param host      the host class
         * @param companion the companion class
         * @param names     per host method (name + descriptor): the names of its augmented primal and pullback
         */
        public Members(String host, String companion, Map<String, String[]> names) {
            this.host = host;
            this.companion = companion;
            this.names = names;
        }

        /** @return the augmented primal and pullback names of a directly called method, or null */
        String[] direct(String owner, String name, String desc) {
            return owner.equals(host) ? names.get(name + desc) : null;
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
    public static Result transform(String owner, MethodFlow flow, Activity act, CallPolicy policy, Members members,
                                   ClassHierarchy hierarchy, String fwdName, String revName, StringBuilder listing) {
        AdjointPlan plan = new AdjointPlan(owner, flow, act, policy, members,
                hierarchy == null ? null : new ConstructorAnalysis(hierarchy.bytes(), policy));
        if (listing != null) {
            PlanListing.append(listing, plan);
        }
        MethodNode fwd = new AugmentedPrimalEmitter(plan, fwdName).emit();
        MethodNode rev = new PullbackEmitter(plan, revName).emit();
        return new Result(fwd, rev);
    }
}
