package dev.adjoint.cli;

import java.util.concurrent.Callable;

import org.objectweb.asm.Opcodes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.internal.engine.Listing;
import dev.adjoint.internal.engine.TransformException;
import dev.adjoint.internal.listing.AdjointListing;

/** {@code ad show CLASS#METHOD}: the derivative code Adjoint generates for a method, without running anything. */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints the derivative code Adjoint generates for a method, as Zygote's @code_adjoint does.",
            "",
            "Reverse mode (the default) shows the augmented primal, with what it records on the tape, and the "
                + "pullback: its adjoint statements, block by block from the return backwards. Forward mode shows "
                + "the tangent method. A method's companion holds that method alone; each method it calls gets its "
                + "own when the call first runs, and `ad show` of that method prints it.",
            "",
            "Classes are read from their class files, never loaded or run: from --cp, then from Adjoint's own "
                + "class path (which holds the examples).", ""},
        footer = {"", "Examples:",
            "  ad show dev.adjoint.examples.sine.TaylorSine#sine",
            "  ad show dev.adjoint.examples.sine.TaylorSine#sine --mode forward",
            "  ad show com.example.Model#loss --cp target/classes --bytecode",
            "  ad show 'com.example.Stats#mean(double[])' --cp app.jar",
            "", ExitCode.SUMMARY})
final class ShowCommand implements Callable<Integer> {

    @Mixin
    MethodOptions method;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "reverse",
            description = "reverse (augmented primal and pullback) or forward (tangent method); default: "
                    + "${DEFAULT-VALUE}.")
    Mode mode;

    @Option(names = "--bytecode",
            description = "Print the generated class as bytecode (ASM's Textifier) instead of the readable form.")
    boolean bytecode;

    @Mixin
    Verbosity verbosity;

    @Spec
    CommandSpec spec;

    /** The modes, as the option spells them. */
    enum Mode {
        reverse(Engine.Mode.REVERSE), forward(Engine.Mode.TANGENT);

        final Engine.Mode engine;

        Mode(Engine.Mode engine) {
            this.engine = engine;
        }
    }

    @Override
    public Integer call() {
        MethodReference reference = method.reference();
        try (UserClassPath cp = method.openClassPath()) {
            MethodReference.Resolved target = reference.resolve(cp);
            if ((target.method.access & Opcodes.ACC_ABSTRACT) != 0) {
                throw new InputException(target.display() + " is abstract: it has no code; show an implementation");
            }
            Companion companion;
            try {
                companion = Engine.standard(true).generate(target.ownerBytes, target.method.name,
                        target.method.desc, cp.hierarchy(), mode.engine);
            } catch (TransformException e) {
                throw e.toNotDifferentiable();
            }
            spec.commandLine().getOut().print(bytecode ? Listing.bytecode(companion.bytes())
                    : AdjointListing.of(companion, mode.engine));
            spec.commandLine().getOut().flush();
        }
        return ExitCode.OK;
    }
}
