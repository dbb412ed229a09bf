package dev.adjoint.bench.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;

import dev.adjoint.MultivariateFunction;
import dev.adjoint.bench.shapes.StackedCharModel;
import dev.adjoint.examples.adbench.Gmm;
import dev.adjoint.examples.adbench.GmmData;
import dev.adjoint.examples.adbench.GmmInput;

/**
 * The comparisons with PyTorch time the same function on both sides: PyTorch's autograd, written independently
 * of Adjoint, is the oracle for Adjoint's gradient on each workload (and the other way round).
 */
class PyTorchAgreementTest {

    private static Engine engine;

    @BeforeAll
    static void startLibTorch() {
        engine = LibTorch.start(1);
    }

    @Test
    void the_scalar_chain_has_the_same_value_and_gradient_in_both() {
        try (TorchScalarChain chain = new TorchScalarChain(engine, ScalarChain.start())) {
            ScalarChainVersusPyTorch.agreement(chain);
        }
    }

    @Test
    void pytorch_takes_the_scalar_chain_gradient_again_after_zeroing_the_first() {
        double[] first = new double[2];
        double[] second = new double[2];
        try (TorchScalarChain chain = new TorchScalarChain(engine, ScalarChain.start())) {
            chain.gradient(first);
            chain.gradient(second);
        }
        assertEquals(first[0], second[0], 0);
        assertEquals(first[1], second[1], 0);
    }

    @Test
    void the_gmm_objective_has_the_same_value_and_gradient_in_both() {
        GmmInput input = GmmInput.load(GmmInput.D10_K5);
        GmmData data = input.data();
        MultivariateFunction objective = p -> Gmm.objective(p, data);
        try (TorchGmm gmm = new TorchGmm(engine, data, input.parameters())) {
            GmmVersusPyTorch.agreement(objective, input.parameters(), gmm);
        }
    }

    @Test
    void the_char_lstm_has_the_same_loss_and_gradient_in_both() {
        StackedCharModel model = StackedCharModel.of(1, CharLstmVersusPyTorch.WIDTH);
        try (TorchCharLstm lstm = new TorchCharLstm(engine, model, CharLstmVersusPyTorch.WIDTH)) {
            CharLstmVersusPyTorch.agreement(model, StackedCharModel.window(), lstm);
        }
    }

    @Test
    void the_agreement_check_refuses_a_gradient_off_in_the_thirteenth_digit() {
        double[] gradient = {1.0, -2.0};
        double[] off = {1.0, -2.0 * (1 + 1e-12)};
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Agreement.check("a test", 1.0, gradient, 1.0, off));
        assertTrue(refused.getMessage().contains("disagree"), refused.getMessage());
    }
}
