package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class that declares derivative rules for the methods of other classes: code the engine should not
 * enter, such as native methods, approximations built on bit tricks, or black boxes. Register the class with
 * {@link AD#register(Class)} before the first gradient that needs it.
 *
 * <p>The class declares, for methods of the classes named here:
 * <ul>
 *   <li>{@link Partial} methods: the partial derivative of a static method with respect to one argument, as a
 *       function of the arguments and the result;</li>
 *   <li>{@link ConstantPartial} declarations: partial derivatives that are constants (0 for a step function or
 *       for {@link AD#stopGradient}, 1 for an identity);</li>
 *   <li>{@link Substitute} methods: a plain-Java implementation that the engine differentiates in place of the
 *       original.</li>
 * </ul>
 *
 * <pre>{@code
 * @DerivativeRules(FastInverseSqrt.class)
 * public final class FastInverseSqrtRules {
 *     @Partial("of")  // d/dx x^(-1/2) = -1/2 x^(-3/2), written with the result y = x^(-1/2)
 *     public static double of(float x, float y) { return -0.5 * y * y * y; }
 * }
 * AD.register(FastInverseSqrtRules.class);
 * }</pre>
 *
 * <p>The engine applies the same mechanism to its own rules: {@code Math}, {@code StrictMath}, Commons Math's
 * {@code FastMath}, {@code System.arraycopy} and the {@code Arrays} operations. The rules class must be visible
 * from the classes that call the methods it covers (the same class loader or a parent).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DerivativeRules {

    /** @return the classes whose methods the rules cover */
    Class<?>[] value() default {};

    /**
     * @return the same, by binary name, for classes that need not be on the class path of the rules
     *         (such as {@code org.apache.commons.math3.util.FastMath})
     */
    String[] classNames() default {};
}
