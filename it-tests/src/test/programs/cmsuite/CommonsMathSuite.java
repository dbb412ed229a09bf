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
import org.junit.runner.notification.Failure;

/**
 * Runs the JUnit 4 tests of Commons Math's tests jar, in the order of their names, and prints the counts and the
 * failed tests: "runs=N", "failures=N", "ignored=N", then "failed=Class#method" lines, sorted.
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
        for (Failure f : r.getFailures()) {
            Description d = f.getDescription();
            failed.add(d.getClassName() + "#" + d.getMethodName() + " " + firstLine(f.getMessage()));
        }
        Collections.sort(failed);
        System.out.println("runs=" + r.getRunCount());
        System.out.println("failures=" + r.getFailureCount());
        System.out.println("ignored=" + r.getIgnoreCount());
        for (String f : failed) {
            System.out.println("failed=" + f);
        }
        System.out.flush();
        // some tests leave executor threads running, which would keep the JVM alive
        System.exit(0);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
