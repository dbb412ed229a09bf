package dev.adjoint.examples.lstm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class TrainerTest {

    private static final Corpus SHAKESPEARE = Corpus.read(Corpus.locate(null));

    @Test
    void thirty_steps_of_a_small_two_layer_model_lower_the_loss_well_below_uniform_guessing() {
        CharModel model = CharModel.of(SHAKESPEARE.alphabetSize(), 2, 16, new Random(1));
        Trainer trainer = new Trainer(model, SHAKESPEARE.streams(4), 16, new Adam(0.02));

        double first = 0;
        double last = 0;
        for (int step = 0; step < 30; step++) {
            double loss = trainer.step();
            if (step < 3) {
                first += loss / 3;
            } else if (step >= 25) {
                last += loss / 5;
            }
        }
        assertTrue(Math.abs(first - Math.log(65)) < 0.2, "starts near ln 65 = 4.17: " + first);
        assertTrue(last < first - 0.7, "from " + first + " to " + last);
    }

    @Test
    void training_lowers_the_loss_on_text_it_has_not_seen() {
        // the last 150 characters: the streams of 4 train on the first 30 · 16 characters of each quarter
        int[][] inputs = new int[150][1];
        int[][] targets = new int[150][1];
        int start = SHAKESPEARE.length() - 151;
        for (int t = 0; t < 150; t++) {
            inputs[t][0] = SHAKESPEARE.code(start + t);
            targets[t][0] = SHAKESPEARE.code(start + t + 1);
        }
        Batch heldOut = new Batch(inputs, targets, true);
        CharModel model = CharModel.of(SHAKESPEARE.alphabetSize(), 1, 16, new Random(2));
        double before = model.loss(heldOut);

        Trainer trainer = new Trainer(model, SHAKESPEARE.streams(4), 16, new Adam(0.02));
        for (int step = 0; step < 30; step++) {
            trainer.step();
        }
        model.reset();
        double after = model.loss(heldOut);
        assertTrue(after < before - 0.4, "from " + before + " to " + after);
    }
}
