#!/usr/bin/env python3
"""Cut a Gavel/Philly trace folder to the jobs Gavel's own simulator can replay, for a side-by-side run.

Gavel's simulator (scheduler/scripts/drivers/simulate_scheduler_with_trace.py of the Gavel repository) looks up
every job's throughput by (job type, GPU count) in simulation_throughputs.json and stops with a KeyError on a pair
the file lacks (the shared Philly trace asks, e.g., for 'Recommendation (batch size 8192)' on 4 GPUs). Allot's
reader scales the nearest measured count instead, so the two would replay different work. This script keeps only
the jobs whose pair the file has, for every GPU type of the cluster, optionally only the first N of them by
arrival, and writes the same jobs twice:

  OUT/allot/GROUP.trace   one file per team, the lines as they were (Allot: --trace OUT/allot)
  OUT/gavel.trace         one file in the format Gavel's driver reads (10 tab-separated columns, by arrival)
  OUT/simulation_throughputs.json   a copy of the throughputs, where Allot looks for them by default

It prints how many jobs it kept and dropped, per pair dropped. Python 3 standard library only.

  scripts/gavel-cut-trace.py ../shared/data/gavel-philly/seed=0 --out /tmp/cut [--first 2000]
      [--throughputs FILE] [--types v100,p100,k80]
"""
import argparse
import collections
import json
import os
import shutil
import sys


def read_jobs(folder):
    """(group, arrival, line number, fields) of every job in the folder's *.trace files."""
    jobs = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith('.trace'):
            continue
        group = name[:-len('.trace')]
        with open(os.path.join(folder, name)) as f:
            for number, line in enumerate(f, 1):
                line = line.rstrip('\n')
                if not line.strip():
                    continue
                fields = line.split('\t')
                if len(fields) != 7:
                    sys.exit('%s line %d: expected 7 tab-separated columns, found %d' % (name, number, len(fields)))
                jobs.append((group, float(fields[5]), number, fields))
    return jobs


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('trace', help='folder of GROUP.trace files (7 columns: job type, command, steps flag, '
                                      'data-dir flag, total steps, arrival seconds, GPUs)')
    parser.add_argument('--out', required=True, help='folder to write into (created)')
    parser.add_argument('--throughputs', help='Gavel throughputs JSON (default: simulation_throughputs.json in the '
                                              'trace folder or its parent)')
    parser.add_argument('--types', default='v100,p100,k80', help='GPU types the cluster has (default: all three)')
    parser.add_argument('--first', type=int, help='keep only the first N kept jobs by arrival')
    args = parser.parse_args()

    path = args.throughputs
    if path is None:
        for folder in (args.trace, os.path.dirname(os.path.abspath(args.trace))):
            candidate = os.path.join(folder, 'simulation_throughputs.json')
            if os.path.exists(candidate):
                path = candidate
                break
    if path is None:
        sys.exit('no simulation_throughputs.json in %s or its parent; pass --throughputs' % args.trace)
    with open(path) as f:
        throughputs = json.load(f)
    types = args.types.split(',')
    for gpu_type in types:
        if gpu_type not in throughputs:
            sys.exit('--types: %s is not a GPU type of %s (%s)' % (gpu_type, path, ', '.join(throughputs)))

    def known(fields):
        key = str((fields[0], int(fields[6])))
        return all(key in throughputs[t] and 'null' in throughputs[t][key] for t in types)

    jobs = read_jobs(args.trace)
    # by arrival, ties by team and line, so that --first cuts the same jobs on every run
    jobs.sort(key=lambda job: (job[1], job[0], job[2]))
    kept = [job for job in jobs if known(job[3])]
    dropped = collections.Counter((job[3][0], int(job[3][6])) for job in jobs if not known(job[3]))
    if args.first is not None:
        kept = kept[:args.first]

    os.makedirs(os.path.join(args.out, 'allot'), exist_ok=True)
    by_group = collections.defaultdict(list)
    for group, _, number, fields in kept:
        by_group[group].append((number, fields))
    for group, lines in by_group.items():
        with open(os.path.join(args.out, 'allot', group + '.trace'), 'w') as f:
            for _, fields in sorted(lines):
                f.write('\t'.join(fields) + '\n')
    shutil.copyfile(path, os.path.join(args.out, 'simulation_throughputs.json'))
    with open(os.path.join(args.out, 'gavel.trace'), 'w') as f:
        for _, _, _, (job_type, command, steps_flag, data_dir, steps, arrival, gpus) in kept:
            # job type, command, working directory, steps flag, data-dir flag, total steps, scale factor (GPUs),
            # priority weight, SLO (none), arrival
            f.write('\t'.join([job_type, command, '', steps_flag, data_dir, steps, gpus, '1', '-1', arrival]) + '\n')

    print('kept %d of %d jobs (%d teams) whose (job type, GPU count) %s has for %s; wrote %s/allot and %s/gavel.trace'
          % (len(kept), len(jobs), len(by_group), os.path.basename(path), ','.join(types), args.out, args.out))
    ranked = sorted(dropped.items(), key=lambda item: (-item[1], item[0]))
    for (job_type, gpus), count in ranked[:10]:
        print('  dropped %5d jobs of %s on %d GPUs' % (count, job_type, gpus))
    if len(ranked) > 10:
        print('  dropped %5d jobs of %d more pairs' % (sum(count for _, count in ranked[10:]), len(ranked) - 10))


if __name__ == '__main__':
    main()
