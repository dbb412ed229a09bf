package dev.adjoint.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The tape's life across gradients on one thread: the spare is reused, keeps the capacity its stacks reached, and
 * holds no reference to what an earlier gradient recorded (a short reference stack is allocated afresh, a long one
 * kept and cleared).
 */
class TapeTest {

    @Test
    void aReleasedTapeHoldsNoReferenceAndTheNextGradientStartsWithAFreshReferenceStack() {
        Tape first = Tape.acquire();
        Object recorded = new Object();
        for (int i = 0; i < 3000; i++) {
            first.pushO(i == 1234 ? recorded : "v" + i);
        }
        Object[] used = first.refs;
        int reached = used.length;
        assertTrue(reached >= 3000, "the stack grew to hold the pushes");
        first.release();
        assertEquals(0, first.refs.length, "the released tape still holds a reference stack");

        Tape second = Tape.acquire();
        try {
            assertSame(first, second, "the thread's spare tape is reused");
            assertNotSame(used, second.refs, "the reference stack is allocated afresh for each gradient");
            assertEquals(reached, second.refs.length, "it starts with the capacity the last gradient reached");
            assertEquals(0, second.oTop);
            for (Object o : second.refs) {
                assertNull(o);
            }
            second.pushO(recorded);
            assertSame(recorded, second.popO());
        } finally {
            second.release();
        }
    }

    /** On a thread of its own, so that the large spare it leaves does not reach the other tests. */
    @Test
    void aReferenceStackLargeEnoughToBeHumongousIsKeptAndClearedInsteadOfAllocatedAgain() throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                largeReferenceStackIsKeptAndCleared();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }

    private static void largeReferenceStackIsKeptAndCleared() {
        Tape first = Tape.acquire();
        Object recorded = new Object();
        int pushes = Tape.KEEP_REFS + 10;
        for (int i = 0; i < pushes; i++) {
            first.pushO(i == pushes - 1 ? recorded : "v");
        }
        first.forwardDone();
        Object[] used = first.refs;
        first.oTop = 0;
        first.release();

        Tape second = Tape.acquire();
        try {
            assertSame(first, second);
            assertSame(used, second.refs, "a stack of at least KEEP_REFS slots is kept");
            for (Object o : second.refs) {
                assertNull(o, "the kept stack holds nothing of the last gradient");
            }
            assertEquals(0, second.oTop);
        } finally {
            second.release();
        }
    }

    @Test
    void shadowsAreFoundWhileLookupsAlternateBetweenArrays() {
        Tape t = Tape.acquire();
        try {
            double[][] arrays = {new double[3], new double[5], new double[7], new double[2]};
            double[][] shadows = new double[arrays.length][];
            for (int i = 0; i < arrays.length; i++) {
                shadows[i] = t.arrayShadow(arrays[i]);
                assertEquals(arrays[i].length, shadows[i].length);
            }
            for (int round = 0; round < 100; round++) {
                int i = (round * 3) % arrays.length;
                assertSame(shadows[i], t.arrayShadow(arrays[i]));
            }
        } finally {
            t.release();
        }
    }

    @Test
    void aTapeThatGrewPastTheKeepLimitKeepsItsCapacityForTheNextGradient() {
        Tape first = Tape.acquire();
        int slots = Tape.KEEP_LIMIT + 10;
        first.growD(0, slots);
        first.dTop = slots;
        first.forwardDone();
        first.dTop = 0;
        double[] grown = first.d;
        first.release();

        Tape second = Tape.acquire();
        try {
            assertSame(first, second, "a large tape is still the thread's spare");
            assertSame(grown, second.d, "its double stack is kept, not regrown");
        } finally {
            second.release();
        }
    }

    @Test
    void aLargeTapeShrinksOnlyAfterSeveralGradientsInARowUsedLittleOfIt() {
        Tape t = Tape.acquire();
        t.growD(0, Tape.KEEP_LIMIT + 10);
        int large = t.capacity()[0];
        t.dTop = Tape.KEEP_LIMIT + 10;
        t.forwardDone();
        t.dTop = 0;
        t.release();
        for (int g = 1; g <= Tape.SHRINK_AFTER; g++) {
            t = Tape.acquire();
            assertEquals(large, t.capacity()[0], "still large before gradient " + g);
            t.dTop = 5000;
            t.forwardDone();
            t.dTop = 0;
            if (g == 3) { // one large gradient in between starts the count again
                t.dTop = large - 1;
                t.forwardDone();
                t.dTop = 0;
            }
            t.release();
        }
        t = Tape.acquire();
        try {
            assertEquals(large, t.capacity()[0], "the large gradient in the middle kept it");
        } finally {
            t.release();
        }
        for (int g = 0; g < Tape.SHRINK_AFTER; g++) {
            t = Tape.acquire();
            t.dTop = 5000;
            t.iTop = 900; // the small int stack well used: it must not keep the large double stack from shrinking
            t.forwardDone();
            t.dTop = 0;
            t.iTop = 0;
            t.release();
        }
        t = Tape.acquire();
        try {
            int shrunk = t.capacity()[0];
            assertTrue(shrunk >= 10000 && shrunk <= 32768, "shrunk to room for what was used: " + shrunk);
        } finally {
            t.release();
        }
    }

    @Test
    void aSpillArrayGivenBackIsTakenAgainAcrossGradientsButNeverWhileItsMethodRuns() {
        Tape t = Tape.acquire();
        double[] outer = t.takeSpill(40);
        double[] inner = t.takeSpill(30);
        assertNotSame(outer, inner);
        t.giveSpill(inner);
        double[] again = t.takeSpill(20);
        assertSame(inner, again);
        t.giveSpill(again);
        t.giveSpill(outer);
        t.release();
        Tape next = Tape.acquire();
        try {
            assertSame(outer, next.takeSpill(40));
            assertSame(inner, next.takeSpill(30));
            double[] larger = next.takeSpill(50);
            assertTrue(larger.length >= 50);
            // with assertions on, a spill array is handed out NaN, so that a read before a write shows
            assertTrue(Double.isNaN(larger[49]) && Double.isNaN(outer[0]));
        } finally {
            next.release();
        }
    }
}
