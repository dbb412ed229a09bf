package dev.adjoint.internal.cache;

/** A stored companion that must not be defined: truncated, corrupt, foreign, or made by another engine. */
public final class InvalidEntryException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidEntryException(String reason) {
        super(reason);
    }
}
