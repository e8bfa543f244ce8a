#!/usr/bin/env python3
"""Writes a large synthetic year for benchmarks: python3 bench/gen.py SCALE OUTDIR.

SCALE 1 is about the size of a real year (3 groups, 30 units, 50 windows, 150 individuals);
SCALE 500 is a country's ports (100 000 nominations, about 600 000 joint sheets). Codes have
three digits up to 999 and widen after (P2026-1000). The files use the same columns as
examples/2026; inspections2.csv holds other findings of the same nominees, for an import
onto a term that already holds findings.
"""
import csv
import os
import random
import sys

scale = int(sys.argv[1]) if len(sys.argv) > 1 else 10
out = sys.argv[2] if len(sys.argv) > 2 else "bench/data"
os.makedirs(out, exist_ok=True)
rng = random.Random(7)

groups = [("北仑单位共建片组", "单位"), ("梅山港区共建片组", "港区"), ("镇海区域共建片组", "区域")]
units = []
with open(f"{out}/units.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["片组", "片组类型", "单位", "对外窗口"])
    for i in range(30 * scale):
        g = groups[i % 3]
        units.append((f"口岸单位{i + 1:05d}", g[0]))
        w.writerow([g[0], g[1], units[-1][0], "是"])

noms = []  # (code, category, unit, name)
with open(f"{out}/nominations.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["类别", "名称", "单位", "片组", "职务", "工号", "主要事迹", "联系人", "联系电话", "报送日期"])
    wn = pn = 0
    for i in range(200 * scale):
        unit, group = units[i % len(units)]
        if i % 4 == 0:
            wn += 1
            cat, name, code, staff = "窗口", f"服务窗口{i:06d}", f"W2026-{wn:03d}", ""
        else:
            pn += 1
            cat, name, code, staff = "个人", f"职工{i:06d}", f"P2026-{pn:03d}", f"{i:06d}"
        noms.append((code, cat, unit, name))
        w.writerow([cat, name, unit, group, "科员" if staff else "", staff,
                    "全年优质服务，\"零差错\"办结业务，群众满意。", "联系人", "0574-86880000", "2026-10-15"])

def marks(lo):
    return [rng.randrange(lo * 2, 41) / 2 for _ in range(5)]

with open(f"{out}/self.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["类别", "单位", "名称", "指标1", "指标2", "指标3", "指标4", "指标5"])
    for code, cat, unit, name in noms:
        w.writerow([cat, unit, name] + marks(16))

with open(f"{out}/joint.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["编号", "评分人", "指标1", "指标2", "指标3", "指标4", "指标5"])
    for code, *_ in noms:
        for e in range(rng.randrange(5, 8)):
            w.writerow([code, f"评委{e + 1}"] + marks(15))

for name, what in (("inspections", "台面不整洁"), ("inspections2", "资料未归档")):
    with open(f"{out}/{name}.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["编号", "方式", "日期", "检查人", "发现问题", "扣分"])
        for code, *_ in noms:
            for k in range(rng.randrange(0, 3)):
                w.writerow([code, rng.choice(["明查", "暗访"]), f"2026-{rng.randrange(3, 12):02d}-{rng.randrange(1, 29):02d}",
                            "检查组", f"{what}（第{k + 1}处）", rng.randrange(1, 8) / 2])

with open(f"{out}/surveys.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["编号", "日期", "满意人数", "调查人数"])
    for code, *_ in noms:
        if code.startswith("W"):
            w.writerow([code, "2026-11-10", rng.randrange(95, 101), 100])

print(f"{out}: {len(units)} units, {len(noms)} nominations", file=sys.stderr)
