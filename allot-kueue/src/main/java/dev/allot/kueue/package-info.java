/** Allot kueue: Kueue enforcement: compile plans to Kueue objects, export, diff, apply. */
package dev.allot.kueue;
