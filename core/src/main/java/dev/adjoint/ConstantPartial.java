package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares, on a {@link DerivativeRules} class, the constant partial derivatives of a static method: one value per
 * argument, in order (the values for arguments that are not {@code double} or {@code float} are ignored).
 * {@code @ConstantPartial(method = "floor", value = 0)} says that {@code floor} is flat;
 * {@code @ConstantPartial(method = "sum", value = {1, 1})} that {@code sum(a, b)} is {@code a + b} to first order.
 * A method without arguments, such as {@code random()}, takes {@code value = {}}: its result carries no derivative.
 * With a {@link #descriptor()}, {@code Double.NaN} marks an argument whose partial a {@link Partial} method gives:
 * {@code fma(a, b, c)} has {@code value = {NaN, NaN, 1}} beside the partials in {@code a} and {@code b}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(ConstantPartial.List.class)
public @interface ConstantPartial {

    /** @return the method's name */
    String method();

    /**
     * @return the method's JVM descriptor, such as {@code "(D)D"}; empty for every overload with as many arguments
     *         as there are values
     */
    String descriptor() default "";

    /** @return the partial derivative with respect to each argument */
    double[] value();

    /** Holds repeated {@link ConstantPartial} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        ConstantPartial[] value();
    }
}
