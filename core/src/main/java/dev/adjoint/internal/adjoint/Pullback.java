package dev.adjoint.internal.adjoint;

import java.util.List;

/**
 * The pullback of one method as statements. It starts at the exit the augmented primal returned through
 * ({@code exits}: block ids, several when which one is taped), or, when the primal was left by an exception, at
 * the resumption of the instruction that threw ({@code throwers}; none when another variant does the unwinding,
 * {@code delegatesUnwinding}). It runs the reachable blocks reversed, and ends with the adjoints of the
 * floating-point parameters ({@code parameters}) in {@code Tape.argAdj}.
 */
public record Pullback(List<Integer> exits, boolean delegatesUnwinding, List<Integer> throwers,
        List<ReversedBlock> blocks, List<Resumption> resumptions, List<ParameterAdjoint> parameters) {

    /** {@code tape.argAdj[index] = Δlocal} for a floating-point parameter ({@code adjoint} null: it has none). */
    public record ParameterAdjoint(int index, Adjoint adjoint) {
    }
}
