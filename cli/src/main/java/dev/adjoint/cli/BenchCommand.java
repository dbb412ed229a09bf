package dev.adjoint.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ad bench}: measurements that reproduce the seed paper's. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures Adjoint as the seed paper measures Zygote.", ""},
        subcommands = {Table1Command.class},
        footer = {"", "Examples:", "  ad bench table1", "  ad bench table1 --width 128 --time 4", "",
            ExitCode.SUMMARY})
final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
