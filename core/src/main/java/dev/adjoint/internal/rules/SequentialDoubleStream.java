package dev.adjoint.internal.rules;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
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
 * lambdas are called from differentiated code and their derivatives flow through its stages. The JDK's pipeline
 * hands each element through a chain of sinks that the engine does not enter; this one does the same in code the
 * engine follows ({@link DoubleSink}), pulling elements from a {@link DoubleSource}.
 *
 * <p>As in the JDK, nothing runs until the terminal operation: it pulls one element at a time through every stage,
 * and a short-circuiting stage or end ({@code limit}, {@code takeWhile}, {@code findFirst}, {@code anyMatch}) stops
 * the pulling, so lambdas with side effects run as often and in the same order as in the JDK; {@code count()} of a
 * pipeline whose size the JDK knows does not run it. A stream may be used once. Sums and averages are compensated
 * as the JDK compensates them, so values agree bit for bit.
 */
public final class SequentialDoubleStream implements DoubleStream {

    private static final int FILTER = 0;
    private static final int MAP = 1;
    private static final int PEEK = 2;
    private static final int LIMIT = 3;
    private static final int SKIP = 4;
    private static final int TAKE_WHILE = 5;
    private static final int DROP_WHILE = 6;
    private static final int DISTINCT = 7;
    private static final int SORTED = 8;
    private static final int FLAT_MAP = 9;
    private static final int MAP_MULTI = 10;

    /** One intermediate operation: which, with its callback or count, after the operations before it. */
    private static final class Stage {
        final int kind;
        final Object callback;
        final long n;
        final Stage upstream;

        Stage(int kind, Object callback, long n, Stage upstream) {
            this.kind = kind;
            this.callback = callback;
            this.n = n;
            this.upstream = upstream;
        }
    }

    private final DoubleSource source;
    private final Stage last;
    /** How many elements reach the end of the stages, where the JDK knows it without running them; or -1. */
    private final long size;
    private final List<Runnable> closers;
    private boolean used;

    private SequentialDoubleStream(DoubleSource source, Stage last, long size, List<Runnable> closers) {
        this.source = source;
        this.last = last;
        this.size = size;
        this.closers = closers;
    }

    /** @return a stream of a source's elements */
    static SequentialDoubleStream of(DoubleSource source) {
        return new SequentialDoubleStream(source, null, source.exactSize(), new ArrayList<>());
    }

    /** @return a stream of {@code values[from..to)}, read when the terminal operation pulls them */
    static SequentialDoubleStream of(double[] values, int from, int to) {
        return of(new DoubleSource.OfArray(values, from, to));
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
        boolean sized = elements.hasCharacteristics(Spliterator.SIZED);
        DoubleStream rest = java.util.stream.StreamSupport.doubleStream(elements, false);
        double[] head = sized ? rest.toArray() : rest.limit(UNSIZED + 1L).toArray();
        if (head.length > UNSIZED && !sized) {
            return DoubleStream.concat(DoubleStream.of(head), java.util.stream.StreamSupport.doubleStream(elements,
                    false)).onClose(s::close);
        }
        DoubleSource source = new DoubleSource.OfArray(head, 0, head.length);
        return new SequentialDoubleStream(source, null, sized ? head.length : -1, new ArrayList<>())
                .onClose(s::close);
    }

    /** @return the elements of a stream a callback returned, as one of these */
    static SequentialDoubleStream finite(DoubleStream s) {
        DoubleStream q = sequential(s);
        if (q instanceof SequentialDoubleStream) {
            return (SequentialDoubleStream) q;
        }
        double[] v = q.toArray();
        return of(v, 0, v.length);
    }

    /** @return how many elements this stream has, where the JDK knows it without running the pipeline, or -1 */
    long knownSize() {
        return size;
    }

    /** A stream, like the JDK's, is used by one operation: later ones throw as the JDK's do. */
    private void use() {
        if (used) {
            throw new IllegalStateException("stream has already been operated upon or closed");
        }
        used = true;
    }

    private SequentialDoubleStream then(int kind, Object callback, long n, long size) {
        use();
        return new SequentialDoubleStream(source, new Stage(kind, callback, n, last), size, closers);
    }

    /** Runs the pipeline into a terminal sink, pulling elements until the sources end or nobody wants more. */
    private <S extends DoubleSink> S run(S terminal) {
        use();
        sinks(terminal).drain(source);
        return terminal;
    }

    /** The stages' sinks in front of {@code terminal}, the first stage's first. */
    private DoubleSink sinks(DoubleSink terminal) {
        DoubleSink s = terminal;
        for (Stage st = last; st != null; st = st.upstream) {
            s = sink(st, s);
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static DoubleSink sink(Stage st, DoubleSink down) {
        switch (st.kind) {
            case FILTER:
                return new DoubleSink.Filter(down, (DoublePredicate) st.callback);
            case MAP:
                return new DoubleSink.Map(down, (DoubleUnaryOperator) st.callback);
            case PEEK:
                return new DoubleSink.Peek(down, (DoubleConsumer) st.callback);
            case LIMIT:
                return new DoubleSink.Limit(down, st.n);
            case SKIP:
                return new DoubleSink.Skip(down, st.n);
            case TAKE_WHILE:
                return new DoubleSink.TakeWhile(down, (DoublePredicate) st.callback);
            case DROP_WHILE:
                return new DoubleSink.DropWhile(down, (DoublePredicate) st.callback);
            case DISTINCT:
                return new DoubleSink.Distinct(down);
            case SORTED:
                return new DoubleSink.Sorted(down);
            case FLAT_MAP:
                return new DoubleSink.FlatMap(down, (DoubleFunction<? extends DoubleStream>) st.callback);
            default:
                return new DoubleSink.MapMulti(down, (DoubleMapMultiConsumer) st.callback);
        }
    }

    // ---- intermediate operations ----

    @Override
    public DoubleStream filter(DoublePredicate predicate) {
        return then(FILTER, Objects.requireNonNull(predicate), 0, -1);
    }

    @Override
    public DoubleStream map(DoubleUnaryOperator mapper) {
        return then(MAP, Objects.requireNonNull(mapper), 0, size);
    }

    @Override
    public DoubleStream flatMap(DoubleFunction<? extends DoubleStream> mapper) {
        return then(FLAT_MAP, Objects.requireNonNull(mapper), 0, -1);
    }

    @Override
    public DoubleStream mapMulti(DoubleMapMultiConsumer mapper) {
        return then(MAP_MULTI, Objects.requireNonNull(mapper), 0, -1);
    }

    @Override
    public DoubleStream distinct() {
        return then(DISTINCT, null, 0, -1);
    }

    @Override
    public DoubleStream sorted() {
        return then(SORTED, null, 0, size);
    }

    @Override
    public DoubleStream peek(DoubleConsumer action) {
        return then(PEEK, Objects.requireNonNull(action), 0, size);
    }

    @Override
    public DoubleStream limit(long maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException(Long.toString(maxSize));
        }
        return then(LIMIT, null, maxSize, size < 0 ? -1 : Math.min(size, maxSize));
    }

    @Override
    public DoubleStream skip(long n) {
        if (n < 0) {
            throw new IllegalArgumentException(Long.toString(n));
        }
        return n == 0 ? this : then(SKIP, null, n, size < 0 ? -1 : Math.max(0, size - n));
    }

    @Override
    public DoubleStream takeWhile(DoublePredicate predicate) {
        return then(TAKE_WHILE, Objects.requireNonNull(predicate), 0, -1);
    }

    @Override
    public DoubleStream dropWhile(DoublePredicate predicate) {
        return then(DROP_WHILE, Objects.requireNonNull(predicate), 0, -1);
    }

    // ---- to other streams: the JDK's, made from the elements this pipeline gives, mapped as they come ----

    @Override
    public <U> Stream<U> mapToObj(DoubleFunction<? extends U> mapper) {
        List<U> out = new ArrayList<>();
        run(new DoubleSink(null) {
            @Override
            public void accept(double v) {
                out.add(mapper.apply(v));
            }
        });
        return withClosers(out.stream());
    }

    @Override
    public IntStream mapToInt(DoubleToIntFunction mapper) {
        IntStream.Builder out = IntStream.builder();
        run(new DoubleSink(null) {
            @Override
            public void accept(double v) {
                out.add(mapper.applyAsInt(v));
            }
        });
        return withClosers(out.build());
    }

    @Override
    public LongStream mapToLong(DoubleToLongFunction mapper) {
        LongStream.Builder out = LongStream.builder();
        run(new DoubleSink(null) {
            @Override
            public void accept(double v) {
                out.add(mapper.applyAsLong(v));
            }
        });
        return withClosers(out.build());
    }

    @Override
    public Stream<Double> boxed() {
        return mapToObj(v -> v);
    }

    // ---- terminal operations ----

    @Override
    public void forEach(DoubleConsumer action) {
        Objects.requireNonNull(action);
        run(new DoubleSink(null) {
            @Override
            public void accept(double v) {
                action.accept(v);
            }
        });
    }

    @Override
    public void forEachOrdered(DoubleConsumer action) {
        forEach(action);
    }

    @Override
    public double[] toArray() {
        return run(new DoubleSink.Buffer()).toArray();
    }

    @Override
    public double reduce(double identity, DoubleBinaryOperator op) {
        return run(new Reduction(identity, op, true)).result;
    }

    @Override
    public OptionalDouble reduce(DoubleBinaryOperator op) {
        Reduction r = run(new Reduction(0, op, false));
        return r.seen ? OptionalDoubles.valueOf(r.result) : OptionalDouble.empty();
    }

    /** {@code reduce}: with an identity, or from the first element. */
    private static final class Reduction extends DoubleSink {
        private final DoubleBinaryOperator op;
        double result;
        boolean seen;

        Reduction(double identity, DoubleBinaryOperator op, boolean fromIdentity) {
            super(null);
            this.op = Objects.requireNonNull(op);
            this.result = identity;
            this.seen = fromIdentity;
        }

        @Override
        public void accept(double v) {
            if (seen) {
                result = op.applyAsDouble(result, v);
            } else {
                result = v;
                seen = true;
            }
        }
    }

    @Override
    public <R> R collect(Supplier<R> supplier, ObjDoubleConsumer<R> accumulator, BiConsumer<R, R> combiner) {
        R r = supplier.get();
        run(new DoubleSink(null) {
            @Override
            public void accept(double v) {
                accumulator.accept(r, v);
            }
        });
        return r;
    }

    /** The JDK's sum: Kahan's compensated sum, and the plain sum where the compensation overflows. */
    static final class Sum extends DoubleSink {
        private double sum;
        private double compensation;
        private double simple;
        long count;

        Sum() {
            super(null);
        }

        @Override
        public void accept(double v) {
            double y = v - compensation;
            double t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
            simple += v;
            count++;
        }

        double result() {
            return finalSum(sum, compensation, simple);
        }
    }

    /** A pipeline without stages is summed by its source, in its own loop ({@link DoubleSource#sum}). */
    @Override
    public double sum() {
        if (last != null) {
            return run(new Sum()).result();
        }
        use();
        return source.sum();
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
        if (size >= 0) {
            use();
            return size;
        }
        return run(new Sum()).count;
    }

    @Override
    public OptionalDouble average() {
        Sum s = run(new Sum());
        return s.count == 0 ? OptionalDouble.empty() : OptionalDoubles.valueOf(s.result() / s.count);
    }

    @Override
    public DoubleSummaryStatistics summaryStatistics() {
        DoubleSummaryStatistics s = new CompensatedStatistics();
        run(new DoubleSink(null) {
            @Override
            public void accept(double v) {
                s.accept(v);
            }
        });
        return s;
    }

    /** {@code anyMatch}, {@code allMatch}, {@code noneMatch}: stops at the first element that decides. */
    private static final class Match extends DoubleSink {
        private final DoublePredicate predicate;
        private final boolean stopWhen;
        boolean stopped;

        Match(DoublePredicate predicate, boolean stopWhen) {
            super(null);
            this.predicate = Objects.requireNonNull(predicate);
            this.stopWhen = stopWhen;
        }

        @Override
        public void accept(double v) {
            if (!stopped && predicate.test(v) == stopWhen) {
                stopped = true;
            }
        }

        @Override
        boolean cancelled() {
            return stopped;
        }

        @Override
        boolean mayCancel() {
            return true;
        }
    }

    @Override
    public boolean anyMatch(DoublePredicate predicate) {
        return run(new Match(predicate, true)).stopped;
    }

    @Override
    public boolean allMatch(DoublePredicate predicate) {
        return !run(new Match(predicate, false)).stopped;
    }

    @Override
    public boolean noneMatch(DoublePredicate predicate) {
        return !run(new Match(predicate, true)).stopped;
    }

    /** {@code findFirst}: the first element, and no more. */
    private static final class First extends DoubleSink {
        double value;
        boolean found;

        First() {
            super(null);
        }

        @Override
        public void accept(double v) {
            if (!found) {
                value = v;
                found = true;
            }
        }

        @Override
        boolean cancelled() {
            return found;
        }

        @Override
        boolean mayCancel() {
            return true;
        }
    }

    @Override
    public OptionalDouble findFirst() {
        First f = run(new First());
        return f.found ? OptionalDoubles.valueOf(f.value) : OptionalDouble.empty();
    }

    @Override
    public OptionalDouble findAny() {
        return findFirst();
    }

    /** Pulls elements through the pipeline as the iterator is read, in differentiated code. */
    @Override
    public PrimitiveIterator.OfDouble iterator() {
        use();
        DoubleSink.Buffer buffer = new DoubleSink.Buffer();
        return new Iterator(source, sinks(buffer), buffer);
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
        private final DoubleSource source;
        private final DoubleSink first;
        private final DoubleSink.Buffer buffer;
        private boolean ended;

        Iterator(DoubleSource source, DoubleSink first, DoubleSink.Buffer buffer) {
            this.source = source;
            this.first = first;
            this.buffer = buffer;
        }

        /** Pulls source elements through the stages until one comes out or the pipeline ends. */
        @Override
        public boolean hasNext() {
            while (buffer.isEmpty() && !ended) {
                if (!first.cancelled() && source.hasNext()) {
                    first.accept(source.next());
                } else {
                    ended = true;
                    first.end();
                }
            }
            return !buffer.isEmpty();
        }

        @Override
        public double nextDouble() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.take();
        }

        @Override
        public Double next() {
            return nextDouble();
        }

        @Override
        public void forEachRemaining(DoubleConsumer action) {
            while (hasNext()) {
                action.accept(buffer.take());
            }
        }

        @Override
        public void forEachRemaining(java.util.function.Consumer<? super Double> action) {
            while (hasNext()) {
                action.accept(buffer.take());
            }
        }
    }
}
