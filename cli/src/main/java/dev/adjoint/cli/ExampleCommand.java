package dev.adjoint.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.adjoint.AD;
import dev.adjoint.examples.lstm.ShakespeareLstm;
import dev.adjoint.examples.raytracer.LightRecovery;
import dev.adjoint.examples.sine.TaylorSine;
import dev.adjoint.examples.trebuchet.NeuralTrebuchet;

/** {@code ad example NAME}: runs one of the seed programs. */
@Command(name = "example", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a seed program under Adjoint.", "",
            "  sine       the Zygote paper's Taylor sine, in reverse and forward mode at x",
            "  lstm       the seed paper's character-level LSTM (2 layers of 128, Adam 0.01)",
            "             learns Shakespeare (a few minutes); writes lstm-loss.png",
            "  trebuchet  a neural network learns to aim a simulated trebuchet in the wind,",
            "             then races gradient descent on each shot (a minute or two)",
            "  raytracer  finds a light from a picture by differentiating the renderer:",
            "             the paper's three-panel figure (a few minutes)",
            "  gmm-spark  fits a Gaussian mixture to a million points on Apache Spark",
            "             (bin/ad adds Spark's jars; options: ad example gmm-spark --help)",
            "",
            "The training examples write their loss curve as a PNG and show a progress bar",
            "(a line every tenth of the run when the output is not a terminal).", ""},
        footer = {"", "Examples:",
            "  ad example sine",
            "  ad example sine --x 0.5",
            "  ad example lstm --steps 500 --out /tmp/lstm",
            "  ad example lstm --depth 1 --hidden 64 --checkpoint /tmp/lstm.ckpt",
            "  ad example trebuchet --shots 50",
            "  ad example raytracer --out /tmp/light",
            "  ad example raytracer --width 64 --height 64 --steps 60",
            "", ExitCode.SUMMARY})
final class ExampleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The example to run: ${COMPLETION-CANDIDATES}",
            completionCandidates = Names.class)
    String name;

    @Option(names = "--x", paramLabel = "X", defaultValue = "1.0", description = "The point (sine; default: ${DEFAULT-VALUE}).")
    double x;

    @Option(names = "--steps", paramLabel = "N",
            description = "Gradient steps (lstm: 300 in all, a resumed run continues up to N; trebuchet: 600;"
                    + " raytracer: 100).")
    Integer steps;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Adam's step size (lstm: 0.01, trebuchet: 0.03, raytracer: 0.1).")
    Double learningRate;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (lstm: 42, trebuchet: 7).")
    Long seed;

    @Option(names = "--depth", paramLabel = "N", description = "LSTM layers (lstm; default: 2).")
    Integer depth;

    @Option(names = "--hidden", paramLabel = "N", description = "Units per LSTM layer (lstm; default: 128).")
    Integer hidden;

    @Option(names = "--window", paramLabel = "N",
            description = "Characters per sequence, the truncated-BPTT length (lstm; default: 50).")
    Integer window;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Resume from FILE if it exists, and save to it every 50 steps and at the end (lstm).")
    Path checkpoint;

    @Option(names = "--data", paramLabel = "FILE",
            description = "The corpus (lstm; default: tinyshakespeare.txt in -Dadjoint.data, which bin/ad sets to the data folder).")
    String data;

    @Option(names = "--batch", paramLabel = "N",
            description = "Sequences per step (lstm; default: 4); shots per step (trebuchet; default: 16).")
    Integer batch;

    @Option(names = "--shots", paramLabel = "N",
            description = "Test shots aimed both ways, by the network and directly (trebuchet; default: 20).")
    Integer shots;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write the pictures: lstm-loss.png (lstm), trebuchet-loss.png (trebuchet),"
                    + " raytracer.png and raytracer-loss.png (raytracer); default: the working directory.")
    Path out;

    @Option(names = "--width", paramLabel = "PIXELS", description = "Image width (raytracer; default: 200).")
    Integer width;

    @Option(names = "--height", paramLabel = "PIXELS", description = "Image height (raytracer; default: 200).")
    Integer height;

    static final class Names extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Names() {
            super(java.util.List.of("sine", "lstm", "trebuchet", "raytracer", "gmm-spark"));
        }
    }

    @Override
    public Integer call() {
        switch (name) {
            case "sine":
                return sine();
            case "lstm":
                return lstm();
            case "trebuchet":
                return trebuchet();
            case "raytracer":
                return raytracer();
            case "gmm-spark":
                // Spark's jars are not on this class path, so that the other examples never load them
                throw new InputException("gmm-spark runs on Apache Spark, whose jars bin/ad adds for it only: run it "
                        + "as 'bin/ad example gmm-spark' (see docs/user-guide.md, 'Scale-out on Spark')");
            default:
                throw new InputException("unknown example '" + name + "'; known: " + new Names());
        }
    }

    private int sine() {
        System.out.println("reverse mode, AD.gradient (the function runs once, recording):");
        double reverse = AD.gradient(TaylorSine::sine, x);
        System.out.println("d/dx sine(x) at x = " + x + " by reverse mode: " + reverse);
        System.out.println("forward mode, AD.derivative (the function runs once, carrying tangents):");
        double forward = AD.derivative(TaylorSine::sine, x);
        System.out.println("d/dx sine(x) at x = " + x + " by forward mode: " + forward);
        System.out.println("cos(x)                                : " + Math.cos(x));
        return 0;
    }

    private int lstm() {
        ShakespeareLstm.Settings d = ShakespeareLstm.Settings.defaults();
        try {
            ShakespeareLstm.train(new ShakespeareLstm.Settings(or(steps, d.steps()), or(depth, d.depth()),
                    or(hidden, d.width()), or(window, d.length()), or(batch, d.batch()),
                    or(learningRate, d.learningRate()), or(data, d.corpus()), or(seed, d.seed()), d.sampleLength(),
                    or(out, d.out()), or(checkpoint, d.checkpoint()), d.checkpointEvery()), System.out);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            // bad sizes, a missing corpus, a checkpoint of another shape: the message says which option to change
            throw new InputException(e.getMessage(), e);
        }
        return 0;
    }

    private int trebuchet() {
        NeuralTrebuchet.Settings d = NeuralTrebuchet.Settings.defaults();
        NeuralTrebuchet.run(new NeuralTrebuchet.Settings(or(steps, d.steps()), or(batch, d.batch()),
                or(learningRate, d.learningRate()), or(seed, d.seed()), or(shots, d.shots()), or(out, d.out())),
                System.out);
        return 0;
    }

    private int raytracer() {
        LightRecovery.Settings d = LightRecovery.Settings.defaults();
        LightRecovery.recover(new LightRecovery.Settings(or(steps, d.iterations()), or(width, d.width()),
                or(height, d.height()), or(learningRate, d.learningRate()), or(out, d.out())), System.out);
        return 0;
    }

    /** The option's value when given, the example's default otherwise. */
    private static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }
}
