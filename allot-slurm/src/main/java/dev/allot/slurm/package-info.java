/** Allot slurm: Slurm enforcement: accounts and limits, diff, apply, drift, usage. */
package dev.allot.slurm;
