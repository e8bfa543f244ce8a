#!/usr/bin/env bash
# Speed and peak memory of pingxuan's heavy commands on a large synthetic year, each as a
# ratio against a plain-sqlite3 floor run side by side on the same data and machine.
# Not part of CI. See bench/README.md.
#
#   bash bench/run.sh                    # SCALE 1, 50 and 500: 200, 10 000, 100 000 nominations
#   REPS=9 SCALES="1 4" bash bench/run.sh  # timed runs (median): REPS, or BIG_REPS from SCALE 100
#
# Needs bash, python3, sqlite3 and /usr/bin/time (and cargo, to build the release binary).
set -euo pipefail
cd "$(dirname "$0")/.."

REPS=${REPS:-5}
BIG_REPS=${BIG_REPS:-3}
SCALES=${SCALES:-"1 50 500"}
SQLITE3=${SQLITE3:-sqlite3}
YEAR=2026 # the year gen.py writes into the codes and dates

for tool in python3 "$SQLITE3" /usr/bin/time cargo; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is needed" >&2; exit 1; }
done
for s in $SCALES; do
    [[ $s =~ ^[1-9][0-9]*$ ]] || { echo "bench: SCALE must be a whole number from 1, not $s" >&2; exit 1; }
done

echo "bench: building the release binary" >&2
cargo build --release --locked --quiet
bin="${CARGO_TARGET_DIR:-target}/release/pingxuan"
[[ -x $bin ]] || { echo "bench: no binary at $bin (set CARGO_TARGET_DIR)" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/pingxuan

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pingxuan-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
results="$tmp/results"
: >"$results"

px() { # px DB ARGS...: pingxuan on DB, quietly; what it said is shown if it fails
    local db=$1
    shift
    "$bin" --db "$db" --operator bench --lang en "$@" >"$tmp/px.log" 2>&1 || {
        cat "$tmp/px.log" >&2
        echo "bench: pingxuan $* failed" >&2
        exit 1
    }
}

# A fresh copy of a prepared database, with its WAL should one be left.
fresh() { # fresh FROM TO: prints the shell line that makes it, for timeit --setup
    printf 'rm -f %q %q-wal %q-shm; cp %q %q; if [ -e %q-wal ]; then cp %q-wal %q-wal; fi' \
        "$2" "$2" "$2" "$1" "$2" "$1" "$1" "$2"
}

copydb() { eval "$(fresh "$1" "$2")"; }

reps_for() { if (($1 >= 100)); then echo "$BIG_REPS"; else echo "$REPS"; fi; }
timeit() { python3 bench/timeit.py --reps "$(reps_for "$scale")" --warmup 1 "$@"; }

# measure SCALE NAME ROWS FROM_DB OURS_ARGS BASE_SQL_FILE [IMPORTED_ROWS]
# Times `pingxuan OURS_ARGS` and `sqlite3 < BASE_SQL_FILE`, each on a fresh copy of FROM_DB.
# With IMPORTED_ROWS, checks that the baseline's table got that many rows.
measure() {
    local scale=$1 name=$2 rows=$3 from=$4 ours=$5 base_sql=$6 imported=${7:-}
    local work="$tmp/work.sqlite"
    echo "bench: SCALE $scale: $name" >&2
    local both
    # ours and the baseline in turn, each run on its own fresh copy
    # shellcheck disable=SC2086 # OURS_ARGS is a word list on purpose
    both=$(timeit \
        --setup "$(fresh "$from" "$work")" -- "$bin" --db "$work" --operator bench --lang en $ours \
        :: --setup "$(fresh "$from" "$work")" --stdin "$base_sql" -- \
        "$SQLITE3" -init /dev/null -batch -bail "$work")
    if [[ -n $imported ]]; then
        local got
        got=$("$SQLITE3" -init /dev/null "$work" "SELECT count(*) FROM bench_csv" 2>/dev/null)
        [[ $got == "$imported" ]] || { echo "bench: the baseline imported $got rows, not $imported" >&2; exit 1; }
    fi
    # timeit prints a line per arm: median wall ms, min wall ms, median CPU ms, peak RSS KiB
    local o b
    o=$(sed -n 1p <<<"$both")
    b=$(sed -n 2p <<<"$both")
    echo "$scale|$name|$rows|${o// /|}|${b// /|}" >>"$results"
}

# The floor of "read a CSV and write its rows to SQLite": a plain table with one column per
# CSV column, created and filled by the shell's .import inside one transaction, with the same
# journal (WAL, stored in the file) and the same synchronous = FULL as pingxuan.
import_sql() { # import_sql CSV NCOLS > file
    local cols="" i
    for ((i = 1; i <= $2; i++)); do cols+="${cols:+, }c$i"; done
    printf 'PRAGMA synchronous = FULL;\nBEGIN;\nCREATE TABLE bench_csv (%s);\n.import --csv --skip 1 %s bench_csv\nCOMMIT;\n' \
        "$cols" "$1"
}

rows() { echo $(($(wc -l <"$1") - 1)); }

for scale in $SCALES; do
    d="$tmp/s$scale"
    mkdir -p "$d"
    echo "bench: SCALE $scale: generating and preparing" >&2
    python3 bench/gen.py "$scale" "$d/csv" 2>/dev/null
    csv="$d/csv"

    # The prepared databases, one per stage of the cycle; each timed run starts from a copy.
    px "$d/org.sqlite" term open "$YEAR"
    px "$d/org.sqlite" org import "$csv/units.csv"
    copydb "$d/org.sqlite" "$d/nom.sqlite"
    px "$d/nom.sqlite" nominate import "$csv/nominations.csv"
    px "$d/nom.sqlite" nominate verify
    copydb "$d/nom.sqlite" "$d/self.sqlite"
    px "$d/self.sqlite" score import "$csv/self.csv" --source self
    copydb "$d/self.sqlite" "$d/joint.sqlite"
    px "$d/joint.sqlite" score import "$csv/joint.csv" --source joint
    copydb "$d/joint.sqlite" "$d/full.sqlite"
    px "$d/full.sqlite" inspect import "$csv/inspections.csv"
    px "$d/full.sqlite" inspect import "$csv/surveys.csv"
    # gen.py writes no vetoes: one nomination in 100 gets one (at most 50: each is a run of
    # pingxuan), so rank reads that table too
    reasons=(criminal safety complaint discipline)
    vstep=$((200 * scale / 50 > 100 ? 200 * scale / 50 : 100))
    k=0
    while read -r code; do
        px "$d/full.sqlite" veto add "$code" --reason "${reasons[k % 4]}" \
            --evidence "bench evidence $code" --document "bench-$k"
        k=$((k + 1))
    done < <("$SQLITE3" -init /dev/null "$d/full.sqlite" "SELECT code FROM nomination WHERE id % $vstep = 0 ORDER BY id")

    import_sql "$csv/nominations.csv" 10 >"$d/nominations.sql"
    import_sql "$csv/self.csv" 8 >"$d/self.sql"
    import_sql "$csv/joint.csv" 7 >"$d/joint.sql"
    import_sql "$csv/inspections.csv" 6 >"$d/inspections.sql"
    import_sql "$csv/surveys.csv" 4 >"$d/surveys.sql"
    import_sql "$csv/inspections2.csv" 6 >"$d/inspections2.sql"

    # The floor of rank: one query reading every row rank reads (the same joins, filters
    # and orders as src/load.rs: the sheets nominee by nominee, as a listing reads them),
    # written out as text to /dev/null.
    cat >"$d/rank.sql" <<SQL
SELECT * FROM (SELECT n.id, n.code, n.category, n.name, u.name, g.name, n.status, n.reasons, n.withdrawn_reason
    FROM nomination n JOIN unit u ON u.id = n.unit_id JOIN org_group g ON g.id = n.group_id
    WHERE n.term = $YEAR ORDER BY n.category = 'individual', n.serial)
UNION ALL
SELECT * FROM (SELECT s.nomination, s.source, s.evaluator, s.c1, s.c2, s.c3, s.c4, s.c5, NULL
    FROM sheet s JOIN nomination n ON n.id = s.nomination
    WHERE n.term = $YEAR AND s.replaced_at IS NULL ORDER BY n.category, n.serial)
UNION ALL
SELECT * FROM (SELECT f.nomination, f.kind, f.date, f.inspector, f.finding, f.deduction, NULL, NULL, NULL
    FROM finding f JOIN nomination n ON n.id = f.nomination
    WHERE n.term = $YEAR ORDER BY f.date, f.id)
UNION ALL
SELECT * FROM (SELECT s.nomination, s.date, s.satisfied, s.total, NULL, NULL, NULL, NULL, NULL
    FROM survey s JOIN nomination n ON n.id = s.nomination
    WHERE n.term = $YEAR ORDER BY s.date, s.id)
UNION ALL
SELECT * FROM (SELECT v.nomination, v.id, v.reason, v.evidence, v.document, NULL, NULL, NULL, NULL
    FROM veto v JOIN nomination n ON n.id = v.nomination
    WHERE n.term = $YEAR AND v.revoked_at IS NULL ORDER BY v.id);
SQL
    rank_rows=$("$SQLITE3" -init /dev/null -batch "$d/full.sqlite" <"$d/rank.sql" | wc -l)

    # imp NAME CSV FROM_DB OURS_ARGS SQL: an import, ours against .import of the same CSV
    imp() {
        local n
        n=$(rows "$2")
        measure "$scale" "$1" "$n" "$3" "$4" "$5" "$n"
    }
    imp "nominate import" "$csv/nominations.csv" "$d/org.sqlite" \
        "nominate import $csv/nominations.csv" "$d/nominations.sql"
    imp "score import --source self" "$csv/self.csv" "$d/nom.sqlite" \
        "score import $csv/self.csv --source self" "$d/self.sql"
    imp "score import --source joint" "$csv/joint.csv" "$d/self.sqlite" \
        "score import $csv/joint.csv --source joint" "$d/joint.sql"
    imp "inspect import (inspections)" "$csv/inspections.csv" "$d/joint.sqlite" \
        "inspect import $csv/inspections.csv" "$d/inspections.sql"
    # surveys go into the database that already holds the findings, as in the cycle
    copydb "$d/joint.sqlite" "$d/insp.sqlite"
    px "$d/insp.sqlite" inspect import "$csv/inspections.csv"
    imp "inspect import (surveys)" "$csv/surveys.csv" "$d/insp.sqlite" \
        "inspect import $csv/surveys.csv" "$d/surveys.sql"
    # other findings of the same nominees, onto the term that holds the first ones: the cost
    # of a row must not grow with what is already on record
    imp "inspect import (findings onto findings)" "$csv/inspections2.csv" "$d/insp.sqlite" \
        "inspect import $csv/inspections2.csv" "$d/inspections2.sql"
    measure "$scale" "rank --format json" "$rank_rows" "$d/full.sqlite" \
        "rank --format json" "$d/rank.sql"
    # the report reads what rank reads (and the awards and vetoes), then draws the page
    measure "$scale" "report --format json" "$rank_rows" "$d/full.sqlite" \
        "report --format json" "$d/rank.sql"
    measure "$scale" "report --out report.html" "$rank_rows" "$d/full.sqlite" \
        "report --out $tmp/report.html" "$d/rank.sql"
    echo "$scale|$(reps_for "$scale")" >>"$tmp/reps"
    rm -rf "$d" # the next size needs the room
done

# The tables, in Markdown.
python3 - "$results" "$tmp/reps" <<'PY'
import datetime
import os
import platform
import sys

path, reps_path = sys.argv[1], sys.argv[2]
reps = dict(line.strip().split("|") for line in open(reps_path) if line.strip())
by = {}
for line in open(path, encoding="utf-8"):
    if line.strip():
        scale, name, n, om, _, oc, orss, bm, _, bc, brss = line.rstrip("\n").split("|")
        by[(int(scale), name)] = (int(n), float(om), int(orss), float(bm), int(brss), float(oc), float(bc))
scales = sorted({k[0] for k in by})
names = list(dict.fromkeys(k[1] for k in by))


def mib(kib):
    return f"{kib / 1024:.1f}"


def cpu_model():
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


print(f"\n## pingxuan bench, {datetime.datetime.now().isoformat(timespec='minutes')}: {os.cpu_count()} × "
      f"{cpu_model()}, {platform.system()} {platform.release()}, load average {os.getloadavg()[0]:.1f} at the end\n")
for s in scales:
    n_noms = next((by[(s, k)][0] for k in names if (s, k) in by and k.startswith("nominate")), 0)
    print(f"### SCALE {s}: {n_noms} nominations, median of {reps.get(str(s), '?')} runs\n")
    print("| command | rows | ours ms | baseline ms | ratio | CPU ms ours / baseline (ratio) "
          "| CPU µs a row, ours / baseline | peak RSS ours / baseline MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    tot = [0.0] * 4
    for name in names:
        if (s, name) in by:
            n, om, orss, bm, brss, oc, bc = by[(s, name)]
            tot = [t + v for t, v in zip(tot, (om, bm, oc, bc))]
            print(f"| {name} | {n} | {om:.1f} | {bm:.1f} | {om / bm:.1f}× "
                  f"| {oc:.1f} / {bc:.1f} ({oc / max(bc, 0.1):.1f}×) "
                  f"| {oc * 1000 / n:.1f} / {bc * 1000 / n:.1f} | {mib(orss)} / {mib(brss)} |")
    print(f"| **all of the above** | | {tot[0]:.1f} | {tot[1]:.1f} | {tot[0] / tot[1]:.1f}× "
          f"| {tot[2]:.1f} / {tot[3]:.1f} ({tot[2] / max(tot[3], 0.1):.1f}×) | | |")
    print()
for lo, hi in zip(scales, scales[1:]):
    print(f"### Scaling: SCALE {hi} against SCALE {lo} ({hi / lo:g}× the data)\n")
    print(f"× is the SCALE-{hi} figure over the SCALE-{lo} one: up to {hi / lo:g}× is linear or better "
          "(the fixed cost of starting up and committing makes it less). Per extra row is the "
          f"marginal CPU cost, (cpu{hi} − cpu{lo}) / (rows{hi} − rows{lo}), with the fixed costs taken out; "
          "CPU time, unlike wall time, does not wait on fsync or on other processes.\n")
    print("| command | ours wall ms | × | ours CPU ms | × | baseline CPU ms | × "
          "| per extra row, CPU ours / baseline µs |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in names:
        if (lo, name) in by and (hi, name) in by:
            a, b = by[(lo, name)], by[(hi, name)]
            dn = b[0] - a[0]
            per = f"{(b[5] - a[5]) * 1000 / dn:.1f} / {(b[6] - a[6]) * 1000 / dn:.1f}" if dn else "-"
            print(f"| {name} | {a[1]:.1f} → {b[1]:.1f} | {b[1] / a[1]:.2f}× "
                  f"| {a[5]:.1f} → {b[5]:.1f} | {b[5] / max(a[5], 0.1):.2f}× "
                  f"| {a[6]:.1f} → {b[6]:.1f} | {b[6] / max(a[6], 0.1):.2f}× | {per} |")
    print()
big = scales[-1]
onto, first = (big, "inspect import (findings onto findings)"), (big, "inspect import (inspections)")
if onto in by and first in by:
    a, b = by[first], by[onto]
    print(f"Findings onto {a[0]} findings on record: {b[5] * 1000 / b[0]:.1f} µs of CPU a row, against "
          f"{a[5] * 1000 / a[0]:.1f} onto none ({b[5] / b[0] / (a[5] / a[0]):.2f}×).\n")
PY
