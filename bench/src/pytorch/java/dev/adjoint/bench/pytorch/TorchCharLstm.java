package dev.adjoint.bench.pytorch;

import java.util.ArrayList;
import java.util.List;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;

import dev.adjoint.bench.shapes.StackedCharModel;

/**
 * The one-layer char-LSTM of {@link StackedCharModel} (the example's {@code Lstm}, {@code Dense} and softmax) as a
 * PyTorch user writes it: one step per character, matrix-vector products and gates on float64 tensors, the mean
 * cross-entropy of the next-character predictions. The weights are leaves copied from a {@link StackedCharModel}
 * of one layer.
 */
public final class TorchCharLstm implements AutoCloseable {

    private final Engine engine;
    private final NDManager manager;
    private final int width;
    /** Wx (4n × alphabet), Wh (4n × n), b (4n), W (alphabet × n), b (alphabet), as the model lists them. */
    private final List<NDArray> weights = new ArrayList<>();

    /**
     * @param engine a started engine ({@link LibTorch#start})
     * @param model  a model of one LSTM layer, whose weights are copied
     * @param width  its units
     */
    public TorchCharLstm(Engine engine, StackedCharModel model, int width) {
        this.engine = engine;
        this.manager = engine.newBaseManager();
        this.width = width;
        List<double[]> arrays = model.parameters();
        if (arrays.size() != 5) {
            throw new IllegalArgumentException("a model of one LSTM layer has 5 weight arrays, not " + arrays.size());
        }
        int alphabet = arrays.get(4).length;
        long[][] shapes = {{4L * width, alphabet}, {4L * width, width}, {4L * width}, {alphabet, width}, {alphabet}};
        for (int i = 0; i < shapes.length; i++) {
            NDArray leaf = manager.create(arrays.get(i)).reshape(shapes[i]);
            leaf.setRequiresGradient(true);
            weights.add(leaf);
        }
    }

    /**
     * @param codes the characters: inputs and, shifted by one, targets
     * @return the loss, without recording for autograd
     */
    public double value(int[] codes) {
        try (NDManager step = manager.newSubManager()) {
            return loss(step, codes).getDouble();
        }
    }

    /**
     * The gradient as a PyTorch user takes it: record, backward, read the weights' gradients, zero them.
     *
     * @param codes the characters
     * @param into  receives the gradient of each weight array, in the model's order
     * @return the loss
     */
    public double gradient(int[] codes, List<double[]> into) {
        try (NDManager step = manager.newSubManager(); GradientCollector collector = engine.newGradientCollector()) {
            NDArray loss = loss(step, codes);
            collector.backward(loss);
            for (int i = 0; i < weights.size(); i++) {
                try (NDArray gradient = weights.get(i).getGradient()) {
                    double[] partials = into.get(i);
                    System.arraycopy(gradient.toDoubleArray(), 0, partials, 0, partials.length);
                    gradient.subi(gradient);
                }
            }
            return loss.getDouble();
        }
    }

    private NDArray loss(NDManager step, int[] codes) {
        // an operation's result belongs to its operand's manager: the weights lend theirs for the step
        for (NDArray leaf : weights) {
            leaf.tempAttach(step);
        }
        NDArray inputWeights = weights.get(0);
        NDArray recurrentWeights = weights.get(1);
        NDArray bias = weights.get(2);
        NDArray readout = weights.get(3);
        NDArray readoutBias = weights.get(4);
        int n = width;
        NDArray hidden = step.zeros(new Shape(n), bias.getDataType());
        NDArray cell = hidden;
        NDArray total = null;
        for (int t = 0; t + 1 < codes.length; t++) {
            // Wx times a one-hot vector is the column of its one, as the example's Lstm reads it
            NDArray z = bias.add(inputWeights.get(":, {}", codes[t])).add(recurrentWeights.matMul(hidden));
            NDArray in = Activation.sigmoid(z.get("0:{}", n));
            NDArray forget = Activation.sigmoid(z.get("{}:{}", n, 2 * n));
            NDArray out = Activation.sigmoid(z.get("{}:{}", 2 * n, 3 * n));
            NDArray candidate = z.get("{}:", 3 * n).tanh();
            cell = forget.mul(cell).add(in.mul(candidate));
            hidden = out.mul(cell.tanh());
            NDArray p = readout.matMul(hidden).add(readoutBias).softmax(0);
            NDArray surprise = p.get(codes[t + 1]).log().neg();
            total = total == null ? surprise : total.add(surprise);
        }
        return total.div(codes.length - 1);
    }

    @Override
    public void close() {
        manager.close();
    }
}
