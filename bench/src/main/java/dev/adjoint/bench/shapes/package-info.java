/**
 * Issue 13's benchmark of code shapes: the same kinds of computation written the ways Java programmers write them
 * (tiny static and instance methods, small records, a library ODE integrator, a library matrix inverse, a stacked
 * recurrent model), each benchmarked as gradient against primal in one run.
 */
package dev.adjoint.bench.shapes;
