package dev.adjoint.examples.lstm;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A training run saved to a file, to be resumed: the model's parameters, Adam's moments and step count, how far
 * the text streams have read, and the loss of every step so far (for the loss curve). The shape of the model is
 * stored too, so that resuming with other sizes fails with a message instead of mixing weights.
 */
public final class Checkpoint {

    private static final int MAGIC = 0x41444c53; // "ADLS"
    private static final int VERSION = 1;

    private Checkpoint() {
    }

    /**
     * Writes the run, first to a temporary file beside the target, which then replaces it, so that an interrupted
     * save leaves the previous checkpoint intact.
     *
     * @param file   the checkpoint file
     * @param model  the model
     * @param adam   its optimizer
     * @param offset how far each text stream has read
     * @param losses the loss of each step so far
     */
    public static void save(Path file, CharModel model, Adam adam, int offset, double[] losses) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, file.getFileName().toString(), ".partial");
            try (OutputStream raw = Files.newOutputStream(partial);
                 DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw))) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeUTF(shape(model));
                writeArrays(out, model.parameters());
                out.writeInt(adam.steps);
                writeArrays(out, adam.firstMoments);
                writeArrays(out, adam.secondMoments);
                out.writeInt(offset);
                writeArrays(out, List.of(losses));
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a run into a model of the same shape and a fresh optimizer.
     *
     * @param file  the checkpoint file
     * @param model the model, whose parameters are overwritten
     * @param adam  the optimizer, whose moments and step count are overwritten
     * @return how far the text streams had read, and the losses so far
     * @throws IllegalArgumentException when the file is not a checkpoint or holds a model of another shape
     */
    public static Resumed load(Path file, CharModel model, Adam adam) {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IllegalArgumentException(file + " is not a checkpoint of this example");
            }
            String shape = in.readUTF();
            if (!shape.equals(shape(model))) {
                throw new IllegalArgumentException(file + " holds a model of shape " + shape + ", not "
                        + shape(model) + "; pass the same --depth, --width and corpus, or another --checkpoint");
            }
            readArraysInto(in, model.parameters());
            int steps = in.readInt();
            List<double[]> first = readArrays(in);
            List<double[]> second = readArrays(in);
            adam.firstMoments.clear();
            adam.firstMoments.addAll(first);
            adam.secondMoments.clear();
            adam.secondMoments.addAll(second);
            adam.steps = steps;
            int offset = in.readInt();
            double[] losses = readArrays(in).get(0);
            return new Resumed(steps, offset, losses);
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + " is truncated: not a complete checkpoint", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * What a checkpoint restores besides the weights.
     *
     * @param steps  the number of steps taken
     * @param offset how far each text stream had read
     * @param losses the loss of each step taken
     */
    public record Resumed(int steps, int offset, double[] losses) {
    }

    /** The layers and their sizes, e.g. {@code Lstm(65,128) Lstm(128,128) Dense(128,65) Softmax}. */
    static String shape(CharModel model) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < model.chain().size(); k++) {
            Layer layer = model.chain().layer(k);
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(layer.getClass().getSimpleName());
            if (layer instanceof Lstm lstm) {
                s.append('(').append(lstm.inputs).append(',').append(lstm.width).append(')');
            } else if (layer instanceof Dense dense) {
                s.append('(').append(dense.inputs).append(',').append(dense.outputs).append(')');
            }
        }
        return s.toString();
    }

    private static void writeArrays(DataOutputStream out, List<double[]> arrays) throws IOException {
        out.writeInt(arrays.size());
        for (double[] a : arrays) {
            out.writeInt(a.length);
            for (double v : a) {
                out.writeDouble(v);
            }
        }
    }

    private static List<double[]> readArrays(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<double[]> arrays = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            double[] a = new double[in.readInt()];
            for (int i = 0; i < a.length; i++) {
                a[i] = in.readDouble();
            }
            arrays.add(a);
        }
        return arrays;
    }

    private static void readArraysInto(DataInputStream in, List<double[]> targets) throws IOException {
        List<double[]> read = readArrays(in);
        for (int k = 0; k < targets.size(); k++) {
            System.arraycopy(read.get(k), 0, targets.get(k), 0, targets.get(k).length);
        }
    }
}
