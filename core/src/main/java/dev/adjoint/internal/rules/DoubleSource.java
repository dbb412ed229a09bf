package dev.adjoint.internal.rules;

import java.util.List;
import java.util.PrimitiveIterator;
import java.util.function.DoublePredicate;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import java.util.function.LongToDoubleFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;

/**
 * Where the elements of a {@link SequentialDoubleStream} come from, one at a time as its terminal operation pulls
 * them, as the JDK's spliterators give them: a mapping source calls its mapper for an element only when that
 * element is pulled, so a short-circuiting end ({@code limit}, {@code findFirst}) spares the elements after it.
 */
abstract class DoubleSource {

    /** @return whether there is another element (computing it, for an iteration) */
    abstract boolean hasNext();

    /** @return the next element; only after {@link #hasNext} said there is one */
    abstract double next();

    /** Passes every remaining element to {@code sink}, in order, each computed when its turn comes. */
    void pushTo(DoubleSink sink) {
        while (hasNext()) {
            sink.accept(next());
        }
    }

    /**
     * @return the remaining elements' sum, compensated as the JDK's {@code sum()}. Sources that index their elements
     *         sum in their own loop on a {@link CompensatedSum} they allocate: the engine inlines it and keeps its
     *         fields in locals (design §16b), so derivative code makes one call per element (the mapper's) instead
     *         of two, and looks up no sink's shadow per element
     */
    double sum() {
        SequentialDoubleStream.Sum s = new SequentialDoubleStream.Sum();
        pushTo(s);
        return s.result();
    }

    /** @return how many elements there are, where the JDK knows it without computing them, or -1 */
    long exactSize() {
        return -1;
    }

    /** The elements of an array, read when pulled (as {@code Arrays.stream}, which sees later writes). */
    static final class OfArray extends DoubleSource {
        private final double[] values;
        private final int to;
        private int next;

        OfArray(double[] values, int from, int to) {
            this.values = values;
            this.next = from;
            this.to = to;
        }

        @Override
        boolean hasNext() {
            return next < to;
        }

        @Override
        double next() {
            return values[next++];
        }

        @Override
        void pushTo(DoubleSink sink) {
            while (next < to) {
                sink.accept(values[next++]);
            }
        }

        @Override
        double sum() {
            CompensatedSum s = new CompensatedSum();
            while (next < to) {
                s.add(values[next++]);
            }
            return s.result();
        }

        @Override
        long exactSize() {
            return to - next;
        }
    }

    /** Ints read from a stream of the JDK, each mapped to a number when pulled. */
    static final class OfInts extends DoubleSource {
        private final int[] in;
        private final IntToDoubleFunction mapper;
        private final boolean sized;
        private int next;

        OfInts(int[] in, IntToDoubleFunction mapper, boolean sized) {
            this.in = in;
            this.mapper = mapper;
            this.sized = sized;
        }

        @Override
        boolean hasNext() {
            return next < in.length;
        }

        @Override
        double next() {
            return mapper.applyAsDouble(in[next++]);
        }

        @Override
        void pushTo(DoubleSink sink) {
            while (next < in.length) {
                sink.accept(mapper.applyAsDouble(in[next++]));
            }
        }

        @Override
        double sum() {
            CompensatedSum s = new CompensatedSum();
            while (next < in.length) {
                s.add(mapper.applyAsDouble(in[next++]));
            }
            return s.result();
        }

        @Override
        long exactSize() {
            return sized ? in.length - next : -1;
        }
    }

    /** Longs read from a stream of the JDK, each mapped to a number when pulled. */
    static final class OfLongs extends DoubleSource {
        private final long[] in;
        private final LongToDoubleFunction mapper;
        private final boolean sized;
        private int next;

        OfLongs(long[] in, LongToDoubleFunction mapper, boolean sized) {
            this.in = in;
            this.mapper = mapper;
            this.sized = sized;
        }

        @Override
        boolean hasNext() {
            return next < in.length;
        }

        @Override
        double next() {
            return mapper.applyAsDouble(in[next++]);
        }

        @Override
        void pushTo(DoubleSink sink) {
            while (next < in.length) {
                sink.accept(mapper.applyAsDouble(in[next++]));
            }
        }

        @Override
        double sum() {
            CompensatedSum s = new CompensatedSum();
            while (next < in.length) {
                s.add(mapper.applyAsDouble(in[next++]));
            }
            return s.result();
        }

        @Override
        long exactSize() {
            return sized ? in.length - next : -1;
        }
    }

    /**
     * Objects collected from a stream, each mapped to a number when pulled. Whether the JDK knew their number is
     * not known (its spliterator cannot be asked), so a count maps them, where the JDK may not.
     */
    static final class OfObjects<T> extends DoubleSource {
        private final List<T> in;
        private final ToDoubleFunction<? super T> mapper;
        private int next;

        OfObjects(List<T> in, ToDoubleFunction<? super T> mapper) {
            this.in = in;
            this.mapper = mapper;
        }

        @Override
        boolean hasNext() {
            return next < in.size();
        }

        @Override
        double next() {
            return mapper.applyAsDouble(in.get(next++));
        }
    }

    /** Objects read from a stream, each mapped to a stream of numbers whose elements are pulled in turn. */
    static final class FlatObjects<T> extends DoubleSource {
        private final List<T> in;
        private final Function<? super T, ? extends DoubleStream> mapper;
        private int next;
        private DoubleStream part;
        private PrimitiveIterator.OfDouble elements;

        FlatObjects(List<T> in, Function<? super T, ? extends DoubleStream> mapper) {
            this.in = in;
            this.mapper = mapper;
        }

        @Override
        boolean hasNext() {
            while (elements == null || !elements.hasNext()) {
                if (part != null) {
                    part.close();
                    part = null;
                    elements = null;
                }
                if (next == in.size()) {
                    return false;
                }
                DoubleStream s = mapper.apply(in.get(next++));
                if (s != null) {
                    part = SequentialDoubleStream.finite(s);
                    elements = part.iterator();
                }
            }
            return true;
        }

        @Override
        double next() {
            return elements.nextDouble();
        }
    }

    /** The elements of one stream, then of another ({@code DoubleStream.concat}), each pulled when needed. */
    static final class Concatenated extends DoubleSource {
        private final PrimitiveIterator.OfDouble first;
        private final PrimitiveIterator.OfDouble second;
        private final long size;

        Concatenated(SequentialDoubleStream a, SequentialDoubleStream b) {
            long sa = a.knownSize();
            long sb = b.knownSize();
            this.size = sa < 0 || sb < 0 || sa + sb < 0 ? -1 : sa + sb;
            this.first = a.iterator();
            this.second = b.iterator();
        }

        @Override
        boolean hasNext() {
            return first.hasNext() || second.hasNext();
        }

        @Override
        double next() {
            return first.hasNext() ? first.nextDouble() : second.nextDouble();
        }

        @Override
        long exactSize() {
            return size;
        }
    }

    /** {@code DoubleStream.iterate(seed, hasNext, next)}: each element computed and tested when pulled. */
    static final class Iterated extends DoubleSource {
        private final double seed;
        private final DoublePredicate condition;
        private final DoubleUnaryOperator step;
        private boolean started;
        private boolean ready;
        private boolean finished;
        private double current;

        Iterated(double seed, DoublePredicate condition, DoubleUnaryOperator step) {
            this.seed = seed;
            this.condition = condition;
            this.step = step;
        }

        @Override
        boolean hasNext() {
            if (!ready && !finished) {
                current = started ? step.applyAsDouble(current) : seed;
                started = true;
                finished = !condition.test(current);
                ready = !finished;
            }
            return ready;
        }

        @Override
        double next() {
            ready = false;
            return current;
        }
    }
}
