package dev.adjoint.internal.cache;

/**
 * The 128-bit FNV-1a hash (offset basis and prime as the FNV specification gives them), what a {@link CompanionKey}
 * is made of. A key has to tell companions apart, not resist someone who may write the private cache directory (no
 * hash could: they would write the entry they like under the key they like, see cache.md); SHA-256 cost every first
 * gradient with a cache the security providers' set-up, about 20 ms of the calling thread's CPU time.
 *
 * <p>Mutable; {@link #copy} keeps a state to continue from.
 */
final class Fnv128 {

    private static final long OFFSET_HIGH = 0x6c62272e07bb0142L;
    private static final long OFFSET_LOW = 0x62b821756295c58dL;
    /** The prime is 2^88 + 315. */
    private static final long PRIME_LOW = 315;
    private static final int PRIME_SHIFT = 88 - 64;

    private long high = OFFSET_HIGH;
    private long low = OFFSET_LOW;

    Fnv128 copy() {
        Fnv128 c = new Fnv128();
        c.high = high;
        c.low = low;
        return c;
    }

    void update(byte b) {
        low ^= b & 0xFF;
        // (high, low) * (2^88 + 315) modulo 2^128
        long carry = Math.multiplyHigh(low, PRIME_LOW) + ((low >> 63) & PRIME_LOW);
        high = high * PRIME_LOW + carry + (low << PRIME_SHIFT);
        low = low * PRIME_LOW;
    }

    void update(byte[] bytes) {
        for (byte b : bytes) {
            update(b);
        }
    }

    /** @return the hash, 32 hex digits, most significant first */
    String hex() {
        char[] digits = new char[32];
        for (int i = 0; i < 16; i++) {
            int shift = 60 - 4 * i;
            digits[i] = Character.forDigit((int) (high >>> shift) & 0xF, 16);
            digits[16 + i] = Character.forDigit((int) (low >>> shift) & 0xF, 16);
        }
        return new String(digits);
    }
}
