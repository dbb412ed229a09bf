package dev.adjoint.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random programs over five inputs that exercise what the heap issue promises: arrays mutated in place and through
 * aliases, arrays and objects passed to and returned from methods, JDK array methods, objects, records, boxed
 * doubles, collections, two-dimensional arrays, loops with breaks and data-dependent trip counts, and exceptions
 * thrown and caught inside loops and callees.
 *
 * <p>A program is a list of statements, each valid on its own: every variable is declared and initialised before
 * the first statement and every index is a constant in range or a loop index. So a failing program can be shrunk
 * by dropping statements and still compile. Every value stored is passed through a smooth squashing function, so
 * values stay small however many statements there are, and central differences stay accurate.
 */
final class Programs {

    /** Length of the input and of every local array. */
    static final int N = 5;

    private static final String[] ARRAYS = {"a0", "a1", "a2"};
    private static final String[] READABLE = {"a0", "a1", "a2", "x", "c.w", "m[0]", "m[1]"};
    /** Arrays that may be written: the locals, the input itself, and arrays reached through objects. */
    private static final String[] WRITABLE = {"a0", "a1", "a2", "x", "c.w", "m[1]"};
    private static final String[] SCALARS = {"s0", "s1", "s2"};

    /** Marks a statement that Adjoint may refuse: a refusal there must name the statement's line. */
    static final String MAY_REFUSE = "/*may refuse*/";
    /** Marks a statement whose JDK callbacks second derivatives refuse. */
    static final String CALLS_BACK = "/*calls back*/";

    private final Random random;
    private final boolean jdk;

    Programs(long seed) {
        this(seed, false);
    }

    /**
     * @param jdk whether one statement in three uses the JDK as people write it: lambdas given to java.util
     *            methods, Optional and Objects, streams, text made from numbers, bits of numbers in longs, and a
     *            comparator with side effects
     */
    Programs(long seed, boolean jdk) {
        random = new Random(seed);
        this.jdk = jdk;
    }

    /** A program of one to {@code maxStatements} statements. */
    Program next(int maxStatements) {
        int n = 1 + random.nextInt(maxStatements);
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            statements.add(statement());
        }
        return new Program(statements);
    }

    /** A point drawn uniformly from [-1.5, 1.5)^N. */
    double[] point() {
        return random.doubles(N, -1.5, 1.5).toArray();
    }

    String statement() {
        if (jdk && random.nextInt(3) == 0) {
            return jdk();
        }
        int kind = random.nextInt(28);
        if (kind < 4) {
            return scalar();
        } else if (kind < 8) {
            return store();
        } else if (kind < 11) {
            return array();
        } else if (kind < 14) {
            return loop();
        } else if (kind < 16) {
            return branch();
        } else if (kind < 19) {
            return exception();
        } else if (kind < 21) {
            return call();
        } else if (kind < 23) {
            return object();
        } else if (kind < 25) {
            return collection();
        }
        return dispatch();
    }

    // ---- choices

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private int index() {
        return random.nextInt(N);
    }

    private String s() {
        return pick(SCALARS);
    }

    private String read() {
        return pick(READABLE);
    }

    private String write() {
        return pick(WRITABLE);
    }

    // ---- expressions

    private String leaf(String loopIndex) {
        switch (random.nextInt(5)) {
            case 0:
                return s();
            case 1:
                return pick("0.5", "1.25", "(-0.75)", "2.0", "0.1");
            case 2:
                return loopIndex == null ? "c.v" : read() + "[" + loopIndex + "]";
            case 3:
                return loopIndex == null ? read() + "[" + index() + "]" : read() + "[" + loopIndex + "]";
            default:
                return read() + "[" + index() + "]";
        }
    }

    /** An expression of at most the given depth; loop bodies may read elements at their index. */
    String expression(int depth, String loopIndex) {
        int kind = depth == 0 ? 0 : random.nextInt(7);
        if (kind < 2) {
            return depth == 0 ? leaf(loopIndex) : expression(depth - 1, loopIndex);
        } else if (kind < 5) {
            return "(" + expression(depth - 1, loopIndex) + pick(" + ", " - ", " * ")
                    + expression(depth - 1, loopIndex) + ")";
        }
        String a = expression(depth - 1, loopIndex);
        switch (random.nextInt(11)) {
            case 6:
                return pick("Math.max", "Math.min", "Math.hypot") + "(" + a + ", " + expression(depth - 1, loopIndex)
                        + ")";
            case 7:
                return "Math.pow(1 + Math.abs(" + a + "), 1.5)";
            case 8:
                return "Math.log1p(" + a + " * " + a + ")";
            case 9:
                return "(" + a + " / (1 + " + a + " * " + a + "))";
            case 10:
                return "(" + a + " > " + pick("0.0", "0.3") + " ? " + expression(depth - 1, loopIndex) + " : " + a
                        + ")";
            case 0:
                return "Math.exp(-" + a + " * " + a + ")";
            case 1:
                return "Math.sqrt(1 + " + a + " * " + a + ")";
            case 2:
                // a kink at zero, which the squashed values almost never reach exactly
                return "Math.abs(" + a + ")";
            default:
                return pick("Math.sin", "Math.cos", "H.ratio") + "(" + a + ")";
        }
    }

    /** A bounded value: an expression passed through a squashing function. */
    String bounded(String loopIndex) {
        return pick("Math.sin", "Math.tanh", "H.ratio", "Math.atan", "Math.cos") + "(" + expression(2, loopIndex) + ")";
    }

    private String bounded() {
        return bounded(null);
    }

    // ---- statements

    private String scalar() {
        switch (random.nextInt(8)) {
            case 0:
            case 1:
                return s() + " = " + bounded() + ";";
            case 2:
            case 3:
                return s() + " " + pick("+=", "-=", "*=") + " " + bounded() + ";";
            case 4:
                return s() + " = Math.fma(" + bounded() + ", " + bounded() + ", " + bounded() + ");";
            case 5:
                return "{ Double d = " + bounded() + "; " + s() + " = d * " + s() + " + 0.5 * d; }";
            case 6:
                return "H.tmp = " + bounded() + "; " + s() + " = H.tmp * " + s() + ";";
            default:
                return s() + " = H.recur(" + bounded() + ", " + random.nextInt(5) + ");";
        }
    }

    private String store() {
        return write() + "[" + index() + "] " + pick("=", "+=", "-=", "*=") + " " + bounded() + ";";
    }

    private String array() {
        switch (random.nextInt(8)) {
            case 0:
                return pick(ARRAYS) + " = " + read() + ";";
            case 1:
            case 2:
                String to = pick(ARRAYS);
                String from = read();
                return pick(to + " = " + from + ".clone();", to + " = Arrays.copyOf(" + from + ", " + N + ");",
                        to + " = Arrays.copyOfRange(" + from + ", 0, " + N + ");");
            case 3:
            case 4:
                int sp = index();
                int dp = index();
                int length = Math.min(random.nextInt(N + 1), N - Math.max(sp, dp));
                return "System.arraycopy(" + read() + ", " + sp + ", " + write() + ", " + dp + ", " + length + ");";
            case 5:
                int i = index();
                int j = index();
                return "Arrays.fill(" + write() + ", " + Math.min(i, j) + ", " + (Math.max(i, j) + 1) + ", "
                        + bounded() + ");";
            case 6:
                return "Arrays.sort(" + write() + ");";
            default:
                return "m[" + random.nextInt(2) + "] = " + read() + ";";
        }
    }

    private String loop() {
        int lo = random.nextInt(3);
        int hi = 2 + random.nextInt(N - 1);
        String a = write();
        String s = s();
        switch (random.nextInt(11)) {
            case 8:
                return "{ int i = " + lo + "; do { " + s + " = Math.sin(" + s + ") + 0.5 * " + read() + "[i]; i++; }"
                        + " while (i < " + hi + "); }";
            case 9:
                String b2 = read();
                return "outer: for (int i = 0; i < " + N + "; i++) { for (int j = i; j < " + N + "; j++) { if (" + b2
                        + "[i] * " + b2 + "[j] > " + pick("0.5", "0.9") + ") { break outer; } " + s + " += 0.2 * "
                        + b2 + "[i] * " + b2 + "[j]; } }";
            case 10:
                return "{ double[][] mm = new double[2][" + N + "]; for (int i = 0; i < " + N + "; i++) { mm[i % 2][i]"
                        + " = " + bounded("i") + "; mm[1 - i % 2][i] = mm[i % 2][i] * " + read() + "[i]; } " + s
                        + " += H.dot(mm[0], mm[1]); }";
            case 0:
                return "for (int i = " + lo + "; i < " + hi + "; i++) { " + a + "[i] = " + a + "[i] * "
                        + bounded("i") + " + 0.5; }";
            case 1:
                return "for (int i = " + lo + "; i < " + hi + "; i++) { " + s + " += 0.3 * " + bounded("i") + "; }";
            case 2:
                return "for (int i = 0; i < " + N + "; i++) { " + a + "[i] = 0.5 * " + a + "[i] + 0.25 * " + read()
                        + "[(i + 1) % " + N + "]; }";
            case 3:
                String b = read();
                return "for (int i = 0; i < " + N + "; i++) { if (" + b + "[i] > " + s + ") { " + s + " = " + b
                        + "[i]; } }";
            case 4:
                return "for (int i = 0; i < " + N + "; i++) { for (int j = 0; j < i; j++) { " + s + " += 0.1 * "
                        + read() + "[j] * " + read() + "[i]; } }";
            case 5:
                String r = read();
                return "for (int i = 0; i < " + N + "; i++) { if (" + r + "[i] > " + pick("0.2", "0.6", "-0.1")
                        + ") { " + pick("break", "continue") + "; } " + s + " += " + r + "[i] * " + r + "[i]; }";
            case 6:
                return "{ int t = 0; while (t < 6 && Math.abs(" + s + ") > 0.05) { " + s + " *= 0.5; t++; } }";
            default:
                return "for (int i = " + (N - 1) + "; i >= 0; i--) { " + s + " = Math.sin(" + s + " + " + a
                        + "[i]); " + a + "[i] = " + s + "; }";
        }
    }

    private String branch() {
        return "if (" + bounded() + " > " + pick("0.1", "-0.2", "0.4") + ") { " + scalar() + " } else { " + store()
                + " }";
    }

    private String exception() {
        String a = write();
        String s = s();
        String t = s();
        switch (random.nextInt(6)) {
            case 4:
                return "try { int k = (int) (3 * Math.abs(" + s + ")); " + t + " += " + a + "[k] * " + bounded()
                        + "; } catch (ArrayIndexOutOfBoundsException e) { " + t + " -= 0.5 * " + a + "[0]; }";
            case 5:
                return "try { int k = (int) (2 * Math.abs(" + s + ")); " + t + " = " + bounded() + " + 5 / k; } catch"
                        + " (ArithmeticException e) { " + t + " = " + bounded() + "; }";
            case 0:
                return "try { " + a + "[" + index() + "] = " + bounded() + "; if (" + s + " > 0.2) { throw new "
                        + "IllegalStateException(); } " + t + " = " + bounded() + "; } catch (IllegalStateException e) "
                        + "{ " + t + " = " + bounded() + "; }";
            case 1:
                int i = index();
                return "try { " + s + " = H.risky(" + a + ", " + i + ", " + bounded() + "); } catch "
                        + "(ArithmeticException e) { " + s + " += 0.5 * " + a + "[" + i + "]; }";
            case 2:
                String r = read();
                return "for (int i = 0; i < " + N + "; i++) { try { if (" + r + "[i] < " + pick("0.0", "0.3", "-0.4")
                        + ") { throw new RuntimeException(); } " + s + " += " + r + "[i] * " + r + "[i]; } catch "
                        + "(RuntimeException e) { " + s + " -= " + r + "[i]; } }";
            default:
                return "try { for (int i = 0; i < " + N + "; i++) { " + a + "[i] = Math.sin(" + a + "[i] + " + s
                        + "); if (" + a + "[i] > 0.5) { throw new IllegalArgumentException(); } } } catch "
                        + "(IllegalArgumentException e) { " + s + " += 1; } finally { " + t + " = Math.tanh(" + t
                        + " + " + a + "[0]); }";
        }
    }

    /** Interface calls, lambdas, and an index computed from the data. */
    private String dispatch() {
        switch (random.nextInt(3)) {
            case 0:
                return "{ Op op = " + bounded() + " > 0 ? new Square() : new Wave(); " + s() + " = op.at(" + bounded()
                        + "); }";
            case 1:
                return "{ final double k = " + s() + "; java.util.function.DoubleUnaryOperator g = u -> Math.sin(u * k)"
                        + "; " + s() + " = g.applyAsDouble(" + bounded() + "); }";
            default:
                return "{ int k = (int) Math.floor(4.99 * Math.abs(Math.sin(" + s() + "))); " + write() + "[k] += "
                        + bounded() + "; }";
        }
    }

    private String call() {
        switch (random.nextInt(3)) {
            case 0:
                return s() + " = 0.2 * H.dot(" + read() + ", " + read() + ");";
            case 1:
                return "H.scale(" + write() + ", " + bounded() + ");";
            default:
                return pick(ARRAYS) + " = H.twice(" + read() + ");";
        }
    }

    private String object() {
        switch (random.nextInt(6)) {
            case 0:
            case 1:
                return "c.v " + pick("=", "+=", "*=") + " " + bounded() + ";";
            case 2:
                return "c.w = " + read() + ";";
            case 3:
                return "c = new Cell(" + bounded() + ", c.w);";
            case 4:
                return "c.next = new Cell(" + bounded() + ", " + read() + "); " + s() + " += c.next.v * c.next.w["
                        + index() + "];";
            default:
                return "{ Pair p = new Pair(" + bounded() + ", " + bounded() + "); " + s()
                        + " = p.a() * p.b() + p.a(); }";
        }
    }

    private String collection() {
        switch (random.nextInt(7)) {
            case 0:
                return "list.add(" + bounded() + ");";
            case 1:
                return "list.set(0, " + bounded() + ");";
            case 2:
                return s() + " += list.get(list.size() - 1);";
            case 3:
                return "for (double v : list) { " + s() + " += 0.1 * v; }";
            case 4:
                return "map.put(" + index() + ", " + bounded() + ");";
            case 5:
                return s() + " += map.getOrDefault(" + index() + ", 0.25);";
            default:
                int r = random.nextInt(2);
                return "boxes[" + r + "] = " + read() + "; " + s() + " += ((double[]) boxes[" + r + "])[" + index()
                        + "];";
        }
    }

    // ---- the JDK as people write it

    private String jdk() {
        switch (random.nextInt(4)) {
            case 0:
                return callback();
            case 1:
            case 2:
                return stream();
            default:
                return disguise();
        }
    }

    /** A lambda given to a java.util method, Optional or Objects, and a comparator with a side effect. */
    private String callback() {
        String k = "final double k = " + bounded() + "; ";
        switch (random.nextInt(8)) {
            case 0:
                return "{ " + k + "double[] acc = {0}; list.forEach(v -> acc[0] += Math.sin(v * k)); " + s()
                        + " += 0.2 * acc[0]; } " + CALLS_BACK;
            case 1:
                return "{ " + k + "list.replaceAll(v -> Math.tanh(v + k)); } " + CALLS_BACK;
            case 2:
                return "{ " + k + "map.merge(" + index() + ", k, (p, q) -> Math.sin(p * q + q)); } " + CALLS_BACK;
            case 3:
                return "{ " + k + "map.compute(" + index() + ", (key, v) -> v == null ? k : Math.cos(v - k)); } "
                        + CALLS_BACK;
            case 4:
                return "{ ArrayList<Double> l2 = new ArrayList<>(list); l2.add(" + bounded() + "); l2.removeIf(v -> v"
                        + " > " + pick("0.3", "-0.2") + "); for (double v : l2) { " + s() + " += 0.1 * v; } } "
                        + CALLS_BACK;
            case 5:
                return "{ " + k + s() + " = java.util.Optional.of(k).map(v -> v * v + 0.5).orElse(0.0); } "
                        + CALLS_BACK;
            case 6:
                return "{ " + k + s() + " = java.util.Objects.requireNonNullElseGet((Double) null, () -> Math.sin(k)"
                        + " * k); } " + CALLS_BACK;
            default:
                return "{ double[] cnt = {0}; ArrayList<Double> l2 = new ArrayList<>(list); l2.add(" + bounded()
                        + "); l2.sort((p, q) -> { cnt[0] += 0.01 * (p - q); return Double.compare(p, q); }); " + s()
                        + " += cnt[0] + 0.1 * l2.get(0); } " + CALLS_BACK;
        }
    }

    /** Streams of numbers and of objects, sequential; a parallel one now and then. */
    private String stream() {
        String k = "final double k = " + bounded() + "; ";
        String r = "final double[] r = " + read() + "; ";
        switch (random.nextInt(11)) {
            case 0:
                return "{ " + k + s() + " = Math.tanh(Arrays.stream(" + read() + ").map(v -> v * k).sum()); }";
            case 1:
                return "{ " + r + s() + " = Math.tanh(java.util.stream.IntStream.range(0, " + N + ").mapToDouble(i"
                        + " -> r[i] * r[(i + 1) % " + N + "]).sum()); } " + CALLS_BACK;
            case 2:
                return s() + " = java.util.stream.DoubleStream.of(" + bounded() + ", " + bounded() + ", " + bounded()
                        + ").filter(v -> v > 0.1).average().orElse(0.5);";
            case 3:
                return s() + " = Math.tanh(list.stream().mapToDouble(Double::doubleValue).max().getAsDouble()); "
                        + CALLS_BACK;
            case 4:
                return s() + " = Math.tanh(list.stream().map(v -> v * 2).reduce(0.0, Double::sum)); " + CALLS_BACK;
            case 5:
                return s() + " = Arrays.stream(" + read() + ").boxed().collect(java.util.stream.Collectors.toList())"
                        + ".get(" + index() + "); " + CALLS_BACK;
            case 6:
                return s() + " = Math.tanh(list.stream().collect(java.util.stream.Collectors.summingDouble(v -> v *"
                        + " v))); " + CALLS_BACK;
            case 7:
                return s() + " = 0.5 * Arrays.stream(" + read() + ").sorted().limit(2).sum();";
            case 8:
                return "{ " + k + "double[] acc = {0}; Arrays.stream(" + read() + ").forEach(v -> acc[0] += v * k); "
                        + s() + " += Math.tanh(acc[0]); }";
            case 9:
                return "{ " + r + s() + " = java.util.stream.DoubleStream.of(r).map(Math::sin).reduce(1, (p, q) -> p"
                        + " * q); }";
            default:
                return s() + " += Arrays.stream(" + read() + ").parallel().map(v -> v * v).sum(); " + MAY_REFUSE;
        }
    }

    /** Text made from a number, and bits of a number in a long: used in place, or turned back into a number. */
    private String disguise() {
        String s = s();
        switch (random.nextInt(6)) {
            case 0:
                return s + " = Double.parseDouble(Double.toString(" + s + ")); " + MAY_REFUSE;
            case 1:
                return "{ String t = \"v=\" + " + s + "; " + s() + " += t.isEmpty() ? 1 : 0.1 * " + s + "; }";
            case 2:
                return s + " = 0.5 * Double.valueOf(String.valueOf(" + s + ")); " + MAY_REFUSE;
            case 3:
                return s + " = Double.longBitsToDouble(Double.doubleToRawLongBits(" + s + ") ^ 0x1L); " + MAY_REFUSE;
            case 4:
                return "{ long b = Double.doubleToLongBits(" + s + "); if (b < 0) { " + s() + " += 0.1 * " + s
                        + "; } }";
            default:
                return s + " = H.fromBits(Double.doubleToRawLongBits(" + s + ")); " + MAY_REFUSE;
        }
    }
}
