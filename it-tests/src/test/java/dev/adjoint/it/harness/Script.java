package dev.adjoint.it.harness;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A launcher script that starts a JVM itself, such as {@code bin/ad}. The script gets the chosen JDK as
 * {@code JAVA_HOME} and the {@link Launch#VERIFICATION} options through {@code JDK_JAVA_OPTIONS}, which the
 * {@code java} launcher reads; the note the launcher prints about that option is taken out of standard error, so
 * that tests see what the program wrote.
 */
public final class Script {

    private static final String JDK_JAVA_OPTIONS_NOTE = "NOTE: Picked up JDK_JAVA_OPTIONS:";

    private final Path script;
    private final List<String> args;
    private final Jdk jdk;
    private final Duration timeout;

    private Script(Path script, List<String> args, Jdk jdk, Duration timeout) {
        this.script = script;
        this.args = List.copyOf(args);
        this.jdk = jdk;
        this.timeout = timeout;
    }

    /** @return {@code bin/ad} with no arguments, on the running JDK */
    public static Script ad() {
        return new Script(Project.launcher(), List.of(), Jdk.current(), Launch.DEFAULT_TIMEOUT);
    }

    /**
     * @param arguments the script's arguments, appended to those already given
     * @return a script launch with them
     */
    public Script args(String... arguments) {
        List<String> a = new ArrayList<>(args);
        a.addAll(List.of(arguments));
        return new Script(script, a, jdk, timeout);
    }

    /**
     * @param j the JDK the script should use, given as {@code JAVA_HOME}
     * @return a script launch on it
     */
    public Script jdk(Jdk j) {
        return new Script(script, args, j, timeout);
    }

    /**
     * @param t how long the script may run before it is killed
     * @return a script launch with that timeout
     */
    public Script timeout(Duration t) {
        return new Script(script, args, jdk, t);
    }

    /**
     * Runs the script and waits for it to exit or to reach the timeout.
     *
     * @return what it did, without the {@code java} launcher's note about {@code JDK_JAVA_OPTIONS}
     */
    public Outcome run() {
        List<String> cmd = new ArrayList<>();
        cmd.add(script.toString());
        cmd.addAll(args);
        // the agent's default cache in it-tests/target, as for launches: tests never touch the user's home
        Outcome o = ChildProcess.run(cmd, Map.of("JAVA_HOME", jdk.home().toString(),
                "JDK_JAVA_OPTIONS", String.join(" ", Launch.VERIFICATION),
                "XDG_CACHE_HOME", Project.buildDirectory().resolve("it-cache").toString()), Project.root(), timeout);
        StringBuilder err = new StringBuilder();
        for (String line : o.stderr().split("(?<=\n)")) {
            if (!line.startsWith(JDK_JAVA_OPTIONS_NOTE)) {
                err.append(line);
            }
        }
        return new Outcome(o.command(), o.exitCode(), o.out(), err.toString().getBytes(StandardCharsets.UTF_8),
                o.wallTime(), o.timedOut());
    }
}
