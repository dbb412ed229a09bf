package dev.adjoint.internal.rules;

import java.util.OptionalDouble;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.stream.DoubleStream;

import dev.adjoint.DerivativeRules;
import dev.adjoint.Substitute;

/**
 * {@link OptionalDouble} as a box: {@link #valueOf} makes one whose derivative the engine keeps in its shadow, as it
 * does for a {@code Double} ({@link CallPolicy.Kind#BOX}), and {@code getAsDouble} and {@code orElseThrow} read it
 * back ({@link CallPolicy.Kind#UNBOX}). The methods that take a default or a callback are written here on those two,
 * so the callback is called from differentiated code and its derivative is followed.
 */
@DerivativeRules(OptionalDouble.class)
public final class OptionalDoubles {

    private OptionalDoubles() {
    }

    /** {@link OptionalDouble#of}: a box of {@code value}. */
    @Substitute("of")
    public static OptionalDouble valueOf(double value) {
        return OptionalDouble.of(value);
    }

    @Substitute("orElse")
    public static double orElse(OptionalDouble o, double other) {
        return o.isPresent() ? o.getAsDouble() : other;
    }

    @Substitute("orElseGet")
    public static double orElseGet(OptionalDouble o, DoubleSupplier supplier) {
        return o.isPresent() ? o.getAsDouble() : supplier.getAsDouble();
    }

    @Substitute("orElseThrow")
    public static <X extends Throwable> double orElseThrow(OptionalDouble o, Supplier<? extends X> exception)
            throws X {
        if (!o.isPresent()) {
            throw exception.get();
        }
        return o.getAsDouble();
    }

    @Substitute("ifPresent")
    public static void ifPresent(OptionalDouble o, DoubleConsumer action) {
        if (o.isPresent()) {
            action.accept(o.getAsDouble());
        }
    }

    @Substitute("ifPresentOrElse")
    public static void ifPresentOrElse(OptionalDouble o, DoubleConsumer action, Runnable empty) {
        if (o.isPresent()) {
            action.accept(o.getAsDouble());
        } else {
            empty.run();
        }
    }

    @Substitute("stream")
    public static DoubleStream stream(OptionalDouble o) {
        return o.isPresent() ? StreamReplacements.of(o.getAsDouble()) : StreamReplacements.empty();
    }
}
