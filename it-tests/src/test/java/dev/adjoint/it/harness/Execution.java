package dev.adjoint.it.harness;

import java.util.List;

/**
 * How a launched JVM executes bytecode. Generated code must give the same bits interpreted as compiled, so tests
 * that compare bits run in both.
 */
public enum Execution {

    /** The JVM's default: interpreted at first, then compiled by C1 and C2. */
    TIERED(List.of()),

    /** {@code -Xint}: interpreted only. */
    INTERPRETED(List.of("-Xint"));

    private final List<String> options;

    Execution(List<String> options) {
        this.options = options;
    }

    /** @return the JVM options that select this execution */
    public String[] options() {
        return options.toArray(new String[0]);
    }
}
