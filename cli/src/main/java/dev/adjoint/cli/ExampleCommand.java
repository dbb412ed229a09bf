package dev.adjoint.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.adjoint.AD;
import dev.adjoint.examples.sine.TaylorSine;

/** {@code ad example NAME}: runs one of the seed programs. */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = {"Runs a seed program under Adjoint.", "",
            "  sine   the Taylor-series sine of the Zygote paper, differentiated at x"})
final class ExampleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The example to run: ${COMPLETION-CANDIDATES}",
            completionCandidates = Names.class)
    String name;

    @Option(names = "--x", defaultValue = "1.0", description = "The point (sine only; default: ${DEFAULT-VALUE}).")
    double x;

    static final class Names extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Names() {
            super(java.util.List.of("sine"));
        }
    }

    @Override
    public Integer call() {
        switch (name) {
            case "sine":
                return sine();
            default:
                throw new IllegalArgumentException("unknown example '" + name + "'; known: " + new Names());
        }
    }

    private int sine() {
        double reverse = AD.gradient(TaylorSine::sine, x);
        System.out.println("d/dx sine(x) at x = " + x + " by reverse mode: " + reverse);
        System.out.println("cos(x)                                : " + Math.cos(x));
        return 0;
    }
}
