#!/usr/bin/env python3
"""The timing helper of bench/run.sh: runs commands side by side and prints their medians.

    python3 bench/timeit.py [--reps N] [--warmup N] ARM [:: ARM ...]
    ARM:  [--setup SHELL] [--stdin FILE] -- CMD ARGS...

Each repetition runs every arm once, in turn (ours, then the baseline, then ours again...),
so that a machine busy with something else slows both sides alike. Before every run
(warm-up runs included) the arm's SETUP is run with `bash -c`, untimed: that is where a fresh
copy of the database is made, so that every run does the same work.

CMD runs under `/usr/bin/time -f %M` for its peak RSS. The wall time is measured here, around
that, so every arm carries the same few hundred microseconds of /usr/bin/time; the CPU time
(user + system, of CMD and /usr/bin/time together) comes from the kernel's account of the
child. CMD's stdout and stderr go to /dev/null; if it fails, its stderr is shown and this
fails.

Prints one line per arm: median wall ms, min wall ms, median CPU ms, median peak RSS KiB.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def parse_arm(words):
    ap = argparse.ArgumentParser(prog="timeit.py ARM")
    ap.add_argument("--setup", default="")
    ap.add_argument("--stdin", default=os.devnull)
    if "--" not in words:
        ap.error("an arm needs `-- CMD ARGS...`")
    i = words.index("--")
    arm = ap.parse_args(words[:i])
    arm.cmd = words[i + 1:]
    if not arm.cmd:
        ap.error("an arm needs a command after --")
    arm.walls, arm.cpus, arm.rss = [], [], []
    return arm


def run_once(arm, tmp):
    """One run of the arm: (wall ms, CPU ms, peak RSS KiB)."""
    rss_file = os.path.join(tmp, "rss")
    err_file = os.path.join(tmp, "stderr")
    if arm.setup:
        subprocess.run(["bash", "-c", arm.setup], check=True)
    with open(arm.stdin, "rb") as fin, open(err_file, "wb") as ferr:
        t0 = time.perf_counter()
        p = subprocess.Popen(
            ["/usr/bin/time", "-f", "%M", "-o", rss_file, *arm.cmd],
            stdin=fin, stdout=subprocess.DEVNULL, stderr=ferr,
        )
        _, status, usage = os.wait4(p.pid, 0)
        t1 = time.perf_counter()
        p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        with open(err_file, encoding="utf-8", errors="replace") as f:
            sys.stderr.write(f.read())
        sys.exit(f"timeit: {' '.join(arm.cmd)} exited with {p.returncode}")
    with open(rss_file) as f:
        rss = int(f.read().split()[-1])
    return (t1 - t0) * 1000.0, (usage.ru_utime + usage.ru_stime) * 1000.0, rss


def main() -> None:
    argv = sys.argv[1:]
    ap = argparse.ArgumentParser(usage=__doc__)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    # the global options come first; the arms start at the first --setup, --stdin or --
    first = next((i for i, w in enumerate(argv) if w in ("--setup", "--stdin", "--")), len(argv))
    g = ap.parse_args(argv[:first])
    groups, cur = [], []
    for w in argv[first:]:
        if w == "::":
            groups.append(cur)
            cur = []
        else:
            cur.append(w)
    groups.append(cur)
    arms = [parse_arm(words) for words in groups]

    with tempfile.TemporaryDirectory() as tmp:
        for i in range(g.warmup + g.reps):
            for arm in arms:
                wall, cpu, rss = run_once(arm, tmp)
                if i >= g.warmup:
                    arm.walls.append(wall)
                    arm.cpus.append(cpu)
                    arm.rss.append(rss)
    for arm in arms:
        print(f"{statistics.median(arm.walls):.1f} {min(arm.walls):.1f} "
              f"{statistics.median(arm.cpus):.1f} {int(statistics.median(arm.rss))}")


if __name__ == "__main__":
    main()
