package dev.adjoint.examples.lstm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class TrainerTest {

    @Test
    void forty_steps_on_shakespeare_lower_the_loss_by_half_a_nat() {
        Corpus corpus = Corpus.read(Corpus.locate(null));
        CharModel model = new CharModel(corpus.alphabetSize(), 24, new Random(1));
        Trainer trainer = new Trainer(model, corpus, 20, new Adam(0.02, 5));

        double first = 0;
        double last = 0;
        for (int step = 0; step < 40; step++) {
            double loss = trainer.step();
            if (step < 5) {
                first += loss / 5;
            } else if (step >= 35) {
                last += loss / 5;
            }
        }
        assertTrue(first > 3.9, "starts near ln 65 = 4.17: " + first);
        assertTrue(last < first - 0.5, "from " + first + " to " + last);
    }

    @Test
    void training_lowers_the_loss_on_text_it_has_not_seen() {
        Corpus corpus = Corpus.read(Corpus.locate(null));
        CharModel model = new CharModel(corpus.alphabetSize(), 24, new Random(2));
        Window heldOut = corpus.window(corpus.length() - 200, 150, State.zero(24));
        double before = model.loss(heldOut);

        Trainer trainer = new Trainer(model, corpus, 20, new Adam(0.02, 5));
        for (int step = 0; step < 40; step++) {
            trainer.step();
        }
        double after = model.loss(heldOut);
        assertTrue(after < before - 0.4, "from " + before + " to " + after);
    }
}
