package dev.adjoint.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;

import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.bytecode.TapeField;
import dev.adjoint.internal.bytecode.TapeMethod;

/** The tape's members that generated code names exist in {@link Tape} as the emitters name them. */
class TapeAbiTest {

    @Test
    void the_abi_names_the_tape_class() {
        assertEquals(Type.getInternalName(Tape.class), Abi.TAPE);
    }

    @Test
    void every_field_generated_code_uses_is_a_public_instance_field_of_that_type() throws NoSuchFieldException {
        for (TapeField f : TapeField.values()) {
            Field field = Tape.class.getField(f.name);
            assertEquals(f.descriptor, Type.getDescriptor(field.getType()), f.name);
            assertTrue(!Modifier.isStatic(field.getModifiers()), f.name + " is static");
        }
    }

    @Test
    void every_method_generated_code_calls_is_a_public_instance_method_with_that_descriptor() {
        for (TapeMethod m : TapeMethod.values()) {
            Method found = null;
            for (Method candidate : Tape.class.getMethods()) {
                if (candidate.getName().equals(m.name) && Type.getMethodDescriptor(candidate).equals(m.descriptor)) {
                    found = candidate;
                }
            }
            assertTrue(found != null && !Modifier.isStatic(found.getModifiers()), m.name + m.descriptor);
        }
    }
}
