package dev.adjoint.bench;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

import dev.adjoint.examples.adbench.LstmData;

/**
 * {@link dev.adjoint.examples.adbench.Lstm}'s objective again, over Commons Math's {@link DerivativeStructure}: the
 * state starts as constants and becomes parameter-dependent after the first step.
 */
final class CommonsMathLstm {

    private CommonsMathLstm() {
    }

    static double[] gradient(double[] parameters, LstmData data) {
        return DerivativeStructures.gradient(objective(DerivativeStructures.variables(parameters), data));
    }

    static DerivativeStructure objective(DerivativeStructure[] p, LstmData data) {
        int layers = data.layers();
        int b = data.size();
        double[][] initialHidden = data.hidden();
        double[][] initialCell = data.cell();
        DerivativeStructure[][] hidden = new DerivativeStructure[layers][b];
        DerivativeStructure[][] cell = new DerivativeStructure[layers][b];
        for (int layer = 0; layer < layers; layer++) {
            for (int i = 0; i < b; i++) {
                hidden[layer][i] = DerivativeStructures.constant(p[0], initialHidden[layer][i]);
                cell[layer][i] = DerivativeStructures.constant(p[0], initialCell[layer][i]);
            }
        }

        DerivativeStructure total = DerivativeStructures.constant(p[0], 0);
        int count = 0;
        double[][] sequence = data.sequence();
        for (int t = 0; t < sequence.length - 1; t++) {
            DerivativeStructure[] prediction = predict(p, hidden, cell, sequence[t]);
            DerivativeStructure sum = DerivativeStructures.constant(p[0], 2);
            for (DerivativeStructure y : prediction) {
                sum = sum.add(y.exp());
            }
            DerivativeStructure lse = sum.log();
            double[] gold = sequence[t + 1];
            for (int i = 0; i < b; i++) {
                total = total.add(prediction[i].subtract(lse).multiply(gold[i]));
            }
            count += b;
        }
        return total.divide(-count);
    }

    private static DerivativeStructure[] predict(DerivativeStructure[] p, DerivativeStructure[][] hidden,
                                                 DerivativeStructure[][] cell, double[] row) {
        int layers = hidden.length;
        int b = row.length;
        int extra = 2 * layers * 4 * b;
        DerivativeStructure[] input = new DerivativeStructure[b];
        for (int i = 0; i < b; i++) {
            input[i] = p[extra + i].multiply(row[i]);
        }
        for (int layer = 0; layer < layers; layer++) {
            step(p, layer * 2 * 4 * b, hidden[layer], cell[layer], input);
            input = hidden[layer];
        }
        DerivativeStructure[] output = new DerivativeStructure[b];
        for (int i = 0; i < b; i++) {
            output[i] = input[i].multiply(p[extra + b + i]).add(p[extra + 2 * b + i]);
        }
        return output;
    }

    private static void step(DerivativeStructure[] p, int offset, DerivativeStructure[] hidden,
                             DerivativeStructure[] cell, DerivativeStructure[] input) {
        int b = hidden.length;
        int w = offset;
        int bias = offset + 4 * b;
        for (int i = 0; i < b; i++) {
            DerivativeStructure forget = sigmoid(input[i].multiply(p[w + i]).add(p[bias + i]));
            DerivativeStructure ingate = sigmoid(hidden[i].multiply(p[w + b + i]).add(p[bias + b + i]));
            DerivativeStructure outgate = sigmoid(input[i].multiply(p[w + 2 * b + i]).add(p[bias + 2 * b + i]));
            DerivativeStructure change = hidden[i].multiply(p[w + 3 * b + i]).add(p[bias + 3 * b + i]).tanh();
            cell[i] = cell[i].multiply(forget).add(ingate.multiply(change));
            hidden[i] = outgate.multiply(cell[i].tanh());
        }
    }

    private static DerivativeStructure sigmoid(DerivativeStructure x) {
        return x.negate().exp().add(1).reciprocal();
    }
}
