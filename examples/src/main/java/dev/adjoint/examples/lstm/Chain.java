package dev.adjoint.examples.lstm;

import java.util.ArrayList;
import java.util.List;

/** Layers applied one after the other, as Flux's {@code Chain}. */
public final class Chain implements Layer {

    final Layer[] layers;

    /** @param layers the layers, the first applied first */
    public Chain(Layer... layers) {
        if (layers.length == 0) {
            throw new IllegalArgumentException("a chain needs at least one layer");
        }
        this.layers = layers.clone();
    }

    /** @return the number of layers */
    public int size() {
        return layers.length;
    }

    /**
     * @param k an index
     * @return the {@code k}-th layer
     */
    public Layer layer(int k) {
        return layers[k];
    }

    @Override
    public double[] apply(double[] x, int batch) {
        double[] y = x;
        for (Layer layer : layers) {
            y = layer.apply(y, batch);
        }
        return y;
    }

    @Override
    public double[] applyOneHot(int[] codes, int inputWidth) {
        double[] y = layers[0].applyOneHot(codes, inputWidth);
        for (int k = 1; k < layers.length; k++) {
            y = layers[k].apply(y, codes.length);
        }
        return y;
    }

    @Override
    public void reset() {
        for (Layer layer : layers) {
            layer.reset();
        }
    }

    @Override
    public List<double[]> parameters() {
        List<double[]> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        return all;
    }
}
