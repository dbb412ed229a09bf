package dev.adjoint.examples.adbench;

/**
 * ADBench's LSTM objective: a small element-wise LSTM language model, its cross-entropy over a sequence of
 * one-hot-like rows, written as plain array code that updates the state in place.
 *
 * <p>Parameter layout: for each layer, weights for (forget, ingate, outgate, change), b each, then biases in the
 * same order; after the layers, in weight, out weight and out bias, b each.
 */
public final class Lstm {

    private Lstm() {
    }

    /**
     * The number of parameters of a model.
     *
     * @param layers the number of layers
     * @param b      the size of the vectors
     * @return 2·l·4·b + 3·b
     */
    public static int parameterCount(int layers, int b) {
        return 2 * layers * 4 * b + 3 * b;
    }

    /**
     * The objective.
     *
     * @param parameters main, then extra parameters
     * @param data       the initial state and the sequence
     * @return the loss, ADBench's {@code lstm_objective}
     */
    public static double objective(double[] parameters, LstmData data) {
        int b = data.size;
        double[][] hidden = new double[data.layers][];
        double[][] cell = new double[data.layers][];
        for (int layer = 0; layer < data.layers; layer++) {
            hidden[layer] = data.hidden[layer].clone();
            cell[layer] = data.cell[layer].clone();
        }

        double total = 0;
        int count = 0;
        double[][] sequence = data.sequence;
        for (int t = 0; t < sequence.length - 1; t++) {
            double[] prediction = predict(parameters, hidden, cell, sequence[t]);
            double lse = logSumExpPlusTwo(prediction);
            double[] gold = sequence[t + 1];
            for (int i = 0; i < b; i++) {
                total += gold[i] * (prediction[i] - lse);
            }
            count += b;
        }
        return -total / count;
    }

    /**
     * The same objective with each character's step inside {@link dev.adjoint.AD#checkpoint}: differentiated, the
     * tape holds one step's records at a time, and each step is evaluated twice. The state that flows from step to
     * step is one vector: every layer's hidden state, then every layer's cell state, then the running total.
     *
     * @param parameters main, then extra parameters
     * @param data       the initial state and the sequence
     * @return the loss, equal to {@link #objective}'s
     */
    public static double objectiveCheckpointed(double[] parameters, LstmData data) {
        int b = data.size;
        int layers = data.layers;
        double[] state = new double[2 * layers * b + 1];
        for (int layer = 0; layer < layers; layer++) {
            System.arraycopy(data.hidden[layer], 0, state, layer * b, b);
            System.arraycopy(data.cell[layer], 0, state, (layers + layer) * b, b);
        }
        double[][] sequence = data.sequence;
        for (int t = 0; t < sequence.length - 1; t++) {
            double[] row = sequence[t];
            double[] gold = sequence[t + 1];
            state = dev.adjoint.AD.checkpoint(s -> advance(parameters, s, layers, row, gold), state);
        }
        return -state[2 * layers * b] / ((sequence.length - 1) * b);
    }

    /** One character: the state vector of {@link #objectiveCheckpointed} advanced, its total updated. */
    static double[] advance(double[] parameters, double[] state, int layers, double[] row, double[] gold) {
        int b = row.length;
        double[][] hidden = new double[layers][b];
        double[][] cell = new double[layers][b];
        for (int layer = 0; layer < layers; layer++) {
            System.arraycopy(state, layer * b, hidden[layer], 0, b);
            System.arraycopy(state, (layers + layer) * b, cell[layer], 0, b);
        }
        double[] prediction = predict(parameters, hidden, cell, row);
        double lse = logSumExpPlusTwo(prediction);
        double total = state[2 * layers * b];
        for (int i = 0; i < b; i++) {
            total += gold[i] * (prediction[i] - lse);
        }
        double[] next = new double[state.length];
        for (int layer = 0; layer < layers; layer++) {
            System.arraycopy(hidden[layer], 0, next, layer * b, b);
            System.arraycopy(cell[layer], 0, next, (layers + layer) * b, b);
        }
        next[2 * layers * b] = total;
        return next;
    }

    /** Runs one character through the layers, updating their state, and returns the output vector. */
    static double[] predict(double[] parameters, double[][] hidden, double[][] cell, double[] row) {
        int layers = hidden.length;
        int b = row.length;
        int extra = 2 * layers * 4 * b;

        double[] input = new double[b];
        for (int i = 0; i < b; i++) {
            input[i] = row[i] * parameters[extra + i];
        }
        for (int layer = 0; layer < layers; layer++) {
            step(parameters, layer * 2 * 4 * b, hidden[layer], cell[layer], input);
            input = hidden[layer];
        }

        double[] output = new double[b];
        for (int i = 0; i < b; i++) {
            output[i] = input[i] * parameters[extra + b + i] + parameters[extra + 2 * b + i];
        }
        return output;
    }

    /** One layer's step, element by element; {@code hidden} and {@code cell} are updated in place. */
    private static void step(double[] parameters, int offset, double[] hidden, double[] cell, double[] input) {
        int b = hidden.length;
        int weights = offset;
        int biases = offset + 4 * b;
        for (int i = 0; i < b; i++) {
            double forget = sigmoid(input[i] * parameters[weights + i] + parameters[biases + i]);
            double ingate = sigmoid(hidden[i] * parameters[weights + b + i] + parameters[biases + b + i]);
            double outgate = sigmoid(input[i] * parameters[weights + 2 * b + i] + parameters[biases + 2 * b + i]);
            double change = Math.tanh(hidden[i] * parameters[weights + 3 * b + i] + parameters[biases + 3 * b + i]);
            cell[i] = cell[i] * forget + ingate * change;
            hidden[i] = outgate * Math.tanh(cell[i]);
        }
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** ADBench's normaliser: log(Σ exp(yᵢ) + 2), unshifted, as in its reference code. */
    private static double logSumExpPlusTwo(double[] y) {
        double sum = 0;
        for (double v : y) {
            sum += Math.exp(v);
        }
        return Math.log(sum + 2);
    }
}
