#!/usr/bin/env bash
# The whole yearly cycle on the example data of examples/2026, into a fresh database:
# term, org, nominate, verify, panel, score, inspect, veto (of nominations and of a unit),
# rank, 公示 with an objection investigated and dismissed, award. Prints both ranked
# shortlists, the 公示 notice and the commendation notice; the certificates go to
# out/2026/certificates.
#
#   bash examples/cycle.sh            # English headers and messages
#   bash examples/cycle.sh --lang zh  # 中文
set -euo pipefail
cd "$(dirname "$0")/.."

# The release build that the README's quick start makes (a no-op when it is built already);
# PINGXUAN_BIN names another binary instead, such as a debug build.
if [ -n "${PINGXUAN_BIN:-}" ]; then
    bin=$PINGXUAN_BIN
else
    cargo build --release --quiet --locked
    bin="${CARGO_TARGET_DIR:-target}/release/pingxuan"
fi
out=out/2026
data=examples/2026
mkdir -p "$out"
db="$out/cycle.sqlite"
rm -f "$db" "$db-wal" "$db-shm"

px() { "$bin" --db "$db" --operator "Port Office" "$@"; }
zh=no
case " $* ${LC_ALL:-${LANG:-}}" in *" zh"* | *"--lang zh"* | *" zh_"*) zh=yes ;; esac
[ "$*" = "--lang en" ] && zh=no
# step "English heading" "中文标题"
step() { if [ "$zh" = yes ]; then printf '\n== %s\n' "$2" >&2; else printf '\n== %s\n' "$1" >&2; fi; }

step "term: open the 2026 term" "term：开启2026年度评选"
px "$@" term open 2026
step "org: the groups and their member units" "org：片组及成员单位"
px "$@" org import "$data/units.csv"
step "nominate: the three groups' October forms (GBK, UTF-8 with BOM, English headers)" "nominate：三个片组10月报送的推荐表（GBK、带 BOM 的 UTF-8、英文表头）"
for group in beilun meishan zhenhai; do
    px "$@" nominate import "$data/nominations-$group.csv"
done
step "nominate verify" "nominate verify：核对推荐"
px "$@" nominate verify >/dev/null
step "panel: the joint-evaluation panel" "panel：联评小组"
px "$@" panel import "$data/panel.csv"
step "score: self-evaluation and joint-panel sheets" "score：自评表和联评表"
px "$@" score import "$data/self-scores.csv" --source self
px "$@" score import "$data/joint-scores.csv" --source joint
step "inspect: open inspections, covert visits, satisfaction surveys" "inspect：明查、暗访、满意度调查"
px "$@" inspect import "$data/inspections.csv"
px "$@" inspect import "$data/surveys.csv"
step "veto: the one-vote vetoes" "veto：一票否决"
while IFS='|' read -r code reason evidence document; do
    px "$@" veto add "$code" --reason "$reason" --evidence "$evidence" --document "$document"
done <"$data/vetoes.txt"
while IFS='|' read -r unit person reason evidence document; do
    px "$@" veto add --unit "$unit" --person "$person" --reason "$reason" --evidence "$evidence" --document "$document"
done <"$data/unit-vetoes.txt"
step "rank: the ranked shortlists" "rank：入围名单"
px "$@" rank --shortlist
step "award propose: 公示 of the proposed list for 5 working days" "award propose：拟表彰名单公示5个工作日"
px "$@" award propose --from 2026-11-23 --days 5
px "$@" award publicity
step "objection: one received, investigated and dismissed" "objection：收到异议一件，经调查不属实"
px "$@" objection add W2026-032 --from "某货代企业" --text "该窗口曾要求重复提交材料" --date 2026-11-25
px "$@" objection resolve 1 --dismissed --finding "经调查，系企业材料不全，窗口已一次性告知"
step "award: grant the proposed list, the notice and the certificates" "award：按公示名单授奖，通报和证书"
px "$@" award grant
px "$@" award notice
px "$@" award certificates --out "$out/certificates"
step "report: the term at a glance, for the committee" "report：年度概览（供评委会审阅）"
px "$@" report --out "$out/report.html"
if [ "$zh" = yes ]; then
    printf '\n数据库：%s；证书：%s/certificates/index.html；概览：%s/report.html\n' "$db" "$out" "$out" >&2
else
    printf '\nThe database is %s; the certificates are in %s/certificates/index.html; the report is %s/report.html\n' "$db" "$out" "$out" >&2
fi
