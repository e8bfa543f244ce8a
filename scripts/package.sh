#!/usr/bin/env bash
# Builds pingxuan.exe (Windows x86-64) and the aarch64 Linux binary, and makes the packages a
# clerk unpacks, in dist/:
#
#   pingxuan-VERSION-windows-x86_64.zip      pingxuan.exe (stripped), 开始.bat, 快速上手.html, 示例/2026/
#   pingxuan-VERSION-linux-aarch64.tar.gz    pingxuan, 快速上手.html, 示例/2026/
#
# plus shell completions where the binary has a `completions` command (PowerShell on Windows;
# bash, zsh and fish on Linux). Needs what scripts/cross-setup.sh installs.
#
#   bash scripts/package.sh
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
win=x86_64-pc-windows-gnu
arm=aarch64-unknown-linux-gnu
tdir=${CARGO_TARGET_DIR:-target}
cargo build --release --locked --target "$win"
cargo build --release --locked --target "$arm"
# The native binary writes the completions: it is the same program.
cargo build --locked --quiet
native=$tdir/debug/pingxuan

rm -rf dist
mkdir -p dist
# common DIR: the quick start and the example year.
common() {
    cp packaging/quickstart.zh.html "$1/快速上手.html"
    mkdir -p "$1/示例/2026"
    cp examples/2026/*.csv examples/2026/vetoes.txt examples/2026/expected-shortlist.txt "$1/示例/2026/"
    cp examples/README.md "$1/示例/README.md"
}
# completions SHELL FILE: where the tool has them.
has_completions=no
if "$native" completions --help >/dev/null 2>&1; then has_completions=yes; fi
completions() {
    [ "$has_completions" = yes ] || return 0
    mkdir -p "$(dirname "$2")"
    "$native" completions "$1" >"$2"
}

w=pingxuan-$version-windows-x86_64
mkdir -p "dist/$w"
x86_64-w64-mingw32-strip -o "dist/$w/pingxuan.exe" "$tdir/$win/release/pingxuan.exe"
cp packaging/start.bat "dist/$w/开始.bat"
common "dist/$w"
completions powershell "dist/$w/completions/pingxuan.ps1"
# Python's zipfile marks non-ASCII names as UTF-8 (flag 11), which Windows Explorer honours.
(cd dist && python3 -m zipfile -c "$w.zip" "$w")

a=pingxuan-$version-linux-aarch64
mkdir -p "dist/$a"
aarch64-linux-gnu-strip -o "dist/$a/pingxuan" "$tdir/$arm/release/pingxuan"
common "dist/$a"
completions bash "dist/$a/completions/pingxuan.bash"
completions zsh "dist/$a/completions/_pingxuan"
completions fish "dist/$a/completions/pingxuan.fish"
tar -C dist --owner=0 --group=0 -czf "dist/$a.tar.gz" "$a"

if [ "$has_completions" = no ]; then
    echo "note: this pingxuan has no \`completions\` command yet: the packages have no completions" >&2
fi
ls -l dist/*.zip dist/*.tar.gz >&2
