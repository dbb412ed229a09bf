package dev.adjoint.cli;

/**
 * The exit codes of {@code ad}: scripts and CI jobs tell outcomes apart by them.
 *
 * <ul>
 *   <li>{@link #OK} 0: the command did what was asked, and a check passed;</li>
 *   <li>{@link #FAILED} 1: a check failed (a gradient disagrees with finite differences, the function threw), or the
 *       command failed for a reason that is not the input's fault;</li>
 *   <li>{@link #USAGE} 2: a usage error or bad input: an unknown option, a missing file, a corrupt jar, a class or
 *       method that cannot be found or used;</li>
 *   <li>{@link #NOT_DIFFERENTIABLE} 3: Adjoint refuses to differentiate the code (a
 *       {@link dev.adjoint.NotDifferentiableException}: the message says what, where, and what to do).</li>
 * </ul>
 */
final class ExitCode {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NOT_DIFFERENTIABLE = 3;

    /** The line the help of every command ends with. */
    static final String SUMMARY = "Exit codes: 0 ok, 1 a check failed, 2 usage error or bad input, "
            + "3 not differentiable.";

    private ExitCode() {
    }
}
