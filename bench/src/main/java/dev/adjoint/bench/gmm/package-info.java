/**
 * ADBench's GMM objective written three more times, independently of the project's {@code Gmm} and of each other,
 * in shapes users write: a literal translation of ADBench's C++ ({@link dev.adjoint.bench.gmm.AdbenchGmm}), an
 * object with fields and slices ({@link dev.adjoint.bench.gmm.GmmModel}), and small static helpers per concept
 * ({@link dev.adjoint.bench.gmm.HelperGmm}). A test checks that all compute the same value and gradient.
 */
package dev.adjoint.bench.gmm;
