/**
 * The adjoint IR: the pullback of a method as statements a reader recognises ({@code Δx += Δy * ∂}, a pop of the
 * tape, a partial recomputed, a counted loop reversed, a callee's pullback called), built from the plan by
 * {@link dev.adjoint.internal.adjoint.PullbackBuilder}. The same object is lowered to bytecode
 * ({@code reverse.PullbackLowering}) and printed by {@code ad show} ({@code listing.PullbackPrinter}), so the
 * listing cannot say something the generated code does not do.
 */
package dev.adjoint.internal.adjoint;
