package dev.adjoint.it.harness;

import java.util.List;

/**
 * A case of a library suite run as the very first gradient of a fresh JVM: nothing transformed yet, and the
 * library's lazily filled caches and static state as a new user's program finds them. A result must not depend on
 * what ran before, so each suite checks its cases cold as well as together in one JVM.
 *
 * <p>One JVM per case costs a few seconds; by default a suite runs cold only the cases it names as representative,
 * and all of them when {@code -Dadjoint.it.cold=all} (the Maven profile {@code -Pcold}).
 */
public final class ColdStart {

    private ColdStart() {
    }

    /** @return whether every case of the suites runs cold, not only the representative ones */
    public static boolean everyCase() {
        return "all".equals(System.getProperty("adjoint.it.cold"));
    }

    /**
     * @param all            every case of a suite
     * @param representative the cases that run cold in every build
     * @return the cases to run cold in this build
     */
    public static List<String> cases(List<String> all, List<String> representative) {
        return everyCase() ? all : representative;
    }

    /**
     * @param program the program's launch, class path set, without arguments
     * @param name    the case
     * @return the outcome of a JVM that ran only that case
     */
    public static Outcome run(Launch program, String name) {
        return program.args(name).run().assertSucceeded();
    }
}
