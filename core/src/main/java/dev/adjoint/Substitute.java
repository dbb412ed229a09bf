package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a {@code public static} method of a {@link DerivativeRules} class as a replacement for a method that the
 * engine should not enter: calls of that method from differentiated code are differentiated as calls of this one,
 * which computes the same result in plain Java. For a static method the parameters are the same; for an instance
 * method the receiver comes first. This is how the engine follows {@code System.arraycopy}: its substitute is a
 * loop. Outside differentiation, and in code that is not differentiated, the original method runs.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Substitute {

    /** @return the name of the method this replaces */
    String value();
}
