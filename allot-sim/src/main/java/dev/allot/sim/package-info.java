/** Allot sim: trace readers, discrete-event cluster simulator, outcome metrics. */
package dev.allot.sim;
