package dev.adjoint.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

/** One run of {@code ad} in this JVM (which runs under ad.jar, as bin/ad does): its exit code and what it wrote. */
final class Ad {

    final String[] args;
    final int exitCode;
    final String out;
    final String err;

    private Ad(String[] args, int exitCode, String out, String err) {
        this.args = args;
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static Ad run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = AdCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Ad(args, code, out.toString(), err.toString());
    }

    List<String> errLines() {
        return err.isEmpty() ? List.of() : Arrays.asList(err.split("\n"));
    }

    /** @return a description for assertion messages */
    String describe() {
        return "ad " + String.join(" ", args) + "\nexit code " + exitCode + "\n--- out ---\n" + out
                + "--- err ---\n" + err;
    }
}
