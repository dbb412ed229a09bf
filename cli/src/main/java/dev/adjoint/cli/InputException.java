package dev.adjoint.cli;

/**
 * Input the command cannot use: a missing file, a corrupt jar, a class or method that does not exist or has the
 * wrong shape. Reported as one line, with exit code {@link ExitCode#USAGE}.
 */
final class InputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InputException(String message) {
        super(message);
    }

    InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
