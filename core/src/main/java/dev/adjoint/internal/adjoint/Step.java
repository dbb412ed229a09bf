package dev.adjoint.internal.adjoint;

import java.util.List;

/**
 * The adjoint statements of one instruction {@code at} of the primal (source line {@code line}, -1 unknown).
 * {@code resumable}: the instruction may throw, so an unwinding pullback may resume just before this step.
 */
public record Step(int at, int line, boolean resumable, List<Statement> statements) {
}
