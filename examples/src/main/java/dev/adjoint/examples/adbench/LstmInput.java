package dev.adjoint.examples.adbench;

import java.nio.file.Path;

/**
 * An LSTM instance as ADBench stores it: the parameters (main, then extra), flat in the gradient's layout, and the
 * fixed data. File format: {@code l c b}; 2·l·4·b main parameters; 3·b extra parameters; 2·l·b state numbers
 * (per layer, hidden then cell); c·b sequence numbers.
 */
public final class LstmInput {

    /** Two layers, 1024 characters, b = 14: 266 parameters, expected objective 0.66666518. */
    public static final String L2_C1024 = "adbench/lstm/lstm_l2_c1024.txt";
    /** Four layers, 1024 characters, b = 14: 490 parameters. */
    public static final String L4_C1024 = "adbench/lstm/lstm_l4_c1024.txt";

    private final double[] parameters;
    private final LstmData data;

    private LstmInput(double[] parameters, LstmData data) {
        this.parameters = parameters;
        this.data = data;
    }

    /**
     * Reads an instance from the data folder ({@link DataPath}).
     *
     * @param relative the file inside the data folder, for example {@link #L2_C1024}
     * @return the instance
     */
    public static LstmInput load(String relative) {
        return read(DataPath.resolve(relative));
    }

    /**
     * Reads an instance from a file.
     *
     * @param file an ADBench LSTM file
     * @return the instance
     */
    public static LstmInput read(Path file) {
        NumberReader in = new NumberReader(file);
        int l = in.nextInt();
        int c = in.nextInt();
        int b = in.nextInt();
        double[] parameters = in.nextDoubles(Lstm.parameterCount(l, b));
        double[][] hidden = new double[l][];
        double[][] cell = new double[l][];
        for (int layer = 0; layer < l; layer++) {
            hidden[layer] = in.nextDoubles(b);
            cell[layer] = in.nextDoubles(b);
        }
        double[][] sequence = new double[c][];
        for (int t = 0; t < c; t++) {
            sequence[t] = in.nextDoubles(b);
        }
        in.expectEnd();
        return new LstmInput(parameters, new LstmData(l, b, hidden, cell, sequence));
    }

    /** @return a copy of the parameters: main (2·l·4·b), then extra (in weight, out weight, out bias; b each) */
    public double[] parameters() {
        return parameters.clone();
    }

    /** @return the initial state and the sequence */
    public LstmData data() {
        return data;
    }
}
