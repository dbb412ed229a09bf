package dev.adjoint.examples.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;

class CharModelTest {

    private static final Corpus TEXT = Corpus.of("to be, or not to be: that is the question.");
    private static final int WIDTH = 6;
    private static final int LENGTH = 12;

    /** A start state that is not zero, so that the recurrent weights matter from the first character on. */
    private static State start() {
        Random random = new Random(3);
        State s = State.zero(WIDTH);
        for (int i = 0; i < WIDTH; i++) {
            s.h()[i] = 0.5 * (2 * random.nextDouble() - 1);
            s.c()[i] = 2 * random.nextDouble() - 1;
        }
        return s;
    }

    private static Window window() {
        return TEXT.window(5, LENGTH, start());
    }

    /** ∂loss/∂array[k] by central differences of the plain loss, h = 1e-5. */
    private static double centralDifference(CharModel model, double[] array, int k) {
        double h = 1e-5;
        double saved = array[k];
        array[k] = saved + h;
        double up = model.loss(window());
        array[k] = saved - h;
        double down = model.loss(window());
        array[k] = saved;
        return (up - down) / (2 * h);
    }

    @Test
    void gradient_agrees_with_central_differences_in_every_parameter_array() {
        CharModel model = new CharModel(TEXT.alphabetSize(), WIDTH, new Random(11));
        CharModel gradient = AD.gradient(model, m -> m.loss(window()));

        List<double[]> parameters = model.parameters();
        List<double[]> adjoints = gradient.parameters();
        int read = window().input(2);
        int unread = TEXT.codeOf('q');
        int[][] samples = {
            {read, TEXT.alphabetSize() + read, 3 * TEXT.alphabetSize() * WIDTH + read, unread},
            {0, 7, WIDTH * WIDTH + 1, 4 * WIDTH * WIDTH - 1},
            {0, WIDTH + 2, 2 * WIDTH + 3, 4 * WIDTH - 1},
            {0, WIDTH + 1, TEXT.alphabetSize() * WIDTH - 1},
            {0, TEXT.codeOf('e'), TEXT.alphabetSize() - 1},
        };
        int checked = 0;
        for (int a = 0; a < parameters.size(); a++) {
            for (int k : samples[a]) {
                double expected = centralDifference(model, parameters.get(a), k);
                assertEquals(expected, adjoints.get(a)[k], 1e-7 * Math.max(1, Math.abs(expected)),
                        "array " + a + ", index " + k);
                checked++;
            }
        }
        assertEquals(18, checked);
        assertEquals(0.0, adjoints.get(0)[unread], "a character the window never reads has no gradient");
    }

    @Test
    void gradient_leaves_the_window_with_the_loss_and_end_state_of_a_direct_call() {
        CharModel model = new CharModel(TEXT.alphabetSize(), WIDTH, new Random(5));
        Window direct = window();
        double expected = model.loss(direct);
        Window differentiated = window();
        AD.gradient(model, m -> m.loss(differentiated));

        assertEquals(expected, differentiated.loss(), 0.0);
        assertArrayEquals(direct.end().h(), differentiated.end().h(), 0.0);
        assertArrayEquals(direct.end().c(), differentiated.end().c(), 0.0);
    }

    @Test
    void gradient_does_not_change_the_model() {
        CharModel model = new CharModel(TEXT.alphabetSize(), WIDTH, new Random(5));
        double before = model.loss(window());
        AD.gradient(model, m -> m.loss(window()));
        assertEquals(before, model.loss(window()), 0.0);
    }

    @Test
    void an_untrained_model_predicts_about_uniformly() {
        CharModel model = new CharModel(TEXT.alphabetSize(), WIDTH, new Random(5));
        assertEquals(Math.log(TEXT.alphabetSize()), model.loss(window()), 0.3);
    }
}
