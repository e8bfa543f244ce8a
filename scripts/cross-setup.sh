#!/usr/bin/env bash
# What the Windows and aarch64 builds and their tests need on a Debian 12 machine, installed
# where missing (run it again at no cost):
#   - Rust's standard library for x86_64-pc-windows-gnu and aarch64-unknown-linux-gnu (rustup);
#   - their linkers and C compilers (bundled SQLite is C): gcc-mingw-w64-x86-64,
#     gcc-aarch64-linux-gnu with libc6-dev-arm64-cross;
#   - Wine 8 (wine64) to run pingxuan.exe, qemu-user to run the aarch64 binary;
#   - the zh_CN.UTF-8 locale, from which Wine takes the Windows user locale (a Chinese Windows).
set -euo pipefail

sudo=
[ "$(id -u)" = 0 ] || sudo=sudo

rustup target add x86_64-pc-windows-gnu aarch64-unknown-linux-gnu

need=()
for p in gcc-mingw-w64-x86-64 gcc-aarch64-linux-gnu libc6-dev-arm64-cross wine64 qemu-user locales; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
    $sudo apt-get update -q
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi

if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
    $sudo sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/' /etc/locale.gen
    grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
    $sudo locale-gen
fi
