package dev.adjoint.examples.adbench;

/**
 * The fixed part of an LSTM instance: the initial state of each layer and the character sequence. Immutable; the
 * objective copies the state before it updates it, everyone else gets copies.
 */
public final class LstmData {

    final int layers;
    final int size;
    final double[][] hidden;
    final double[][] cell;
    final double[][] sequence;

    LstmData(int layers, int size, double[][] hidden, double[][] cell, double[][] sequence) {
        this.layers = layers;
        this.size = size;
        this.hidden = hidden;
        this.cell = cell;
        this.sequence = sequence;
    }

    /** @return l, the number of layers */
    public int layers() {
        return layers;
    }

    /** @return b, the size of the vectors */
    public int size() {
        return size;
    }

    /** @return c, the number of characters */
    public int length() {
        return sequence.length;
    }

    /** @return a copy of the initial hidden state, l rows of b */
    public double[][] hidden() {
        return copy(hidden);
    }

    /** @return a copy of the initial cell state, l rows of b */
    public double[][] cell() {
        return copy(cell);
    }

    /** @return a copy of the sequence, c rows of b */
    public double[][] sequence() {
        return copy(sequence);
    }

    private static double[][] copy(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }
}
