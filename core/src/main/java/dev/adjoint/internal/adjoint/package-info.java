/**
 * The adjoint IR. What the augmented primal pushes onto the tape ({@link dev.adjoint.internal.adjoint.TapePush}s per
 * block, instruction, loop exit and the way out by an exception), built from the plan by
 * {@link dev.adjoint.internal.adjoint.AugmentedPrimalBuilder}; and the pullback of a method as statements a reader
 * recognises ({@code Δx += Δy * ∂}, a pop of the tape, a partial recomputed, a counted loop reversed, a callee's
 * pullback called), built by {@link dev.adjoint.internal.adjoint.PullbackBuilder}. The same objects are lowered to
 * bytecode ({@code reverse.AugmentedPrimalEmitter}, {@code reverse.PullbackLowering}) and printed by {@code ad show}
 * ({@code listing.TapePrinter}, {@code listing.PullbackPrinter}), so the listing cannot say something the generated
 * code does not do.
 */
package dev.adjoint.internal.adjoint;
