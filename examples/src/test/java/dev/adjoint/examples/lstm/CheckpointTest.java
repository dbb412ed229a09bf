package dev.adjoint.examples.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    private static final Corpus TEXT = Corpus.of("to be, or not to be: that is the question. whether 'tis nobler");

    @TempDir
    Path folder;

    @Test
    void a_resumed_run_continues_exactly_as_the_uninterrupted_one() {
        // uninterrupted: six steps
        CharModel straight = CharModel.of(TEXT.alphabetSize(), 2, 6, new Random(3));
        Adam straightAdam = new Adam(0.01);
        TextStreams straightStreams = TEXT.streams(2);
        Trainer trainer = new Trainer(straight, straightStreams, 4, straightAdam);
        double[] losses = new double[6];
        for (int s = 0; s < 6; s++) {
            losses[s] = trainer.step();
        }

        // interrupted after three steps, saved, loaded into a fresh model with other weights, three more steps
        CharModel first = CharModel.of(TEXT.alphabetSize(), 2, 6, new Random(3));
        Adam firstAdam = new Adam(0.01);
        TextStreams firstStreams = TEXT.streams(2);
        Trainer before = new Trainer(first, firstStreams, 4, firstAdam);
        double[] firstLosses = {before.step(), before.step(), before.step()};
        Path file = folder.resolve("run.checkpoint");
        Checkpoint.save(file, first, firstAdam, firstStreams.offset(), firstLosses);

        CharModel resumed = CharModel.of(TEXT.alphabetSize(), 2, 6, new Random(99));
        Adam resumedAdam = new Adam(0.01);
        TextStreams resumedStreams = TEXT.streams(2);
        Checkpoint.Resumed r = Checkpoint.load(file, resumed, resumedAdam);
        assertEquals(3, r.steps());
        assertArrayEquals(firstLosses, r.losses(), 0.0);
        resumedStreams.seek(r.offset());
        // the LSTM state is not saved: the uninterrupted run's is carried over by hand to compare bit for bit
        for (int k = 0; k < 2; k++) {
            Lstm from = (Lstm) first.chain().layer(k);
            Lstm to = (Lstm) resumed.chain().layer(k);
            to.hidden = from.hidden;
            to.cell = from.cell;
        }
        Trainer after = new Trainer(resumed, resumedStreams, 4, resumedAdam);
        for (int s = 3; s < 6; s++) {
            assertEquals(losses[s], after.step(), 0.0, "step " + s);
        }
        List<double[]> expected = straight.parameters();
        List<double[]> actual = resumed.parameters();
        for (int a = 0; a < expected.size(); a++) {
            assertArrayEquals(expected.get(a), actual.get(a), 0.0, "parameter array " + a);
        }
    }

    @Test
    void a_checkpoint_of_another_shape_is_refused_with_the_options_to_check() {
        Path file = folder.resolve("small.checkpoint");
        CharModel small = CharModel.of(TEXT.alphabetSize(), 1, 4, new Random(1));
        Checkpoint.save(file, small, new Adam(0.01), 0, new double[0]);
        CharModel larger = CharModel.of(TEXT.alphabetSize(), 2, 4, new Random(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(file, larger, new Adam(0.01)));
        assertTrue(e.getMessage().contains("--depth"), e.getMessage());
    }

    @Test
    void a_file_that_is_not_a_checkpoint_is_refused() throws IOException {
        Path file = Files.writeString(folder.resolve("notes.txt"), "not a checkpoint at all");
        CharModel model = CharModel.of(TEXT.alphabetSize(), 1, 4, new Random(1));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, model, new Adam(0.01)));
    }
}
