package dev.adjoint.internal.engine;

import dev.adjoint.NotDifferentiableException;

/** A method the engine cannot transform, and why. */
public final class TransformException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String owner;
    private final String method;
    private final int line;
    private final String reason;

    public TransformException(String owner, String method, int line, String reason) {
        this(owner, method, line, reason, null);
    }

    /** @param cause the engine's own exception, when the reason is a failure of the engine */
    public TransformException(String owner, String method, int line, String reason, Throwable cause) {
        super(owner.replace('/', '.') + "." + method + ": " + reason, cause);
        this.owner = owner;
        this.method = method;
        this.line = line;
        this.reason = reason;
    }

    /** @return the reason, without the place */
    public String reason() {
        return reason;
    }

    /** @return the exception a gradient raises for it */
    public NotDifferentiableException toNotDifferentiable() {
        return new NotDifferentiableException(owner.replace('/', '.'), method, line,
                "code that cannot be transformed (" + reason + ")",
                "Declare a derivative rule for this method, or report the reason if the code is valid Java", this);
    }
}
