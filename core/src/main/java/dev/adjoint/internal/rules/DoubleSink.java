package dev.adjoint.internal.rules;

import java.util.HashSet;
import java.util.PrimitiveIterator;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.DoubleStream;

/**
 * One stage of a {@link SequentialDoubleStream}'s pipeline as its terminal operation runs it: each element goes
 * through every stage before the next element is pulled, and a stage that has had enough (a {@code limit}, a
 * {@code takeWhile}, a terminal operation that found its answer) asks for no more, as the JDK's sinks do. So
 * lambdas run the same number of times, in the same order, as in the JDK, side effects included; and since these
 * are plain Java, the engine differentiates the elements' way through them.
 */
abstract class DoubleSink implements DoubleConsumer {

    /** The next stage; null for the terminal operation. */
    final DoubleSink downstream;

    DoubleSink(DoubleSink downstream) {
        this.downstream = downstream;
    }

    @Override
    public abstract void accept(double v);

    /** @return whether this stage or a later one wants no more elements */
    boolean cancelled() {
        return downstream != null && downstream.cancelled();
    }

    /** Called once, after the last element: a stage that holds elements ({@code sorted}) passes them on now. */
    void end() {
        if (downstream != null) {
            downstream.end();
        }
    }

    /**
     * @return whether this stage or a later one may stop wanting elements ({@code limit}, {@code takeWhile}, a
     *         short-circuiting end): only then must the source ask before each element
     */
    boolean mayCancel() {
        return downstream != null && downstream.mayCancel();
    }

    /**
     * Pulls elements from a source through this stage until it ends or nobody wants more; a pipeline that cannot
     * stop early has the source push every element, one call per element instead of three (derivative code pays
     * for each call of a stage).
     */
    final void drain(DoubleSource source) {
        if (mayCancel()) {
            while (!cancelled() && source.hasNext()) {
                accept(source.next());
            }
        } else {
            source.pushTo(this);
        }
        end();
    }

    static final class Filter extends DoubleSink {
        private final DoublePredicate predicate;

        Filter(DoubleSink downstream, DoublePredicate predicate) {
            super(downstream);
            this.predicate = predicate;
        }

        @Override
        public void accept(double v) {
            if (predicate.test(v)) {
                downstream.accept(v);
            }
        }
    }

    static final class Map extends DoubleSink {
        private final DoubleUnaryOperator mapper;

        Map(DoubleSink downstream, DoubleUnaryOperator mapper) {
            super(downstream);
            this.mapper = mapper;
        }

        @Override
        public void accept(double v) {
            downstream.accept(mapper.applyAsDouble(v));
        }
    }

    static final class Peek extends DoubleSink {
        private final DoubleConsumer action;

        Peek(DoubleSink downstream, DoubleConsumer action) {
            super(downstream);
            this.action = action;
        }

        @Override
        public void accept(double v) {
            action.accept(v);
            downstream.accept(v);
        }
    }

    /** {@code limit(n)}: passes {@code n} elements, then asks for no more. */
    static final class Limit extends DoubleSink {
        private long remaining;

        Limit(DoubleSink downstream, long n) {
            super(downstream);
            this.remaining = n;
        }

        @Override
        public void accept(double v) {
            if (remaining > 0) {
                remaining--;
                downstream.accept(v);
            }
        }

        @Override
        boolean cancelled() {
            return remaining == 0 || downstream.cancelled();
        }

        @Override
        boolean mayCancel() {
            return true;
        }
    }

    static final class Skip extends DoubleSink {
        private long remaining;

        Skip(DoubleSink downstream, long n) {
            super(downstream);
            this.remaining = n;
        }

        @Override
        public void accept(double v) {
            if (remaining > 0) {
                remaining--;
            } else {
                downstream.accept(v);
            }
        }
    }

    /** {@code takeWhile}: passes elements while they pass the test; the first that fails ends the stream. */
    static final class TakeWhile extends DoubleSink {
        private final DoublePredicate predicate;
        private boolean taking = true;

        TakeWhile(DoubleSink downstream, DoublePredicate predicate) {
            super(downstream);
            this.predicate = predicate;
        }

        @Override
        public void accept(double v) {
            if (taking && (taking = predicate.test(v))) {
                downstream.accept(v);
            }
        }

        @Override
        boolean cancelled() {
            return !taking || downstream.cancelled();
        }

        @Override
        boolean mayCancel() {
            return true;
        }
    }

    /** {@code dropWhile}: tests elements until one fails, then passes that one and every later one untested. */
    static final class DropWhile extends DoubleSink {
        private final DoublePredicate predicate;
        private boolean dropping = true;

        DropWhile(DoubleSink downstream, DoublePredicate predicate) {
            super(downstream);
            this.predicate = predicate;
        }

        @Override
        public void accept(double v) {
            if (dropping && (dropping = predicate.test(v))) {
                return;
            }
            downstream.accept(v);
        }
    }

    /** {@code distinct}: the first of equal elements, compared as the JDK compares boxed doubles. */
    static final class Distinct extends DoubleSink {
        private final HashSet<Double> seen = new HashSet<>();

        Distinct(DoubleSink downstream) {
            super(downstream);
        }

        @Override
        public void accept(double v) {
            if (seen.add(v)) {
                downstream.accept(v);
            }
        }
    }

    /** {@code sorted}: holds every element, then passes them on in order while they are wanted. */
    static final class Sorted extends DoubleSink {
        private double[] held = new double[16];
        private int size;

        Sorted(DoubleSink downstream) {
            super(downstream);
        }

        @Override
        public void accept(double v) {
            if (size == held.length) {
                held = grown(held, size);
            }
            held[size++] = v;
        }

        @Override
        boolean cancelled() {
            return false;
        }

        @Override
        boolean mayCancel() {
            return false;
        }

        @Override
        void end() {
            double[] out = new double[size];
            for (int i = 0; i < size; i++) {
                out[i] = held[i];
            }
            ArrayReplacements.sort(out);
            for (int i = 0; i < size && !downstream.cancelled(); i++) {
                downstream.accept(out[i]);
            }
            downstream.end();
        }
    }

    /** {@code flatMap}: the elements of each element's stream, while they are wanted; each stream is closed. */
    static final class FlatMap extends DoubleSink {
        private final DoubleFunction<? extends DoubleStream> mapper;

        FlatMap(DoubleSink downstream, DoubleFunction<? extends DoubleStream> mapper) {
            super(downstream);
            this.mapper = mapper;
        }

        @Override
        public void accept(double v) {
            DoubleStream part = mapper.apply(v);
            if (part == null) {
                return;
            }
            SequentialDoubleStream s = SequentialDoubleStream.finite(part);
            PrimitiveIterator.OfDouble elements = s.iterator();
            while (!downstream.cancelled() && elements.hasNext()) {
                downstream.accept(elements.nextDouble());
            }
            s.close();
        }
    }

    /** {@code mapMulti}: the mapper hands its elements straight to the next stage. */
    static final class MapMulti extends DoubleSink {
        private final DoubleStream.DoubleMapMultiConsumer mapper;

        MapMulti(DoubleSink downstream, DoubleStream.DoubleMapMultiConsumer mapper) {
            super(downstream);
            this.mapper = mapper;
        }

        @Override
        public void accept(double v) {
            mapper.accept(v, downstream);
        }
    }

    /** The end of a pipeline that keeps what reaches it, for {@code toArray} and the stream's iterator. */
    static final class Buffer extends DoubleSink {
        private double[] values = new double[16];
        private int size;
        private int read;

        Buffer() {
            super(null);
        }

        @Override
        public void accept(double v) {
            if (size == values.length) {
                values = grown(values, size);
            }
            values[size++] = v;
        }

        boolean isEmpty() {
            return read == size;
        }

        double take() {
            return values[read++];
        }

        double[] toArray() {
            double[] out = new double[size - read];
            for (int i = read; i < size; i++) {
                out[i - read] = values[i];
            }
            return out;
        }
    }

    static double[] grown(double[] a, int used) {
        double[] b = new double[2 * a.length + 1];
        for (int i = 0; i < used; i++) {
            b[i] = a[i];
        }
        return b;
    }
}
