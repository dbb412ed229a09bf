package dev.adjoint.spark;

/**
 * A Spark JVM runs without {@code -javaagent:ad.jar}. Raised instead of letting the agent attach itself from Spark's
 * user class loader, where the runtime would exist twice and gradients would fail with class-loading errors
 * ({@code TypeNotPresentException: dev.adjoint.internal.runtime.Tape}).
 */
public class AgentMissingException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message where the agent is missing and how to add it
     */
    public AgentMissingException(String message) {
        super(message);
    }
}
