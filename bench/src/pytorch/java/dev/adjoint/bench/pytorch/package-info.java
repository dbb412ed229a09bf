/**
 * Issue 13's comparison with PyTorch, the peer a JVM user would pick instead: each workload written once in plain
 * Java and differentiated by Adjoint, and once with DJL's NDArrays and PyTorch's own autograd in float64, on the same
 * data. Built only with the Maven profile {@code pytorch}.
 */
package dev.adjoint.bench.pytorch;
