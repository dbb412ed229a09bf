package dev.adjoint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.adjoint.internal.engine.Engine;

class VersionTest {

    @Test
    void version_names_adjoint_the_engine_the_java_and_the_agent() {
        Ad ad = Ad.run("--version");
        assertEquals(0, ad.exitCode, ad::describe);
        String[] lines = ad.out.split("\n");
        assertTrue(lines[0].startsWith("ad ") && lines[0].contains("engine " + Engine.VERSION), ad::describe);
        assertTrue(lines[1].startsWith("Java " + System.getProperty("java.version") + " "), ad::describe);
        assertEquals("agent: loaded", lines[2], ad::describe); // the tests run under ad.jar, as bin/ad does
    }
}
