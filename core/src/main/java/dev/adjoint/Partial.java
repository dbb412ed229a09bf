package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a method of a {@link DerivativeRules} class as the partial derivative of a static method, with respect
 * to one of its arguments. The partial is a {@code public static} method that returns a {@code double} and takes
 * the arguments of the method followed by its result: for {@code double hypot(double x, double y)}, the partial in
 * {@code x} is {@code double hypotX(double x, double y, double r)}, returning {@code x / r}. Its parameter types
 * select the overload. Every {@code double} and {@code float} argument needs a partial, from this annotation or
 * from {@link ConstantPartial}.
 *
 * <p>Both modes use the partials: reverse mode multiplies the result's adjoint by them, forward mode the
 * arguments' tangents. The partial must itself be plain Java code, so that higher derivatives can differentiate it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Partial {

    /** @return the name of the method whose derivative this is */
    String value();

    /** @return the position of the argument, from 0 */
    int wrt() default 0;
}
