import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.adjoint.ScalarFunction;

/**
 * Never calls AD. Its classes implement Differentiable, so under the agent they are noticed and prepared in the
 * background while the program runs; what it prints must not change by a single byte.
 */
public final class Transparency {

    private static long checksum = 17;

    private Transparency() {
    }

    static void mix(double d) {
        checksum = checksum * 31 + Double.doubleToRawLongBits(d);
    }

    public static void main(String[] args) throws Exception {
        // the second round runs after background work, if any, has had time to happen
        for (int round = 1; round <= 2; round++) {
            System.out.println("round=" + round);
            floatingPoint();
            strings();
            collections();
            exceptions();
            threads();
            differentiableCode();
            reflection();
            if (round == 1) {
                Thread.sleep(1000);
            }
        }
        System.out.println("checksum=" + Long.toHexString(checksum));
    }

    static void floatingPoint() {
        double s = 0;
        for (int i = 1; i <= 2000; i++) {
            double x = i * 0.37 - 200;
            s += Math.sin(x) * Math.cos(x / 3) + Math.exp(-x * x / 1e4) + Math.log1p(Math.abs(x))
                    + Math.pow(Math.abs(x), 0.3) + Math.sqrt(i) + Math.cbrt(x) + Math.atan2(x, i) + Math.hypot(x, i)
                    + Math.fma(x, 1e-3, s * 1e-9) + StrictMath.tanh(x / 50) + Math.expm1(x / 1e3);
            mix(s);
        }
        float f = 0.1f;
        for (int i = 0; i < 100; i++) {
            f = f * 1.0001f + (float) Math.sin(i);
        }
        mix(f);
        double nanWithPayload = Double.longBitsToDouble(0x7ff0000000000abcL);
        long intOverflow = Integer.MAX_VALUE + 1;
        System.out.println("fp.sum=" + s + " " + Double.toHexString(s));
        System.out.println("fp.float=" + f + " " + Float.floatToRawIntBits(f));
        System.out.println("fp.nan=" + Long.toHexString(Double.doubleToRawLongBits(nanWithPayload)));
        System.out.println("fp.specials=" + (-0.0) + " " + (1 / -0.0) + " " + Double.MIN_VALUE / 2 + " "
                + Math.ulp(1.0) + " " + Math.nextUp(1.0) + " " + intOverflow + " " + Math.floorMod(-7, 3) + " "
                + (0.1 + 0.2) + " " + (float) 0.1 + " " + (long) 1e300 + " " + (int) Double.NaN);
    }

    static void strings() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            sb.append(i).append(':').append(i * 0.1).append(i % 7 == 0 ? "|" : ",");
        }
        String s = sb.toString();
        System.out.println("strings.length=" + s.length() + " hash=" + s.hashCode());
        System.out.println("strings.format=" + String.format("%.17g %a %e %08.3f %s", Math.PI, Math.E, 6.02e23,
                -1.5, List.of(1.5, 2.25)));
        System.out.println("strings.text=" + String.join("/", "a", "b", "c").repeat(3).toUpperCase()
                + " " + "  padded ".strip() + " " + "x".compareTo("y"));
    }

    static void collections() {
        Map<String, Double> hash = new HashMap<>();
        TreeMap<Double, String> tree = new TreeMap<>();
        List<Double> list = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            double v = Math.sin(i * 1.7) * 100;
            hash.put("k" + i, v);
            tree.put(v, "k" + i);
            list.add(v);
        }
        list.sort(Comparator.reverseOrder());
        double[] arr = list.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(arr);
        for (double d : arr) {
            mix(d);
        }
        System.out.println("collections.hash=" + hash.get("k123") + " " + hash.size() + " "
                + new TreeMap<>(hash).firstKey());
        System.out.println("collections.tree=" + tree.firstKey() + " " + tree.lastEntry().getValue() + " "
                + tree.headMap(0.0).size());
        System.out.println("collections.stream=" + IntStream.range(0, 100).mapToDouble(Math::sqrt).sum() + " "
                + list.stream().filter(d -> d > 50).map(d -> String.format("%.2f", d)).limit(5)
                .collect(Collectors.joining(",")));
    }

    static void exceptions() {
        Model m = new Model(new double[] {1, 2, 3});
        try {
            m.checked(-1);
        } catch (IllegalArgumentException e) {
            StackTraceElement top = e.getStackTrace()[0];
            System.out.println("exceptions.iae=" + e.getMessage() + " at " + top.getClassName() + "."
                    + top.getMethodName() + ":" + top.getLineNumber());
        }
        try {
            m.at(7);
        } catch (ArrayIndexOutOfBoundsException e) {
            System.out.println("exceptions.aioobe=" + e.getMessage());
        }
        try {
            Object o = null;
            o.hashCode();
        } catch (NullPointerException e) {
            System.out.println("exceptions.npe=" + e.getMessage());
        }
        StringBuilder order = new StringBuilder();
        try {
            try {
                order.append("try,");
                throw new IllegalStateException("inner");
            } finally {
                order.append("finally,");
            }
        } catch (IllegalStateException e) {
            order.append("catch:").append(e.getMessage());
        }
        System.out.println("exceptions.order=" + order);
        try {
            System.out.println("exceptions.div=" + (1 / ((int) m.value(0) - 1)));
        } catch (ArithmeticException e) {
            System.out.println("exceptions.div=" + e.getMessage());
        }
    }

    static void threads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Double>> parts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int from = t * 25_000;
                parts.add(pool.submit(() -> {
                    double s = 0;
                    Model m = new Model(new double[] {0.5, -0.25, 0.125});
                    for (int i = from; i < from + 25_000; i++) {
                        s += m.value(i * 1e-4);
                    }
                    return s;
                }));
            }
            double total = 0;
            for (Future<Double> f : parts) {
                total += f.get();
                mix(f.get());
            }
            System.out.println("threads.total=" + total);
        } finally {
            pool.shutdown();
        }
        double[] shared = new double[1];
        Thread t = new Thread(() -> shared[0] = Model.series(0.3, 40), "worker");
        t.start();
        t.join();
        System.out.println("threads.worker=" + shared[0]);
    }

    static void differentiableCode() {
        ScalarFunction f = x -> Math.sin(x) * x + Model.series(x, 20);
        Model m = new Model(new double[] {2, -1, 0.5, 0.25});
        double s = 0;
        for (int i = 0; i < 1000; i++) {
            double x = i * 0.01;
            s += f.apply(x) + m.value(x) + m.bitwiseAbs(x - 5) + Energy.INSTANCE.apply(new double[] {x, 1 - x, 2});
        }
        mix(s);
        System.out.println("differentiable.sum=" + s);
    }

    static void reflection() {
        for (Class<?> c : List.of(Model.class, Energy.class, Transparency.class)) {
            String methods = Arrays.stream(c.getDeclaredMethods()).map(Method::getName).sorted()
                    .collect(Collectors.joining(","));
            String fields = Arrays.stream(c.getDeclaredFields()).map(Field::getName).sorted()
                    .collect(Collectors.joining(","));
            System.out.println("reflection." + c.getSimpleName() + "=" + methods + " | " + fields + " | "
                    + Arrays.toString(c.getInterfaces()));
        }
    }
}
