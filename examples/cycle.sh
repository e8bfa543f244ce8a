#!/usr/bin/env bash
# The whole yearly cycle on the example data of examples/2026, into a fresh database:
# term, org, nominate, verify, score, inspect, veto, rank, award. Prints both ranked
# shortlists and the commendation notice; the certificates go to out/2026/certificates.
#
#   bash examples/cycle.sh            # English headers and messages
#   bash examples/cycle.sh --lang zh  # 中文
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet --locked
bin=target/debug/pingxuan
out=out/2026
data=examples/2026
mkdir -p "$out"
db="$out/cycle.sqlite"
rm -f "$db" "$db-wal" "$db-shm"

px() { "$bin" --db "$db" --operator "Port Office" "$@"; }
step() { printf '\n== %s\n' "$*" >&2; }

step "term: open the 2026 term"
px "$@" term open 2026
step "org: the groups and their member units"
px "$@" org import "$data/units.csv"
step "nominate: the three groups' October forms (GBK, UTF-8 with BOM, English headers)"
for group in beilun meishan zhenhai; do
    px "$@" nominate import "$data/nominations-$group.csv"
done
step "nominate verify"
px "$@" nominate verify >/dev/null
step "score: self-evaluation and joint-panel sheets"
px "$@" score import "$data/self-scores.csv" --source self
px "$@" score import "$data/joint-scores.csv" --source joint
step "inspect: open inspections, covert visits, satisfaction surveys"
px "$@" inspect import "$data/inspections.csv"
px "$@" inspect import "$data/surveys.csv"
step "veto: the one-vote vetoes"
while IFS='|' read -r code reason evidence document; do
    px "$@" veto add "$code" --reason "$reason" --evidence "$evidence" --document "$document"
done <"$data/vetoes.txt"
step "rank: the ranked shortlists"
px "$@" rank --shortlist
step "award: grant within the quotas, the notice and the certificates"
px "$@" award grant
px "$@" award notice
px "$@" award certificates --out "$out/certificates"
printf '\nThe database is %s; the certificates are in %s/certificates/index.html\n' "$db" "$out" >&2
