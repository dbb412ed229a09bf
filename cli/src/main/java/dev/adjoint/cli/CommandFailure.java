package dev.adjoint.cli;

/**
 * A command that could not finish through no fault of its input: the user's code threw, or the JVM lacks the agent.
 * Reported as one line, with exit code {@link ExitCode#FAILED}.
 */
final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
