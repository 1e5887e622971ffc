#!/bin/sh
# /usr/lib/onestop-kiosk/kiosk-session.sh -- what cage runs in the kiosk
# session (onestop-kiosk-session.service: `cage -d -- kiosk-session.sh`).
#
# Starts foot fullscreen with /etc/onestop-kiosk/foot.ini, running kioskd,
# and starts it again whenever it ends: a crash, an out-of-memory kill or a
# technician's Ctrl-] q must never leave the citizen in front of a blank
# screen. Repeated fast failures back off (2 s doubling to 30 s) so a broken
# install does not spin the CPU; a run that lasted over a minute resets it.
#
# cage exits when this script exits, and systemd then restarts the whole
# session (Restart=always), so `exit` here is a last resort only.
#
# Environment (set in the unit or a drop-in, all optional):
#   KIOSKD            kioskd binary             (default /usr/bin/kioskd)
#   KIOSKD_ARGS       extra kioskd arguments    (e.g. "--theme inverted")
#   FOOT_CONFIG       foot configuration        (default /etc/onestop-kiosk/foot.ini)
#   KIOSK_ONESHOT=1   run once, no restart loop (for testing the session)
set -u

KIOSKD=${KIOSKD:-/usr/bin/kioskd}
FOOT=${FOOT:-/usr/bin/foot}
FOOT_CONFIG=${FOOT_CONFIG:-/etc/onestop-kiosk/foot.ini}
KIOSKD_ARGS=${KIOSKD_ARGS:-}

log() { printf '%s\n' "kiosk-session: $*" >&2; }   # to the journal via cage

if [ ! -x "$KIOSKD" ]; then
    log "$KIOSKD not found or not executable"
fi
if [ ! -r "$FOOT_CONFIG" ]; then
    log "$FOOT_CONFIG not readable, using foot defaults"
    FOOT_CONFIG=/dev/null
fi

delay=2
while :; do
    started=$(date +%s)
    # shellcheck disable=SC2086  # KIOSKD_ARGS is a word list on purpose
    "$FOOT" --config "$FOOT_CONFIG" --fullscreen --app-id onestop-kiosk \
        --title "OneStop Kiosk" -- "$KIOSKD" $KIOSKD_ARGS
    status=$?
    ran=$(( $(date +%s) - started ))
    log "foot/kioskd ended with status $status after ${ran}s"
    [ "${KIOSK_ONESHOT:-0}" = 1 ] && exit "$status"
    if [ "$ran" -ge 60 ]; then
        delay=2
    fi
    sleep "$delay"
    delay=$(( delay * 2 ))
    [ "$delay" -gt 30 ] && delay=30
done
