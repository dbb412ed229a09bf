package dev.adjoint.internal.runtime;

import java.lang.reflect.Array;

/**
 * An identity map from arrays and objects to their shadows (the {@code double[]} that holds their adjoints), open
 * addressing with linear probing.
 *
 * <p>There is deliberately no cache of the last key in front of it. A tape lives across gradients and ages into the
 * old generation, and under G1 each store of a reference into an old object takes the card-marking path with its
 * fence; pullbacks that alternate between arrays missed such a cache on every lookup and paid two such stores for
 * it, which cost more than the probe it saved (about 5 % of an ADBench GMM gradient).
 */
final class ShadowMap {

    static final int ARRAY = 0;
    static final int FIELDS = 1;

    private Object[] keys = new Object[64];
    private double[][] values = new double[64][];
    private int size;

    double[] get(Object key, int kind) {
        double[] v = find(key);
        if (v == null) {
            v = new double[kind == ARRAY ? Array.getLength(key) : FieldSlots.count(key.getClass())];
            put(key, v);
        }
        return v;
    }

    double[] find(Object key) {
        Object[] ks = keys;
        int mask = ks.length - 1;
        int i = hash(key) & mask;
        while (true) {
            Object k = ks[i];
            if (k == key) {
                return values[i];
            }
            if (k == null) {
                return null;
            }
            i = (i + 1) & mask;
        }
    }

    void put(Object key, double[] value) {
        if (2 * (size + 1) > keys.length) {
            rehash();
        }
        Object[] ks = keys;
        int mask = ks.length - 1;
        int i = hash(key) & mask;
        while (ks[i] != null && ks[i] != key) {
            i = (i + 1) & mask;
        }
        if (ks[i] == null) {
            size++;
        }
        ks[i] = key;
        values[i] = value;
    }

    /** Sets every shadow to zero, keeping the entries. */
    void zeroAll() {
        for (double[] v : values) {
            if (v != null) {
                java.util.Arrays.fill(v, 0.0);
            }
        }
    }

    void clear() {
        if (size > 0) {
            if (keys.length > 1 << 16) {
                keys = new Object[64];
                values = new double[64][];
            } else {
                java.util.Arrays.fill(keys, null);
                java.util.Arrays.fill(values, null);
            }
            size = 0;
        }
    }

    private void rehash() {
        Object[] oldKeys = keys;
        double[][] oldValues = values;
        keys = new Object[oldKeys.length * 2];
        values = new double[oldKeys.length * 2][];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int hash(Object key) {
        int h = System.identityHashCode(key);
        return h ^ (h >>> 16);
    }
}
