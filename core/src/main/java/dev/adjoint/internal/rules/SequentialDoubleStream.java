package dev.adjoint.internal.rules;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalDouble;
import java.util.PrimitiveIterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiConsumer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;
import java.util.function.DoubleToIntFunction;
import java.util.function.DoubleToLongFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ObjDoubleConsumer;
import java.util.function.Supplier;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A sequential {@link DoubleStream} in plain Java, which the engine differentiates through its bytecode like any
 * library: differentiated code gets one in place of the JDK's ({@link StreamReplacements}), so a pipeline's
 * lambdas are called from differentiated code and their derivatives flow through its loops. The JDK's pipeline
 * hands each element through a chain of sinks that the engine does not enter; here each operation is one loop over
 * an array, which is what makes a pipeline's gradient cost a small multiple of the pipeline, not of an interpreter.
 *
 * <p>Each operation runs when it is called, on every element, where the JDK runs a pipeline element by element
 * when its terminal operation pulls: results agree for lambdas without side effects; a lambda that has them sees
 * the elements stage by stage. Sums and averages are compensated as the JDK compensates them, so values agree bit
 * for bit.
 */
public final class SequentialDoubleStream implements DoubleStream {

    private final double[] values;
    private final int size;
    private final List<Runnable> closers;

    SequentialDoubleStream(double[] values, int size, List<Runnable> closers) {
        this.values = values;
        this.size = size;
        this.closers = closers;
    }

    /** @return a stream of {@code values[from..to)}, copied */
    static SequentialDoubleStream of(double[] values, int from, int to) {
        double[] copy = new double[to - from];
        for (int i = from; i < to; i++) {
            copy[i - from] = values[i];
        }
        return new SequentialDoubleStream(copy, copy.length, new ArrayList<>());
    }

    /**
     * How many elements of a stream of unknown size are read before it is taken for infinite ({@code generate},
     * {@code iterate} without a condition) and left to the JDK.
     */
    static final int UNSIZED = 1 << 20;

    /**
     * A stream of the JDK made outside differentiated code, or by an operation that takes no callback, holds
     * elements without derivatives: it is read into an array, unless it may be infinite, which stays the JDK's
     * (whose callbacks are followed in a frame, and refused when they return numbers that carry derivatives).
     *
     * @return the stream itself, a stream of the JDK stream's elements, or the JDK stream when it may be infinite
     */
    static DoubleStream sequential(DoubleStream s) {
        if (s instanceof SequentialDoubleStream) {
            return s;
        }
        Spliterator.OfDouble elements = s.spliterator();
        boolean sized = elements.estimateSize() != Long.MAX_VALUE;
        DoubleStream rest = java.util.stream.StreamSupport.doubleStream(elements, false);
        double[] head = sized ? rest.toArray() : rest.limit(UNSIZED + 1L).toArray();
        if (head.length > UNSIZED && !sized) {
            return DoubleStream.concat(DoubleStream.of(head), java.util.stream.StreamSupport.doubleStream(elements,
                    false)).onClose(s::close);
        }
        return new SequentialDoubleStream(head, head.length, new ArrayList<>()).onClose(s::close);
    }

    /** @return the elements of a stream a callback returned, as one of these */
    private static SequentialDoubleStream finite(DoubleStream s) {
        DoubleStream q = sequential(s);
        if (q instanceof SequentialDoubleStream) {
            return (SequentialDoubleStream) q;
        }
        double[] v = q.toArray();
        return new SequentialDoubleStream(v, v.length, new ArrayList<>());
    }

    private SequentialDoubleStream next(double[] out, int n) {
        return new SequentialDoubleStream(out, n, closers);
    }

    // ---- intermediate operations ----

    @Override
    public DoubleStream filter(DoublePredicate predicate) {
        double[] out = new double[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            double v = values[i];
            if (predicate.test(v)) {
                out[n++] = v;
            }
        }
        return next(out, n);
    }

    @Override
    public DoubleStream map(DoubleUnaryOperator mapper) {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = mapper.applyAsDouble(values[i]);
        }
        return next(out, size);
    }

    @Override
    public <U> Stream<U> mapToObj(DoubleFunction<? extends U> mapper) {
        List<U> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(mapper.apply(values[i]));
        }
        return withClosers(out.stream());
    }

    @Override
    public IntStream mapToInt(DoubleToIntFunction mapper) {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = mapper.applyAsInt(values[i]);
        }
        return withClosers(IntStream.of(out));
    }

    @Override
    public LongStream mapToLong(DoubleToLongFunction mapper) {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = mapper.applyAsLong(values[i]);
        }
        return withClosers(LongStream.of(out));
    }

    @Override
    public DoubleStream flatMap(DoubleFunction<? extends DoubleStream> mapper) {
        double[] out = new double[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            DoubleStream part = mapper.apply(values[i]);
            if (part == null) {
                continue;
            }
            SequentialDoubleStream s = finite(part);
            if (n + s.size > out.length) {
                out = grown(out, n, n + s.size);
            }
            for (int k = 0; k < s.size; k++) {
                out[n++] = s.values[k];
            }
            s.close();
        }
        return next(out, n);
    }

    @Override
    public DoubleStream mapMulti(DoubleMapMultiConsumer mapper) {
        double[][] out = {new double[size]};
        int[] n = {0};
        for (int i = 0; i < size; i++) {
            mapper.accept(values[i], v -> {
                if (n[0] == out[0].length) {
                    out[0] = grown(out[0], n[0], 2 * n[0] + 1);
                }
                out[0][n[0]++] = v;
            });
        }
        return next(out[0], n[0]);
    }

    private static double[] grown(double[] a, int used, int at) {
        double[] b = new double[Math.max(at, 2 * a.length)];
        for (int i = 0; i < used; i++) {
            b[i] = a[i];
        }
        return b;
    }

    @Override
    public DoubleStream distinct() {
        HashSet<Double> seen = new HashSet<>();
        return filter(v -> seen.add(v));
    }

    @Override
    public DoubleStream sorted() {
        double[] out = toArray();
        ArrayReplacements.sort(out);
        return next(out, size);
    }

    @Override
    public DoubleStream peek(DoubleConsumer action) {
        for (int i = 0; i < size; i++) {
            action.accept(values[i]);
        }
        return this;
    }

    @Override
    public DoubleStream limit(long maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException(Long.toString(maxSize));
        }
        return of(values, 0, (int) Math.min(size, maxSize)).sharing(closers);
    }

    @Override
    public DoubleStream skip(long n) {
        if (n < 0) {
            throw new IllegalArgumentException(Long.toString(n));
        }
        return of(values, (int) Math.min(size, n), size).sharing(closers);
    }

    @Override
    public DoubleStream takeWhile(DoublePredicate predicate) {
        int n = 0;
        while (n < size && predicate.test(values[n])) {
            n++;
        }
        return of(values, 0, n).sharing(closers);
    }

    @Override
    public DoubleStream dropWhile(DoublePredicate predicate) {
        int n = 0;
        while (n < size && predicate.test(values[n])) {
            n++;
        }
        return of(values, n, size).sharing(closers);
    }

    private SequentialDoubleStream sharing(List<Runnable> handlers) {
        return new SequentialDoubleStream(values, size, handlers);
    }

    @Override
    public Stream<Double> boxed() {
        return mapToObj(v -> v);
    }

    // ---- terminal operations ----

    @Override
    public void forEach(DoubleConsumer action) {
        for (int i = 0; i < size; i++) {
            action.accept(values[i]);
        }
    }

    @Override
    public void forEachOrdered(DoubleConsumer action) {
        forEach(action);
    }

    @Override
    public double[] toArray() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = values[i];
        }
        return out;
    }

    @Override
    public double reduce(double identity, DoubleBinaryOperator op) {
        double r = identity;
        for (int i = 0; i < size; i++) {
            r = op.applyAsDouble(r, values[i]);
        }
        return r;
    }

    @Override
    public OptionalDouble reduce(DoubleBinaryOperator op) {
        if (size == 0) {
            return OptionalDouble.empty();
        }
        double r = values[0];
        for (int i = 1; i < size; i++) {
            r = op.applyAsDouble(r, values[i]);
        }
        return OptionalDoubles.valueOf(r);
    }

    @Override
    public <R> R collect(Supplier<R> supplier, ObjDoubleConsumer<R> accumulator, BiConsumer<R, R> combiner) {
        R r = supplier.get();
        for (int i = 0; i < size; i++) {
            accumulator.accept(r, values[i]);
        }
        return r;
    }

    /** The JDK's sum: Kahan's compensated sum, and the plain sum where the compensation overflows. */
    @Override
    public double sum() {
        double sum = 0;
        double compensation = 0;
        double simple = 0;
        for (int i = 0; i < size; i++) {
            double v = values[i];
            double y = v - compensation;
            double t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
            simple += v;
        }
        return finalSum(sum, compensation, simple);
    }

    static double finalSum(double sum, double compensation, double simple) {
        double s = sum - compensation;
        return Double.isNaN(s) && Double.isInfinite(simple) ? simple : s;
    }

    @Override
    public OptionalDouble min() {
        return reduce(Math::min);
    }

    @Override
    public OptionalDouble max() {
        return reduce(Math::max);
    }

    @Override
    public long count() {
        return size;
    }

    @Override
    public OptionalDouble average() {
        return size == 0 ? OptionalDouble.empty() : OptionalDoubles.valueOf(sum() / size);
    }

    @Override
    public DoubleSummaryStatistics summaryStatistics() {
        DoubleSummaryStatistics s = new CompensatedStatistics();
        for (int i = 0; i < size; i++) {
            s.accept(values[i]);
        }
        return s;
    }

    @Override
    public boolean anyMatch(DoublePredicate predicate) {
        for (int i = 0; i < size; i++) {
            if (predicate.test(values[i])) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean allMatch(DoublePredicate predicate) {
        for (int i = 0; i < size; i++) {
            if (!predicate.test(values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean noneMatch(DoublePredicate predicate) {
        return !anyMatch(predicate);
    }

    @Override
    public OptionalDouble findFirst() {
        return size == 0 ? OptionalDouble.empty() : OptionalDoubles.valueOf(values[0]);
    }

    @Override
    public OptionalDouble findAny() {
        return findFirst();
    }

    @Override
    public PrimitiveIterator.OfDouble iterator() {
        return new Iterator(values, size);
    }

    /** The JDK's spliterator reads the elements where their derivatives are lost: refused when they carry any. */
    @Override
    public Spliterator.OfDouble spliterator() {
        return Spliterators.spliterator(toArray(), Spliterator.ORDERED | Spliterator.IMMUTABLE);
    }

    // ---- the stream's own state ----

    @Override
    public boolean isParallel() {
        return false;
    }

    @Override
    public DoubleStream sequential() {
        return this;
    }

    /** Never reached from differentiated code: the engine refuses the call, whose callbacks would run elsewhere. */
    @Override
    public DoubleStream parallel() {
        throw new UnsupportedOperationException("a parallel stream in differentiated code");
    }

    @Override
    public DoubleStream unordered() {
        return this;
    }

    @Override
    public DoubleStream onClose(Runnable closeHandler) {
        closers.add(closeHandler);
        return this;
    }

    @Override
    public void close() {
        for (Runnable r : closers) {
            r.run();
        }
        closers.clear();
    }

    private <S extends java.util.stream.BaseStream<?, S>> S withClosers(S s) {
        S out = s;
        for (Runnable r : closers) {
            out = out.onClose(r);
        }
        return out;
    }

    /** Reads the elements in differentiated code, where {@code PrimitiveIterator}'s defaults would not. */
    private static final class Iterator implements PrimitiveIterator.OfDouble {
        private final double[] values;
        private final int size;
        private int next;

        Iterator(double[] values, int size) {
            this.values = values;
            this.size = size;
        }

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public double nextDouble() {
            if (next >= size) {
                throw new NoSuchElementException();
            }
            return values[next++];
        }

        @Override
        public Double next() {
            return nextDouble();
        }

        @Override
        public void forEachRemaining(DoubleConsumer action) {
            while (next < size) {
                action.accept(values[next++]);
            }
        }

        @Override
        public void forEachRemaining(java.util.function.Consumer<? super Double> action) {
            while (next < size) {
                action.accept(values[next++]);
            }
        }
    }
}
