package dev.adjoint.rules.opaque;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;

/**
 * Loads {@link Secret} and {@link Caller} itself, and hides the class file of {@code Secret}: the engine can read
 * the caller, but not the method it calls.
 */
public final class OpaqueLoader extends ClassLoader {

    private static final String PACKAGE = "dev.adjoint.rules.opaque.";

    public OpaqueLoader(ClassLoader parent) {
        super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            if (!name.equals(PACKAGE + "Secret") && !name.equals(PACKAGE + "Caller")) {
                return super.loadClass(name, resolve);
            }
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    byte[] bytes = in.readAllBytes();
                    c = defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        return name.endsWith("Secret.class") ? null : super.getResource(name);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        return name.endsWith("Secret.class") ? null : super.getResourceAsStream(name);
    }
}
