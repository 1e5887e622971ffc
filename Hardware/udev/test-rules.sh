#!/usr/bin/env bash
# Runs 70-onestop-kiosk.rules against the umockdev fixtures with
# `udevadm test` and checks the properties the rules set.
#
#   sudo Hardware/udev/test-rules.sh
#
# Needs root, util-linux's unshare, udev and umockdev (apt install udev
# umockdev). `udevadm test` reads rules only from the system directories and
# WRITES its device database to /run/udev, which umockdev does not redirect.
# So the script re-executes itself in a private mount namespace with an empty
# tmpfs on /run: the rules copy and the fake database entries vanish with it,
# and a running udevd (a real kiosk) never sees them. umockdev-run gives
# udevadm a private /sys and /dev built from Tests/Fixtures/umockdev; no real
# device is touched.
# Without a `kiosk` group udevadm warns "Unknown group" and the GROUP checks
# are skipped; MODE and the ENV{} properties are always checked.
set -euo pipefail
cd "$(dirname "$0")/../.."
RULES=Hardware/udev/70-onestop-kiosk.rules
FIX=Tests/Fixtures/umockdev
RUNDIR=/run/udev/rules.d
TARGET=$RUNDIR/70-onestop-kiosk.rules

[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 2; }
command -v umockdev-run >/dev/null || { echo "umockdev-run missing (apt install umockdev)" >&2; exit 2; }
command -v udevadm >/dev/null || { echo "udevadm missing (apt install udev)" >&2; exit 2; }
command -v unshare >/dev/null || { echo "unshare missing (util-linux)" >&2; exit 2; }

if [ "${ONESTOP_RULES_TEST_NS:-}" != 1 ]; then
    exec unshare --mount --propagation private env ONESTOP_RULES_TEST_NS=1 "$0" "$@"
fi
# From here on, in the private namespace only.
mount -t tmpfs -o mode=0755 onestop-rules-test /run
mkdir -p "$RUNDIR"
cp "$RULES" "$TARGET"

pass=0 fail=0
# check FIXTURE SYSPATH EXPECTED... ; EXPECTED is KEY=VALUE (a property) or
# "MODE 0660" / "GROUP" (a permission line from our rules file).
check() {
    local fixture=$1 syspath=$2; shift 2
    local out
    out=$(umockdev-run -d "$FIX/$fixture.umockdev" -- udevadm test --action=add "$syspath" 2>&1 || true)
    for want in "$@"; do
        case $want in
            "MODE "*)
                if grep -q "70-onestop-kiosk.rules:[0-9]* $want\$" <<<"$out"; then pass=$((pass+1))
                else fail=$((fail+1)); echo "FAIL $fixture: no '$want' from our rules"; fi ;;
            GROUP)
                if getent group kiosk >/dev/null; then
                    if grep -q "70-onestop-kiosk.rules:[0-9]* GROUP $(getent group kiosk | cut -d: -f3)\$" <<<"$out"; then pass=$((pass+1))
                    else fail=$((fail+1)); echo "FAIL $fixture: GROUP kiosk not set"; fi
                fi ;;
            *)
                if grep -qx -- "$want" <<<"$out"; then pass=$((pass+1))
                else fail=$((fail+1)); echo "FAIL $fixture $syspath: missing $want"; fi ;;
        esac
    done
}

USB=/devices/pci0000:00/0000:00:14.0/usb1
check epson-tm-t20ii "$USB/1-2/1-2:1.0/usbmisc/lp0" \
    ONESTOP_KIOSK_ROLE=ticket-printer ONESTOP_KIOSK_PROFILE=epson-tm-t20ii
check honeywell-hid-scanner "$USB/1-3/1-3:1.0/0003:0C2E:0B61.0001/input/input5/event5" \
    ONESTOP_KIOSK_ROLE=barcode-scanner ONESTOP_KIOSK_PROFILE=honeywell-voyager-1250g-hid \
    LIBINPUT_IGNORE_DEVICE=1 "MODE 0660" GROUP
check honeywell-hid-scanner "$USB/1-3/1-3:1.0/0003:0C2E:0B61.0001/hidraw/hidraw0" \
    ONESTOP_KIOSK_ROLE=barcode-scanner "MODE 0660" GROUP
check honeywell-cdc-scanner "$USB/1-4/1-4:1.0/tty/ttyACM0" \
    ONESTOP_KIOSK_ROLE=barcode-scanner ONESTOP_KIOSK_PROFILE=honeywell-voyager-1250g-cdc \
    ID_MM_DEVICE_IGNORE=1 "MODE 0660" GROUP
check honeywell-cdc-scanner "$USB/1-4" ID_MM_DEVICE_IGNORE=1
check acs-acr39u "$USB/1-5" ONESTOP_KIOSK_ROLE=card-reader ONESTOP_KIOSK_PROFILE=acs-acr39u

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
