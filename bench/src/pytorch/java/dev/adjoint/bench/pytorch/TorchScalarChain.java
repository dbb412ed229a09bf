package dev.adjoint.bench.pytorch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

/** {@link ScalarChain} on 0-dimensional float64 tensors: one libtorch operation per scalar operation. */
public final class TorchScalarChain implements AutoCloseable {

    private final Engine engine;
    private final NDManager manager;
    private final NDArray r;
    private final NDArray x0;

    /**
     * @param engine a started engine ({@link LibTorch#start})
     * @param p      r, then the starting x, as {@link ScalarChain#iterate} takes them
     */
    public TorchScalarChain(Engine engine, double[] p) {
        this.engine = engine;
        this.manager = engine.newBaseManager();
        this.r = leaf(manager, p[0]);
        this.x0 = leaf(manager, p[1]);
    }

    private static NDArray leaf(NDManager manager, double value) {
        NDArray leaf = manager.create(value);
        leaf.setRequiresGradient(true);
        return leaf;
    }

    /** @return the chain's value, without recording for autograd */
    public double value() {
        try (NDManager step = manager.newSubManager()) {
            return iterate(step).getDouble();
        }
    }

    /**
     * The gradient as a PyTorch user takes it: record, backward, read the leaves' gradients, zero them.
     *
     * @param into receives ∂x/∂r and ∂x/∂x₀
     * @return the value
     */
    public double gradient(double[] into) {
        try (NDManager step = manager.newSubManager(); GradientCollector collector = engine.newGradientCollector()) {
            NDArray x = iterate(step);
            collector.backward(x);
            into[0] = take(r);
            into[1] = take(x0);
            return x.getDouble();
        }
    }

    /** The chain; its 10,000 intermediate tensors belong to {@code step} and are freed with it. */
    private NDArray iterate(NDManager step) {
        // an operation's result belongs to its operand's manager: the leaves lend theirs for the step
        r.tempAttach(step);
        x0.tempAttach(step);
        NDArray x = x0;
        for (int i = 0; i < ScalarChain.STEPS; i++) {
            x = x.mul(r.sub(x));
        }
        return x;
    }

    /** A leaf's accumulated gradient, which is then zeroed for the next backward pass. */
    private static double take(NDArray leaf) {
        try (NDArray gradient = leaf.getGradient()) {
            double value = gradient.getDouble();
            gradient.subi(gradient);
            return value;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
