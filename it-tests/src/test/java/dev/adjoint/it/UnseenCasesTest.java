package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.adjoint.it.harness.ColdStart;
import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Libraries;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.TestPrograms;

/**
 * An independent check of issue #12 (src/test/programs/unseen/Unseen.java): cases of each kind the issue names,
 * written as a new user would and found in no other test. Each either gives the gradient, in reverse and in forward
 * mode, that central differences of the function (run as it is, without a gradient, in the same program) give, or
 * is refused with a {@code NotDifferentiableException} that names the real construct, a method and line of real
 * code, and a way forward; never a silent zero, a crash or a linkage error. Representative cases run again as the
 * first gradient of a fresh JVM.
 */
class UnseenCasesTest {

    static final List<String> GRADIENTS = List.of("treeMap.reverseOrder", "linkedHashMap.compute", "arrayDeque",
            "priorityQueue.comparator", "list.sort", "collections.max", "iterator.loop", "listIterator.set",
            "arrays.sort.comparator", "arrays.asList", "collectors.summingAndAveraging", "collectors.reducing",
            "collectors.groupingBy", "collectors.toMap", "stream.iterate", "doubleStream.generate",
            "stream.reduce.combiner", "flatMapToDouble", "optional.chain", "optionalDouble",
            "objects.requireNonNullElse", "side.comparatorWritesArray", "side.forEach", "side.peek",
            "function.andThenCompose", "doubleUnaryOperator.andThen", "biFunction.andThen", "supplier.cache",
            "outside.staticFinal", "outside.heldByAnObject", "outside.boundMethodReference",
            "outside.constructorReference", "outside.passiveOnly", "bits.mathFunctions", "unrolled.det6",
            "unrolled.longStraightLine", "hipparchus.fastMath", "hipparchus.digammaAndGammaQ", "hipparchus.erfOfTwo",
            "hipparchus.gaussLegendre", "hipparchus.pearsonsCorrelation", "hipparchus.skewness",
            "hipparchus.akimaSpline", "hipparchus.symmetricEigenvalue", "hipparchus.singularValue",
            "hipparchus.brentSolver", "hipparchus.complexExp", "hipparchus.normalCdf", "hipparchus.simpleRegression",
            "commonsMath.tDistribution", "commonsMath.eigenvalue", "commonsMath.complexPow", "commonsMath.fft",
            "commonsMath.loess", "commonsMath.kurtosis");

    /** Per refused case: what its message must say, the method and line it must name, and its way forward. */
    static final Map<String, String[]> REFUSALS = new LinkedHashMap<>();

    static {
        refused("outside.combinedByTheJdk", "a function that the JDK made outside differentiated code",
                "Unseen.lambda$functions$", "Combine the functions inside the differentiated code");
        refused("text.valueOf", "a number turned into text and parsed back (java.lang.Double.parseDouble)",
                "Unseen.lambda$textBitsAndThreads$", "Declare a derivative rule");
        refused("text.stringBuilder", "a number turned into text and parsed back (java.lang.Double.parseDouble)",
                "Unseen.lambda$textBitsAndThreads$", "Declare a derivative rule");
        refused("text.acrossMethods", "text made from a value that carries a derivative returned from the method",
                "Unseen.text(Unseen.java:", "Declare a derivative rule");
        refused("bits.acrossMethods", "the bits of a value that carries a derivative returned from the method",
                "Unseen.bitsOf(Unseen.java:", "Declare a derivative rule");
        refused("bits.rawSignFlip", "bit reinterpretation of a value that carries a derivative "
                + "(java.lang.Double.longBitsToDouble)", "Unseen.lambda$textBitsAndThreads$",
                "Declare a derivative rule");
        refused("thread.parallelStream", "a parallel stream or operation (java.util.List.parallelStream)",
                "Unseen.lambda$textBitsAndThreads$", "Use a sequential stream or a loop");
        refused("thread.completableFuture", "passed to another thread (java.util.concurrent.CompletableFuture"
                + ".supplyAsync)", "Unseen.lambda$textBitsAndThreads$", "Compute the gradient on one thread");
        refused("thread.executorService", "passed to another thread (java.util.concurrent.Executors"
                + "$DelegatedExecutorService.submit)", "Unseen.lambda$textBitsAndThreads$",
                "Compute the gradient on one thread");
        // Dfp's constructor takes its number apart bit by bit: refused in the library, where the bits leave
        refused("commonsMath.dfp", "the bits of a value that carries a derivative passed to "
                + "org.apache.commons.math3.dfp.Dfp.<init>", "org.apache.commons.math3.dfp.Dfp.<init>(Dfp.java:",
                "Declare a derivative rule");
    }

    static final List<String> REPRESENTATIVE = List.of("outside.constructorReference", "function.andThenCompose",
            "unrolled.longStraightLine", "hipparchus.gaussLegendre", "thread.completableFuture");

    private static void refused(String name, String construct, String where, String wayForward) {
        REFUSALS.put(name, new String[] {construct, where, wayForward});
    }

    private static Outcome run;

    static Launch program() {
        List<Path> libraries = new ArrayList<>(List.of(Libraries.hipparchus()));
        libraries.addAll(List.of(Libraries.commonsMath()));
        Path[] jars = libraries.toArray(new Path[0]);
        // every case in one JVM, with the bytecode verifier on: minutes on a loaded machine
        return Launch.of("Unseen").classPath(TestPrograms.jar("unseen", jars)).classPath(jars)
                .timeout(Duration.ofMinutes(5));
    }

    @BeforeAll
    static void launch() {
        run = program().args(cases().toArray(new String[0])).run().assertSucceeded();
    }

    static List<String> cases() {
        List<String> all = new ArrayList<>(GRADIENTS);
        all.addAll(REFUSALS.keySet());
        return all;
    }

    static List<String> gradients() {
        return GRADIENTS;
    }

    static List<String> refusals() {
        return new ArrayList<>(REFUSALS.keySet());
    }

    static List<String> coldCases() {
        return ColdStart.cases(cases(), REPRESENTATIVE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradients")
    void an_unseen_case_has_the_gradient_of_central_differences_in_both_modes(String c) {
        assertGradient(c, run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void an_unseen_case_that_cannot_be_followed_is_refused_naming_construct_place_and_way_forward(String c) {
        assertRefused(c, run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("coldCases")
    void each_case_ends_the_same_as_the_first_gradient_of_a_fresh_jvm(String c) {
        Outcome cold = ColdStart.run(program(), c);
        if (REFUSALS.containsKey(c)) {
            assertRefused(c, cold);
        } else {
            assertGradient(c, cold);
            assertArrayEquals(run.numbers(c), cold.numbers(c), 0, cold::describe);
        }
    }

    static void assertGradient(String c, Outcome o) {
        double[] oracle = o.numbers(c + ".fd");
        double scale = 1;
        for (double e : oracle) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertArrayEquals(oracle, o.numbers(c), 1e-6 * scale, o::describe);
        assertArrayEquals(oracle, o.numbers(c + ".forward"), 1e-6 * scale, o::describe);
    }

    static void assertRefused(String c, Outcome o) {
        String[] expected = REFUSALS.get(c);
        for (String mode : new String[] {c, c + ".forward"}) {
            String message = o.value(mode);
            assertTrue(message.startsWith("threw dev.adjoint.NotDifferentiableException: cannot differentiate "),
                    () -> mode + ": " + message);
            for (String part : expected) {
                assertTrue(message.contains(part), () -> mode + " should say '" + part + "': " + message);
            }
        }
    }
}
