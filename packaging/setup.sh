#!/usr/bin/env bash
# The README's two set-up commands on Debian 12 / Ubuntu 22.04 or later:
#   bash packaging/setup.sh run    install what is needed, build (Release) and start Nightshift
#   bash packaging/setup.sh test   install what is needed, build and run every test with CTest
# Works as root (CI) and as a normal user, who is asked for sudo only to install packages.
set -euo pipefail

mode=${1:-}
case "$mode" in
run | test) ;;
*)
    echo "usage: bash packaging/setup.sh run|test" >&2
    exit 2
    ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-charts-dev qtkeychain-qt6-dev libsecret-1-0 libgl-dev libqt6sql6-sqlite
    nlohmann-json3-dev libspdlog-dev libhiredis-dev libsqlite3-dev libxml2-dev
)
# The tests use the real servers a user would have: Redis, a Secret Service for the keychain,
# and an X server (Xvfb) for the dashboard's screenshots.
[ "$mode" = test ] && packages+=(redis-server openssl dbus gnome-keyring xvfb xauth)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "== Installing: ${missing[*]}"
    $sudo apt-get update -q
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}"
fi

jobs=$(nproc 2>/dev/null || echo 2)

if [ "$mode" = run ]; then
    build="$root/build/release"
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
    cmake --build "$build" --parallel "$jobs" --target nightshift
    # The dashboard on a desktop; the headless worker on a machine without a display.
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        echo "== Starting the Nightshift dashboard"
        exec "$build/app/nightshift"
    fi
    echo "== No display: starting the headless worker (Ctrl+C stops it after running runs finish)"
    exec "$build/app/nightshift" serve --format text
fi

# Tests build with assertions on (Debug compiles faster than Release, too).
build="$root/build/test"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug
cmake --build "$build" --parallel "$jobs"

# The keychain tests talk to a real Secret Service: gnome-keyring-daemon on a private D-Bus
# session, unlocked with a throwaway password (an empty one makes it prompt, and fail). Its
# keyring and control socket live in a temporary folder, so a desktop's own keyring is never
# touched.
keyring=$(mktemp -d)
trap 'rm -rf "$keyring"' EXIT
dbus-run-session -- sh -c '
    eval "$(printf pw | XDG_DATA_HOME="$1" XDG_RUNTIME_DIR="$1" \
        gnome-keyring-daemon --unlock --components=secrets)"
    exec ctest --test-dir "$2" --output-on-failure --parallel "$3"
' sh "$keyring" "$build" "$jobs"
