#!/usr/bin/env bash
# The example cycle of examples/cycle.sh on the office's other machines, run here from the
# packages that scripts/package.sh made (run that first):
#
#   windows  pingxuan.exe under Wine, as a clerk on a Chinese Windows has it: the package
#            unpacked into a Chinese folder on drive D:, Chinese file names, paths with a drive
#            letter, backslashes and a space, the GBK and CRLF files of the example year, no
#            USER (the operator comes from %USERNAME%), no LANG or LC_ALL (the language comes from
#            the Windows user locale), Chinese to the console and to a file redirected by cmd,
#            开始.bat, a second clerk's write lock, and an output file held open by another
#            program.
#   aarch64  the aarch64 binary under qemu-user.
#
# The shortlists of each are compared byte for byte with those of the x86-64 Linux binary.
#
#   bash scripts/cross-cycle.sh            # both
#   bash scripts/cross-cycle.sh aarch64    # one
#
# Wine 8 of Debian 12 lacks ProcessPrng, which Rust's standard library calls and Windows 10 and
# 11 have: scripts/wine/bcryptprimitives.c stands in for it, beside pingxuan.exe, in the test
# only. scripts/wine/clerk2.c is the second program at the clerk's files. Both are built here
# with mingw and never shipped.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(windows aarch64)

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
winzip=$root/dist/pingxuan-$version-windows-x86_64.zip
armtar=$root/dist/pingxuan-$version-linux-aarch64.tar.gz

work=$(mktemp -d "${TMPDIR:-/tmp}/pingxuan-cross.XXXXXX")
cleanup() {
    if [ -n "${WINEPREFIX:-}" ] && [ -d "$WINEPREFIX" ]; then
        /usr/lib/wine/wineserver64 -k 2>/dev/null || true
        /usr/lib/wine/wineserver64 -w 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
[ -z "${KEEP:-}" ] || trap - EXIT

fail() {
    printf 'FAIL: %s\n' "$*" >&2
    exit 1
}
pass() { printf 'ok: %s\n' "$*" >&2; }
# The line under a printed shortlist that names the record it was drawn from (the audit head)
# differs between databases made at different times; everything else must be equal.
unrecorded() { sed -e '/^Record: audit entry [0-9]*, hash /d' -e '/^记录校验：第 [0-9]* 条操作记录/d' "$1"; }
same() { # same A B WHAT
    cmp -s <(unrecorded "$1") <(unrecorded "$2") || {
        diff <(unrecorded "$1") <(unrecorded "$2") | head -n 20 >&2 || true
        fail "$3: $1 and $2 differ"
    }
    pass "$3"
}

# cycle RUN FILE OUT: the steps of examples/cycle.sh. RUN runs the binary with its global options,
# FILE NAME prints how that binary spells the path of the example file NAME, OUT is the folder
# (on this side) for the shortlists. Documents go where DOC NAME says.
cycle() {
    local run=$1 file=$2 out=$3
    # Each step is checked here: `set -e` does not reach into a function called before `||`.
    "$run" term open 2026 || return
    "$run" org import "$("$file" units.csv)" || return
    for group in beilun meishan zhenhai; do
        "$run" nominate import "$("$file" "nominations-$group.csv")" || return
    done
    "$run" nominate verify >/dev/null || return
    "$run" score import "$("$file" self-scores.csv)" --source self || return
    "$run" score import "$("$file" joint-scores.csv)" --source joint || return
    "$run" inspect import "$("$file" inspections.csv)" || return
    "$run" inspect import "$("$file" surveys.csv)" || return
    while IFS='|' read -r code reason evidence document; do
        "$run" veto add "$code" --reason "$reason" --evidence "$evidence" --document "$document" || return
    done <"$root/examples/2026/vetoes.txt"
    "$run" rank --shortlist >"$out/shortlist.txt" || return
    "$run" rank --shortlist --format csv >"$out/shortlist.csv" || return
    "$run" award grant || return
    # The awards with their certificate numbers, less the time of the grant.
    "$run" award list --format csv >"$out/awards-with-time.csv" || return
    python3 -c '
import csv, sys
w = csv.writer(sys.stdout, lineterminator="\n")
for row in csv.DictReader(sys.stdin):
    row.pop("granted_at")
    w.writerow(row.values())
' <"$out/awards-with-time.csv" >"$out/awards.csv"
}

# The x86-64 Linux reference, in the language of each run.
cargo build --locked --quiet
ref() { # ref LANG OUT
    mkdir -p "$2"
    native() { "${CARGO_TARGET_DIR:-$root/target}/debug/pingxuan" --db "$ref_db" --operator "Port Office" "$@" </dev/null; }
    linux_file() { printf '%s/examples/2026/%s' "$root" "$1"; }
    ref_db=$2/cycle.sqlite
    LANG=$1 LC_ALL= PINGXUAN_LANG= cycle native linux_file "$2" >/dev/null 2>"$2/messages.txt" ||
        { cat "$2/messages.txt" >&2; fail "the example cycle on x86-64"; }
}

run_aarch64() {
    local t0=$SECONDS
    [ -f "$armtar" ] || fail "no $armtar: run scripts/package.sh first"
    tar -C "$work" -xzf "$armtar"
    local pkg=$work/pingxuan-$version-linux-aarch64
    file "$pkg/pingxuan" | grep -q 'ARM aarch64' || fail "$pkg/pingxuan is not an aarch64 binary"
    arm_db=$work/arm.sqlite
    arm() { qemu-aarch64 -L /usr/aarch64-linux-gnu "$pkg/pingxuan" --db "$arm_db" --operator "Port Office" "$@" </dev/null; }
    # The example year as the package has it.
    arm_file() { printf '%s/示例/2026/%s' "$pkg" "$1"; }
    mkdir -p "$work/arm"
    LANG=C.UTF-8 LC_ALL= PINGXUAN_LANG= cycle arm arm_file "$work/arm" >/dev/null 2>"$work/arm/messages.txt" ||
        { cat "$work/arm/messages.txt" >&2; fail "the example cycle under qemu-aarch64"; }
    pass "aarch64: the example cycle ran under qemu-user"
    ref C.UTF-8 "$work/ref-en"
    for f in shortlist.txt shortlist.csv awards.csv; do
        same "$work/ref-en/$f" "$work/arm/$f" "aarch64: $f equals the x86-64 one byte for byte"
    done
    printf 'aarch64 took %ss\n' $((SECONDS - t0)) >&2
}

run_windows() {
    local t0=$SECONDS
    [ -f "$winzip" ] || fail "no $winzip: run scripts/package.sh first"
    export WINEPREFIX=$work/wineprefix WINEDEBUG=-all WINEDLLOVERRIDES='mscoree,mshtml='
    # Debian's wine64 package; its `wine` package only adds a wrapper in /usr/bin.
    local wine=/usr/lib/wine/wine64
    # One wineserver for the whole run, not one started and stopped around each command (it
    # lingers 3 s after the last program, and a command starting as it goes may fail).
    mkdir -p "$WINEPREFIX"
    /usr/lib/wine/wineserver64 -p || fail "wineserver"
    "$wine" wineboot -i >/dev/null 2>&1 || fail "wineboot"
    # Drive D: is the office's data drive; the package is unpacked into a Chinese folder on it.
    mkdir -p "$work/d/口岸办"
    ln -s "$work/d" "$WINEPREFIX/dosdevices/d:"
    python3 -m zipfile -e "$winzip" "$work/d/口岸办/"
    local pkg=$work/d/口岸办/pingxuan-$version-windows-x86_64
    local dpkg='D:\口岸办\pingxuan-'$version'-windows-x86_64'
    [ -f "$pkg/开始.bat" ] && [ -f "$pkg/快速上手.html" ] || fail "the Windows package lacks 开始.bat or 快速上手.html"
    # The test-only helpers, built with mingw; the SQLite of the second clerk is the one
    # rusqlite bundles.
    local sqlite
    sqlite=$(cargo metadata --locked --format-version 1 | python3 -c '
import json, os, sys
m = json.load(sys.stdin)
print(next(os.path.dirname(p["manifest_path"]) for p in m["packages"] if p["name"] == "libsqlite3-sys"))
')/sqlite3
    x86_64-w64-mingw32-gcc -shared -O2 -o "$pkg/bcryptprimitives.dll" scripts/wine/bcryptprimitives.c -ladvapi32
    x86_64-w64-mingw32-gcc -municode -O1 -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -I"$sqlite" \
        -o "$work/d/clerk2.exe" scripts/wine/clerk2.c "$sqlite/sqlite3.c"

    # The year's folder, with a space, and the example files under Chinese names.
    local data="$work/d/口岸办/评选 2026"
    local ddata='D:\口岸办\评选 2026'
    mkdir -p "$data/报送材料"
    declare -gA zh=(
        [units.csv]=片组单位.csv
        [nominations-beilun.csv]=北仑片组推荐表.csv
        [nominations-meishan.csv]=梅山片组推荐表.csv
        [nominations-zhenhai.csv]=镇海片组推荐表.csv
        [self-scores.csv]=自评表.csv
        [joint-scores.csv]=联评表.csv
        [inspections.csv]=明查暗访.csv
        [surveys.csv]=满意度调查.csv
    )
    for f in "${!zh[@]}"; do cp "$pkg/示例/2026/$f" "$data/报送材料/${zh[$f]}"; done
    win_file() { printf '%s\\报送材料\\%s' "$ddata" "${zh[$1]}"; }

    # A Chinese Windows: the user locale zh-CN (Wine takes it from LC_CTYPE and LC_MESSAGES);
    # none of the Unix variables that pingxuan reads first, and no USER.
    winenv=(env -u USER -u LANG -u LC_ALL -u PINGXUAN_LANG -u PINGXUAN_DB LC_CTYPE=zh_CN.UTF-8 LC_MESSAGES=zh_CN.UTF-8)
    win_db="$ddata"'\口岸评选.sqlite'
    exe="$dpkg"'\pingxuan.exe'
    win() { (cd "$data" && "${winenv[@]}" "$wine" "$exe" --db "$win_db" "$@" </dev/null); }
    clerk2() { "${winenv[@]}" "$wine" 'D:\clerk2.exe' "$@"; }
    local operator
    operator=$("${winenv[@]}" "$wine" cmd /c echo %USERNAME% </dev/null | tr -d '\r')
    [ -n "$operator" ] && [ "$operator" != "%USERNAME%" ] || fail "Wine gave no USERNAME"

    mkdir -p "$work/win"
    cycle win win_file "$work/win" >/dev/null 2>"$work/win/messages.txt" ||
        { cat "$work/win/messages.txt" >&2; fail "the example cycle under Wine"; }
    pass "windows: the example cycle ran under Wine from $dpkg, data in $ddata"
    grep -q '^已开启 2026 届' "$work/win/messages.txt" || fail "windows: the messages are not in Chinese"
    pass "windows: Chinese from the Windows user locale (no LANG, no LC_ALL)"
    ref zh_CN.UTF-8 "$work/ref-zh"
    for f in shortlist.txt shortlist.csv awards.csv; do
        same "$work/ref-zh/$f" "$work/win/$f" "windows: $f equals the x86-64 one byte for byte"
    done
    win audit --format csv >"$work/win/audit.csv"
    python3 - "$work/win/audit.csv" "$operator" <<'PY' || fail "windows: the operator is not %USERNAME%"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
ops = {r["operator"] for r in rows}
assert rows and ops == {sys.argv[2]}, ops
PY
    pass "windows: every change on the record is by %USERNAME% ($operator)"
    [ "$(win --lang en term show 2>&1 | grep -c '^│ state')" = 1 ] || fail "windows: --lang en does not give English"
    [ "$(cd "$data" && "${winenv[@]}" PINGXUAN_LANG=en "$wine" "$exe" --db "$win_db" term show </dev/null 2>&1 | grep -c '^│ state')" = 1 ] ||
        fail "windows: PINGXUAN_LANG=en does not give English"
    pass "windows: PINGXUAN_LANG=en and --lang en give English"

    # The console: Wine gives a Windows console on a terminal (script's pty); pingxuan writes
    # to it in UTF-16 and the terminal shows what a redirected file holds.
    script -qec "stty cols 500 rows 60; cd '$data' && ${winenv[*]} $wine '$exe' --db '$win_db' rank --shortlist" /dev/null </dev/null >"$work/win/console.raw"
    # What the terminal shows: Wine's console moves the cursor over blanks (CSI n C) and sets
    # the title and the cursor's look, which a file has not.
    python3 -c '
import re, sys
t = open(sys.argv[1], encoding="utf-8", newline="").read()
t = re.sub(r"\x1b\[(\d*)C", lambda m: " " * int(m.group(1) or 1), t)
t = re.sub(r"\x1b\][^\x07]*\x07|\x1b\[[0-9;?]*[a-zA-Z]|\r", "", t)
sys.stdout.write(t)
' "$work/win/console.raw" >"$work/win/console.txt"
    same "$work/win/shortlist.txt" "$work/win/console.txt" "windows: Chinese on the console as in the redirected file"

    # 开始.bat: a console in the package folder with pingxuan on PATH; a file redirected by cmd
    # into a Chinese path holds the same UTF-8 as above. cmd reads the console in GBK (code page
    # 936) and echoes the folder in it.
    printf 'pingxuan --db "%s" rank --shortlist > "%s\\入围名单.txt" & cd & exit\r\n' "$win_db" "$ddata" |
        iconv -f UTF-8 -t GBK | "${winenv[@]}" "$wine" cmd /c "$dpkg"'\开始.bat' 2>&1 |
        iconv -f GBK -t UTF-8 | tr -d '\r' >"$work/win/start.txt"
    grep -q "^pingxuan $version" "$work/win/start.txt" && grep -qF "$dpkg" "$work/win/start.txt" ||
        { cat "$work/win/start.txt" >&2; fail "windows: 开始.bat"; }
    same "$work/win/shortlist.txt" "$data/入围名单.txt" "windows: 开始.bat puts pingxuan on PATH; cmd's redirection keeps the Chinese"

    # A second clerk holding the write lock: reported as busy, nothing written; then it works.
    rm -f "$work/d/flag"
    clerk2 lock "$win_db" 'D:\flag' >"$work/win/clerk2.out" </dev/null &
    local holder=$!
    for _ in $(seq 150); do grep -q ready "$work/win/clerk2.out" && break; sleep 0.2; done
    grep -q ready "$work/win/clerk2.out" || fail "windows: the second clerk could not take the lock"
    # A clerk waits for another's write (saying so after a second); here only three seconds.
    if PINGXUAN_WAIT=3 win org add-group 大榭区域共建片组 --kind region 2>"$work/win/busy.txt"; then
        fail "windows: a write went through while another clerk held the lock"
    fi
    grep -q '正在等待' "$work/win/busy.txt" || { cat "$work/win/busy.txt" >&2; fail "windows: the wait not said"; }
    touch "$work/d/flag"
    wait "$holder"
    grep -q '另一个评选程序' "$work/win/busy.txt" || { cat "$work/win/busy.txt" >&2; fail "windows: busy not reported"; }
    win org add-group 大榭区域共建片组 --kind region 2>/dev/null
    pass "windows: a second clerk's lock: the wait is said, then busy is reported; the write goes through once it is gone"

    # Outputs go through a temporary file and a rename. A viewer that holds the old notice open
    # (sharing it for deletion) does not stop the new one; Excel (sharing it for reading only)
    # does, with a clear message, and the old file stays as it was.
    local notice="$ddata"'\通报.html'
    win award notice --html --out "$notice" 2>/dev/null
    for sharing in read,delete read; do
        printf 'old notice\n' >"$data/通报.html"
        rm -f "$work/d/flag"
        clerk2 open "$notice" "$sharing" 'D:\flag' >"$work/win/clerk2.out" </dev/null &
        holder=$!
        for _ in $(seq 150); do grep -q ready "$work/win/clerk2.out" && break; sleep 0.2; done
        grep -q ready "$work/win/clerk2.out" || fail "windows: could not hold the notice open"
        local rc=0
        win award notice --html --out "$notice" 2>"$work/win/open.txt" || rc=$?
        touch "$work/d/flag"
        wait "$holder"
        if [ "$sharing" = read,delete ]; then
            [ $rc = 0 ] && grep -q '<html' "$data/通报.html" || { cat "$work/win/open.txt" >&2; fail "windows: the notice was not replaced while open in a viewer"; }
            pass "windows: a notice open in a viewer is replaced (the old one moved aside)"
        else
            [ $rc = 1 ] && grep -q '正被其他程序' "$work/win/open.txt" && [ "$(cat "$data/通报.html")" = "old notice" ] ||
                { cat "$work/win/open.txt" >&2; fail "windows: a notice held by Excel"; }
            pass "windows: a notice held open without sharing is refused clearly, the old one kept"
        fi
        local left
        left=$(find "$data" -maxdepth 1 -name '.*' | head -n 1)
        [ -z "$left" ] || fail "windows: a temporary file was left: $left"
    done
    win award certificates --out "$ddata"'\证书' 2>/dev/null
    [ -f "$data/证书/index.html" ] || fail "windows: no certificates in $ddata\\证书"
    pass "windows: the notice and the certificates written into Chinese folders"
    printf 'windows took %ss\n' $((SECONDS - t0)) >&2
}

for t in "${targets[@]}"; do
    case $t in
        windows) run_windows ;;
        aarch64) run_aarch64 ;;
        *) fail "unknown target $t (windows, aarch64)" ;;
    esac
done
printf 'cross: %s passed, 0 failed\n' "${#targets[@]}"
