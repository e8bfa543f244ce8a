#!/usr/bin/env python3
"""The timing helper of bench/run.sh: runs one command REPS times and prints its median.

    python3 bench/timeit.py [--reps N] [--warmup N] [--setup SHELL] [--stdin FILE] -- CMD ARGS...

Before every run (warm-up runs included) SETUP is run with `bash -c` and is not timed; it is
where a fresh copy of the database is made, so that every run does the same work. CMD runs
under `/usr/bin/time -f %M` for its peak RSS; the wall time is measured here, around that,
so both sides of a comparison carry the same few hundred microseconds of /usr/bin/time.
CMD's stdout and stderr go to /dev/null; if it fails, its stderr is shown and this fails.

Prints one line: median wall ms, min wall ms, max wall ms, median peak RSS KiB.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--setup", default="")
    ap.add_argument("--stdin", default=os.devnull)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    if not cmd:
        ap.error("no command given")

    walls, rss = [], []
    with tempfile.TemporaryDirectory() as tmp:
        rss_file = os.path.join(tmp, "rss")
        err_file = os.path.join(tmp, "stderr")
        for i in range(a.warmup + a.reps):
            if a.setup:
                subprocess.run(["bash", "-c", a.setup], check=True)
            with open(a.stdin, "rb") as fin, open(err_file, "wb") as ferr:
                t0 = time.perf_counter()
                p = subprocess.run(
                    ["/usr/bin/time", "-f", "%M", "-o", rss_file, *cmd],
                    stdin=fin, stdout=subprocess.DEVNULL, stderr=ferr,
                )
                t1 = time.perf_counter()
            if p.returncode != 0:
                with open(err_file, encoding="utf-8", errors="replace") as f:
                    sys.stderr.write(f.read())
                sys.stderr.write(f"timeit: {' '.join(cmd)} exited with {p.returncode}\n")
                return 1
            if i < a.warmup:
                continue
            walls.append((t1 - t0) * 1000.0)
            with open(rss_file) as f:
                # the last line: a command that failed puts a note before it
                rss.append(int(f.read().split()[-1]))
    print(f"{statistics.median(walls):.1f} {min(walls):.1f} {max(walls):.1f} {int(statistics.median(rss))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
