import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.runner.Description;
import org.junit.runner.JUnitCore;
import org.junit.runner.Request;
import org.junit.runner.Result;
import org.junit.runner.manipulation.Filter;
import org.junit.runner.notification.Failure;

/**
 * Runs the JUnit 4 tests of Commons Math's tests jar, in the order of their names, and prints the counts and the
 * failed tests: "runs=N", "failures=N", "ignored=N", then "failed=Class#method" lines, sorted.
 *
 * <p>Some of Commons Math's tests draw from generators seeded with the clock ({@code new MersenneTwister()}), and
 * a few of them fail now and then without any agent: {@code MicrosphereProjectionInterpolatorTest.testLinearFunction2D}
 * fails about once in 130 runs. So a test that fails is run again on its own, up to {@value #RERUNS} times, in the same
 * JVM. If it passes every rerun it is reported as "flaky=Class#method" and not counted among the failures; a
 * deterministic failure fails its first rerun. "failures=N" counts the tests that failed and failed again.
 *
 * <p>Arguments: the tests jar, then package prefixes (dotted) of the test classes to run, all when none.
 */
public final class CommonsMathSuite {

    private CommonsMathSuite() {
    }

    public static void main(String[] args) throws Exception {
        List<String> prefixes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            prefixes.add(args[i]);
        }
        List<Class<?>> classes = new ArrayList<>();
        try (JarFile jar = new JarFile(args[0])) {
            List<String> names = new ArrayList<>();
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String n = e.nextElement().getName();
                if (n.endsWith("Test.class") && !n.contains("$")) {
                    names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
                }
            }
            Collections.sort(names);
            for (String n : names) {
                if (!prefixes.isEmpty() && prefixes.stream().noneMatch(n::startsWith)) {
                    continue;
                }
                Class<?> c = Class.forName(n, false, CommonsMathSuite.class.getClassLoader());
                if (!Modifier.isAbstract(c.getModifiers()) && Modifier.isPublic(c.getModifiers())) {
                    classes.add(c);
                }
            }
        }
        System.out.println("classes=" + classes.size());
        Result r = new JUnitCore().run(Request.classes(classes.toArray(new Class<?>[0])));
        List<String> failed = new ArrayList<>();
        List<String> flaky = new ArrayList<>();
        for (Failure f : r.getFailures()) {
            Description d = f.getDescription();
            String name = d.getClassName() + "#" + d.getMethodName();
            if (passesEveryRerun(d)) {
                flaky.add(name);
            } else {
                failed.add(name + " " + firstLine(f.getMessage()));
            }
        }
        Collections.sort(failed);
        Collections.sort(flaky);
        System.out.println("runs=" + r.getRunCount());
        System.out.println("failures=" + failed.size());
        System.out.println("ignored=" + r.getIgnoreCount());
        for (String f : failed) {
            System.out.println("failed=" + f);
        }
        for (String f : flaky) {
            System.out.println("flaky=" + f);
        }
        System.out.flush();
        // some tests leave executor threads running, which would keep the JVM alive
        System.exit(0);
    }

    /** How many times a failed test is run again before it counts as flaky. */
    static final int RERUNS = 3;

    /**
     * Whether the one test {@code failed} names passes each of {@link #RERUNS} runs on its own; false for a failure
     * of a whole class (no method), which is not run again.
     */
    private static boolean passesEveryRerun(Description failed) {
        if (failed.getMethodName() == null || failed.getTestClass() == null) {
            return false;
        }
        Filter only = new Filter() {
            @Override
            public boolean shouldRun(Description d) {
                if (d.isTest()) {
                    return d.getDisplayName().equals(failed.getDisplayName());
                }
                return d.getChildren().stream().anyMatch(this::shouldRun);
            }

            @Override
            public String describe() {
                return failed.getDisplayName();
            }
        };
        for (int i = 0; i < RERUNS; i++) {
            Result again = new JUnitCore().run(Request.aClass(failed.getTestClass()).filterWith(only));
            if (again.getRunCount() != 1 || !again.wasSuccessful()) {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
