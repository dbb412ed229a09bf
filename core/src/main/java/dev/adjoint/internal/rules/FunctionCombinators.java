package dev.adjoint.internal.rules;

import java.util.Comparator;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.DoublePredicate;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import dev.adjoint.DerivativeRules;
import dev.adjoint.Substitute;

/**
 * The default and static methods of {@code java.util.function} that combine functions ({@code andThen},
 * {@code compose}, {@code identity}, {@code and}, {@code or}, {@code negate}, {@code not}, {@code isEqual},
 * {@code minBy}, {@code maxBy}). The JDK's versions return lambdas of the JDK, whose bodies pass numbers between
 * the user's functions where derivative code does not follow them; these return lambdas of differentiated code that
 * do the same, so each combined function's derivative is followed. A call names its receiver's static type, so each
 * interface that inherits a combinator has its own substitute. A class of the user's that overrides a combinator
 * is called through this one instead, which combines its functional methods as the JDK's does.
 */
@DerivativeRules({Function.class, UnaryOperator.class, BiFunction.class, BinaryOperator.class,
    DoubleUnaryOperator.class, Consumer.class, BiConsumer.class, DoubleConsumer.class, Predicate.class,
    BiPredicate.class, DoublePredicate.class})
public final class FunctionCombinators {

    private FunctionCombinators() {
    }

    @Substitute("andThen")
    public static <T, R, V> Function<T, V> andThen(Function<T, R> f, Function<? super R, ? extends V> after) {
        Objects.requireNonNull(after);
        return t -> after.apply(f.apply(t));
    }

    @Substitute("andThen")
    public static <T, V> Function<T, V> andThen(UnaryOperator<T> f, Function<? super T, ? extends V> after) {
        return andThen((Function<T, T>) f, after);
    }

    @Substitute("compose")
    public static <T, R, V> Function<V, R> compose(Function<T, R> f, Function<? super V, ? extends T> before) {
        Objects.requireNonNull(before);
        return v -> f.apply(before.apply(v));
    }

    @Substitute("compose")
    public static <T, V> Function<V, T> compose(UnaryOperator<T> f, Function<? super V, ? extends T> before) {
        return compose((Function<T, T>) f, before);
    }

    @Substitute("identity")
    public static <T> Function<T, T> identity() {
        return t -> t;
    }

    @Substitute("identity")
    public static <T> UnaryOperator<T> unaryIdentity() {
        return t -> t;
    }

    @Substitute("andThen")
    public static <T, U, R, V> BiFunction<T, U, V> andThen(BiFunction<T, U, R> f,
                                                           Function<? super R, ? extends V> after) {
        Objects.requireNonNull(after);
        return (t, u) -> after.apply(f.apply(t, u));
    }

    @Substitute("andThen")
    public static <T, V> BiFunction<T, T, V> andThen(BinaryOperator<T> f, Function<? super T, ? extends V> after) {
        return andThen((BiFunction<T, T, T>) f, after);
    }

    @Substitute("minBy")
    public static <T> BinaryOperator<T> minBy(Comparator<? super T> comparator) {
        Objects.requireNonNull(comparator);
        return (a, b) -> comparator.compare(a, b) <= 0 ? a : b;
    }

    @Substitute("maxBy")
    public static <T> BinaryOperator<T> maxBy(Comparator<? super T> comparator) {
        Objects.requireNonNull(comparator);
        return (a, b) -> comparator.compare(a, b) >= 0 ? a : b;
    }

    @Substitute("andThen")
    public static DoubleUnaryOperator andThen(DoubleUnaryOperator f, DoubleUnaryOperator after) {
        Objects.requireNonNull(after);
        return t -> after.applyAsDouble(f.applyAsDouble(t));
    }

    @Substitute("compose")
    public static DoubleUnaryOperator compose(DoubleUnaryOperator f, DoubleUnaryOperator before) {
        Objects.requireNonNull(before);
        return t -> f.applyAsDouble(before.applyAsDouble(t));
    }

    @Substitute("identity")
    public static DoubleUnaryOperator doubleIdentity() {
        return t -> t;
    }

    @Substitute("andThen")
    public static <T> Consumer<T> andThen(Consumer<T> f, Consumer<? super T> after) {
        Objects.requireNonNull(after);
        return t -> {
            f.accept(t);
            after.accept(t);
        };
    }

    @Substitute("andThen")
    public static <T, U> BiConsumer<T, U> andThen(BiConsumer<T, U> f, BiConsumer<? super T, ? super U> after) {
        Objects.requireNonNull(after);
        return (t, u) -> {
            f.accept(t, u);
            after.accept(t, u);
        };
    }

    @Substitute("andThen")
    public static DoubleConsumer andThen(DoubleConsumer f, DoubleConsumer after) {
        Objects.requireNonNull(after);
        return t -> {
            f.accept(t);
            after.accept(t);
        };
    }

    @Substitute("and")
    public static <T> Predicate<T> and(Predicate<T> p, Predicate<? super T> other) {
        Objects.requireNonNull(other);
        return t -> p.test(t) && other.test(t);
    }

    @Substitute("or")
    public static <T> Predicate<T> or(Predicate<T> p, Predicate<? super T> other) {
        Objects.requireNonNull(other);
        return t -> p.test(t) || other.test(t);
    }

    @Substitute("negate")
    public static <T> Predicate<T> negate(Predicate<T> p) {
        return t -> !p.test(t);
    }

    @Substitute("not")
    public static <T> Predicate<T> not(Predicate<? super T> target) {
        Objects.requireNonNull(target);
        return t -> !target.test(t);
    }

    @Substitute("isEqual")
    public static <T> Predicate<T> isEqual(Object target) {
        return t -> Objects.equals(target, t);
    }

    @Substitute("and")
    public static <T, U> BiPredicate<T, U> and(BiPredicate<T, U> p, BiPredicate<? super T, ? super U> other) {
        Objects.requireNonNull(other);
        return (t, u) -> p.test(t, u) && other.test(t, u);
    }

    @Substitute("or")
    public static <T, U> BiPredicate<T, U> or(BiPredicate<T, U> p, BiPredicate<? super T, ? super U> other) {
        Objects.requireNonNull(other);
        return (t, u) -> p.test(t, u) || other.test(t, u);
    }

    @Substitute("negate")
    public static <T, U> BiPredicate<T, U> negate(BiPredicate<T, U> p) {
        return (t, u) -> !p.test(t, u);
    }

    @Substitute("and")
    public static DoublePredicate and(DoublePredicate p, DoublePredicate other) {
        Objects.requireNonNull(other);
        return t -> p.test(t) && other.test(t);
    }

    @Substitute("or")
    public static DoublePredicate or(DoublePredicate p, DoublePredicate other) {
        Objects.requireNonNull(other);
        return t -> p.test(t) || other.test(t);
    }

    @Substitute("negate")
    public static DoublePredicate negate(DoublePredicate p) {
        return t -> !p.test(t);
    }
}
