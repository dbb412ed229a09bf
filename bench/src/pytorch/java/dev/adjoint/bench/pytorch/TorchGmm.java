package dev.adjoint.bench.pytorch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

import dev.adjoint.examples.adbench.Gmm;
import dev.adjoint.examples.adbench.GmmData;
import dev.adjoint.examples.adbench.LogGamma;

/**
 * ADBench's GMM objective ({@link Gmm#objective}) written as ADBench's PyTorch version writes it: whole-tensor
 * operations over all points and components at once, float64, the parameters one leaf vector laid out as
 * {@link Gmm} lays them out.
 */
public final class TorchGmm implements AutoCloseable {

    private final Engine engine;
    private final NDManager manager;
    private final int d;
    private final int k;
    private final int n;
    private final double gamma;
    private final int m;
    /** The parameters: α (k), μ (k·d), then each component's log-diagonal (d) and strict lower part. */
    private final NDArray parameters;
    /** The points, n × 1 × d, to broadcast against the k means. */
    private final NDArray points;
    /** Places the strict lower part of Q, column by column as {@link Gmm} stores it, into a row-major d × d. */
    private final NDArray lowerPlacement;

    /**
     * @param engine     a started engine ({@link LibTorch#start})
     * @param data       the points and the prior
     * @param parameters the parameters to differentiate at
     */
    public TorchGmm(Engine engine, GmmData data, double[] parameters) {
        this.engine = engine;
        this.manager = engine.newBaseManager();
        this.d = data.dimension();
        this.k = data.components();
        this.n = data.size();
        this.gamma = data.wishartGamma();
        this.m = data.wishartM();
        this.parameters = manager.create(parameters);
        this.parameters.setRequiresGradient(true);
        this.points = manager.create(flatten(data.points())).reshape(n, 1, d);
        this.lowerPlacement = manager.create(placement(d)).reshape(d * (d - 1) / 2, d * d);
    }

    private static double[] flatten(double[][] rows) {
        int width = rows[0].length;
        double[] flat = new double[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return flat;
    }

    /** A 0/1 matrix: lower entry l, at row j and column i of Q, goes to place j·d + i. */
    private static double[] placement(int d) {
        double[] place = new double[d * (d - 1) / 2 * d * d];
        int l = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                place[l * d * d + j * d + i] = 1;
                l++;
            }
        }
        return place;
    }

    /** @return the objective, without recording for autograd */
    public double value() {
        try (NDManager step = manager.newSubManager()) {
            return objective(step).getDouble();
        }
    }

    /**
     * The gradient as a PyTorch user takes it: record, backward, read the gradient, zero it.
     *
     * @param into receives the gradient, one partial per parameter
     * @return the objective
     */
    public double gradient(double[] into) {
        try (NDManager step = manager.newSubManager(); GradientCollector collector = engine.newGradientCollector()) {
            NDArray objective = objective(step);
            collector.backward(objective);
            try (NDArray gradient = parameters.getGradient()) {
                System.arraycopy(gradient.toDoubleArray(), 0, into, 0, into.length);
                gradient.subi(gradient);
            }
            return objective.getDouble();
        }
    }

    private NDArray objective(NDManager step) {
        // an operation's result belongs to its operand's manager: the inputs lend theirs for the step
        parameters.tempAttach(step);
        points.tempAttach(step);
        lowerPlacement.tempAttach(step);
        int icfSize = d + d * (d - 1) / 2;
        NDArray alphas = parameters.get("0:{}", k);
        NDArray means = parameters.get("{}:{}", k, k + k * d).reshape(k, d);
        NDArray icf = parameters.get("{}:", k + k * d).reshape(k, icfSize);
        NDArray logDiagonals = icf.get(":, 0:{}", d);
        NDArray lower = icf.get(":, {}:", d);
        NDArray sumQs = logDiagonals.sum(new int[] {1});
        NDArray diagonals = logDiagonals.exp();
        return logLikelihood(alphas, means, sumQs, diagonals, lower).add(wishartPrior(sumQs, diagonals, lower));
    }

    /** Σ over points of log Σₖ exp(αₖ + Σqₖ − ½‖Qₖ(x − μₖ)‖²), minus n·logsumexp(α), plus the normal's constant. */
    private NDArray logLikelihood(NDArray alphas, NDArray means, NDArray sumQs, NDArray diagonals, NDArray lower) {
        NDArray strictLower = lower.matMul(lowerPlacement).reshape(k, d, d);
        NDArray centered = points.sub(means).transpose(1, 0, 2);
        NDArray transformed = centered.mul(diagonals.expandDims(1))
                .add(centered.matMul(strictLower.transpose(0, 2, 1)));
        NDArray mainTerms = alphas.add(sumQs).expandDims(1)
                .sub(transformed.square().sum(new int[] {2}).mul(0.5));
        double constant = -n * d * 0.5 * Math.log(2 * Math.PI);
        return logSumExp(mainTerms, 0).sum().sub(logSumExp(alphas, 0).mul(n)).add(constant);
    }

    /** log Σ exp along an axis, shifted by the maximum as {@link Gmm} shifts it. */
    private static NDArray logSumExp(NDArray v, int axis) {
        NDArray max = v.max(new int[] {axis}, true);
        return v.sub(max).exp().sum(new int[] {axis}).log().add(max.squeeze(axis));
    }

    /** Σₖ (½γ²‖Qₖ‖²_F − m Σⱼ qₖⱼ) − k·C(γ, m, d), as {@link Gmm#logWishartPrior}. */
    private NDArray wishartPrior(NDArray sumQs, NDArray diagonals, NDArray lower) {
        int nPrime = d + m + 1;
        double c = nPrime * d * (Math.log(gamma) - 0.5 * Math.log(2)) - LogGamma.multivariate(0.5 * nPrime, d);
        NDArray frobenius = diagonals.square().sum().add(lower.square().sum());
        return frobenius.mul(0.5 * gamma * gamma).sub(sumQs.sum().mul(m)).sub(k * c);
    }

    @Override
    public void close() {
        manager.close();
    }
}
