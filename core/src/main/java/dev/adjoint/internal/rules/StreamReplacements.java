package dev.adjoint.internal.rules;

import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.BiConsumer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;
import java.util.function.DoubleToIntFunction;
import java.util.function.DoubleToLongFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import java.util.function.LongToDoubleFunction;
import java.util.function.ObjDoubleConsumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import dev.adjoint.DerivativeRules;
import dev.adjoint.Substitute;

/**
 * Streams of numbers in differentiated code: every way to a {@link DoubleStream} (an array, {@code of}, a stream of
 * ints or objects mapped to doubles) gives a {@link SequentialDoubleStream}, whose operations the engine
 * differentiates, and every operation that takes a callback on a stream the JDK made reads that stream into one
 * first. A stream of the JDK holds no derivatives (differentiated code never gives it one), so only its callbacks
 * need following. The collectors that sum or average numbers a callback computes collect the elements as objects,
 * which the JDK follows, and compute the number in differentiated code.
 */
@DerivativeRules({Arrays.class, DoubleStream.class, IntStream.class, LongStream.class, Stream.class,
        Collectors.class})
public final class StreamReplacements {

    private StreamReplacements() {
    }

    // ---- sources ----

    @Substitute("stream")
    public static DoubleStream stream(double[] array) {
        return SequentialDoubleStream.of(array, 0, array.length);
    }

    @Substitute("stream")
    public static DoubleStream stream(double[] array, int from, int to) {
        if (from < 0 || from > to || to > array.length) {
            return Arrays.stream(array, from, to); // throws the JDK's exception
        }
        return SequentialDoubleStream.of(array, from, to);
    }

    @Substitute("of")
    public static DoubleStream of(double... values) {
        return SequentialDoubleStream.of(values, 0, values.length);
    }

    @Substitute("of")
    public static DoubleStream of(double value) {
        return SequentialDoubleStream.of(new double[] {value}, 0, 1);
    }

    @Substitute("empty")
    public static DoubleStream empty() {
        return SequentialDoubleStream.of(new double[0], 0, 0);
    }

    /** Lazily, as the JDK's: the elements of {@code a} are pulled first, those of {@code b} when they run out. */
    @Substitute("concat")
    public static DoubleStream concat(DoubleStream a, DoubleStream b) {
        return SequentialDoubleStream.of(new DoubleSource.Concatenated(SequentialDoubleStream.finite(a),
                SequentialDoubleStream.finite(b))).onClose(a::close).onClose(b::close);
    }

    @Substitute("iterate")
    public static DoubleStream iterate(double seed, DoublePredicate hasNext, DoubleUnaryOperator next) {
        return SequentialDoubleStream.of(new DoubleSource.Iterated(seed, hasNext, next));
    }

    @Substitute("builder")
    public static DoubleStream.Builder builder() {
        return new DoubleBuilder();
    }

    /** {@link DoubleStream.Builder}: the numbers are kept in differentiated code, with their derivatives. */
    static final class DoubleBuilder implements DoubleStream.Builder {
        private double[] values = new double[8];
        private int size;
        private boolean built;

        @Override
        public void accept(double value) {
            if (built) {
                throw new IllegalStateException();
            }
            if (size == values.length) {
                double[] more = new double[2 * size];
                for (int i = 0; i < size; i++) {
                    more[i] = values[i];
                }
                values = more;
            }
            values[size++] = value;
        }

        @Override
        public DoubleStream.Builder add(double value) {
            accept(value);
            return this;
        }

        @Override
        public DoubleStream build() {
            if (built) {
                throw new IllegalStateException();
            }
            built = true;
            return SequentialDoubleStream.of(values, 0, size);
        }
    }

    // ---- to numbers from ints, longs and objects ----

    /**
     * The ints are read from the JDK's stream (they carry no derivative); each is mapped when the pipeline pulls it.
     * A stream that may be infinite stays the JDK's, whose callback is refused when it returns a number that carries
     * a derivative.
     */
    @Substitute("mapToDouble")
    public static DoubleStream mapToDouble(IntStream s, IntToDoubleFunction mapper) {
        java.util.Spliterator.OfInt elements = s.spliterator();
        boolean sized = elements.hasCharacteristics(java.util.Spliterator.SIZED);
        IntStream rest = java.util.stream.StreamSupport.intStream(elements, false);
        int[] in = sized ? rest.toArray() : rest.limit(SequentialDoubleStream.UNSIZED + 1L).toArray();
        if (in.length > SequentialDoubleStream.UNSIZED && !sized) {
            return IntStream.concat(IntStream.of(in), java.util.stream.StreamSupport.intStream(elements, false))
                    .onClose(s::close).mapToDouble(mapper);
        }
        return SequentialDoubleStream.of(new DoubleSource.OfInts(in, Objects.requireNonNull(mapper), sized))
                .onClose(s::close);
    }

    @Substitute("mapToDouble")
    public static DoubleStream mapToDouble(LongStream s, LongToDoubleFunction mapper) {
        java.util.Spliterator.OfLong elements = s.spliterator();
        boolean sized = elements.hasCharacteristics(java.util.Spliterator.SIZED);
        LongStream rest = java.util.stream.StreamSupport.longStream(elements, false);
        long[] in = sized ? rest.toArray() : rest.limit(SequentialDoubleStream.UNSIZED + 1L).toArray();
        if (in.length > SequentialDoubleStream.UNSIZED && !sized) {
            return LongStream.concat(LongStream.of(in), java.util.stream.StreamSupport.longStream(elements, false))
                    .onClose(s::close).mapToDouble(mapper);
        }
        return SequentialDoubleStream.of(new DoubleSource.OfLongs(in, Objects.requireNonNull(mapper), sized))
                .onClose(s::close);
    }

    @Substitute("mapToDouble")
    public static <T> DoubleStream mapToDouble(Stream<T> s, ToDoubleFunction<? super T> mapper) {
        // collected, not split: its elements may carry derivatives, which the JDK's spliterator would not follow
        List<T> in = s.collect(Collectors.toList());
        return SequentialDoubleStream.of(new DoubleSource.OfObjects<>(in, Objects.requireNonNull(mapper)))
                .onClose(s::close);
    }

    @Substitute("flatMapToDouble")
    public static <T> DoubleStream flatMapToDouble(Stream<T> s, Function<? super T, ? extends DoubleStream> mapper) {
        List<T> in = s.collect(Collectors.toList());
        return SequentialDoubleStream.of(new DoubleSource.FlatObjects<>(in, Objects.requireNonNull(mapper)))
                .onClose(s::close);
    }

    // ---- callbacks on a stream of the JDK ----

    @Substitute("map")
    public static DoubleStream map(DoubleStream s, DoubleUnaryOperator mapper) {
        return SequentialDoubleStream.sequential(s).map(mapper);
    }

    @Substitute("filter")
    public static DoubleStream filter(DoubleStream s, DoublePredicate predicate) {
        return SequentialDoubleStream.sequential(s).filter(predicate);
    }

    @Substitute("mapToObj")
    public static <U> Stream<U> mapToObj(DoubleStream s, DoubleFunction<? extends U> mapper) {
        return SequentialDoubleStream.sequential(s).mapToObj(mapper);
    }

    @Substitute("mapToInt")
    public static IntStream mapToInt(DoubleStream s, DoubleToIntFunction mapper) {
        return SequentialDoubleStream.sequential(s).mapToInt(mapper);
    }

    @Substitute("mapToLong")
    public static LongStream mapToLong(DoubleStream s, DoubleToLongFunction mapper) {
        return SequentialDoubleStream.sequential(s).mapToLong(mapper);
    }

    @Substitute("flatMap")
    public static DoubleStream flatMap(DoubleStream s, DoubleFunction<? extends DoubleStream> mapper) {
        return SequentialDoubleStream.sequential(s).flatMap(mapper);
    }

    @Substitute("mapMulti")
    public static DoubleStream mapMulti(DoubleStream s, DoubleStream.DoubleMapMultiConsumer mapper) {
        return SequentialDoubleStream.sequential(s).mapMulti(mapper);
    }

    @Substitute("peek")
    public static DoubleStream peek(DoubleStream s, DoubleConsumer action) {
        return SequentialDoubleStream.sequential(s).peek(action);
    }

    @Substitute("takeWhile")
    public static DoubleStream takeWhile(DoubleStream s, DoublePredicate predicate) {
        return SequentialDoubleStream.sequential(s).takeWhile(predicate);
    }

    @Substitute("dropWhile")
    public static DoubleStream dropWhile(DoubleStream s, DoublePredicate predicate) {
        return SequentialDoubleStream.sequential(s).dropWhile(predicate);
    }

    @Substitute("forEach")
    public static void forEach(DoubleStream s, DoubleConsumer action) {
        SequentialDoubleStream.sequential(s).forEach(action);
    }

    @Substitute("forEachOrdered")
    public static void forEachOrdered(DoubleStream s, DoubleConsumer action) {
        SequentialDoubleStream.sequential(s).forEachOrdered(action);
    }

    @Substitute("reduce")
    public static double reduce(DoubleStream s, double identity, DoubleBinaryOperator op) {
        return SequentialDoubleStream.sequential(s).reduce(identity, op);
    }

    @Substitute("reduce")
    public static OptionalDouble reduce(DoubleStream s, DoubleBinaryOperator op) {
        return SequentialDoubleStream.sequential(s).reduce(op);
    }

    @Substitute("collect")
    public static <R> R collect(DoubleStream s, Supplier<R> supplier, ObjDoubleConsumer<R> accumulator,
                                BiConsumer<R, R> combiner) {
        return SequentialDoubleStream.sequential(s).collect(supplier, accumulator, combiner);
    }

    @Substitute("anyMatch")
    public static boolean anyMatch(DoubleStream s, DoublePredicate predicate) {
        return SequentialDoubleStream.sequential(s).anyMatch(predicate);
    }

    @Substitute("allMatch")
    public static boolean allMatch(DoubleStream s, DoublePredicate predicate) {
        return SequentialDoubleStream.sequential(s).allMatch(predicate);
    }

    @Substitute("noneMatch")
    public static boolean noneMatch(DoubleStream s, DoublePredicate predicate) {
        return SequentialDoubleStream.sequential(s).noneMatch(predicate);
    }

    // ---- collectors of numbers ----

    /** {@link Collectors#summingDouble}: the elements are collected as objects; the sum is compensated. */
    @Substitute("summingDouble")
    public static <T> Collector<T, ?, Double> summingDouble(ToDoubleFunction<? super T> mapper) {
        return Collectors.collectingAndThen(Collectors.toList(), l -> mapToDouble(l.stream(), mapper).sum());
    }

    /** {@link Collectors#averagingDouble}: the elements are collected as objects; the sum is compensated. */
    @Substitute("averagingDouble")
    public static <T> Collector<T, ?, Double> averagingDouble(ToDoubleFunction<? super T> mapper) {
        return Collectors.collectingAndThen(Collectors.toList(),
            l -> OptionalDoubles.orElse(mapToDouble(l.stream(), mapper).average(), 0.0));
    }

    /** {@link Collectors#summarizingDouble}: the elements are collected as objects, then summarized in order. */
    @Substitute("summarizingDouble")
    public static <T> Collector<T, ?, DoubleSummaryStatistics> summarizingDouble(
            ToDoubleFunction<? super T> mapper) {
        return Collectors.collectingAndThen(Collectors.toList(),
            l -> mapToDouble(l.stream(), mapper).summaryStatistics());
    }
}
