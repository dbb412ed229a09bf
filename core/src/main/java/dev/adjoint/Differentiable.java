package dev.adjoint;

/**
 * Marks code that Adjoint may differentiate.
 *
 * <p>A class that implements this interface, and all the code its methods reach, can be differentiated by
 * {@link AD}. When the JVM runs with {@code -javaagent:ad.jar}, the agent notices such classes as they load and
 * prepares their derivative code ahead of the first gradient. The class itself is never modified: calling its
 * methods outside {@link AD} behaves exactly as without Adjoint.
 */
public interface Differentiable {
}
