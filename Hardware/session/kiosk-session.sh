#!/bin/sh
# /usr/lib/onestop-kiosk/kiosk-session.sh -- what cage runs in the kiosk
# session (onestop-kiosk-session.service: `cage -d -- kiosk-session.sh`).
#
# Starts foot fullscreen with /etc/onestop-kiosk/foot.ini at the font size of
# kiosk.yaml (screen.font_size), running kioskd, and starts it again whenever
# it ends: a crash, an out-of-memory kill or a technician's Ctrl-] q must
# never leave the citizen in front of a blank screen. The first restart comes
# after 1 s; repeated fast failures back off (doubling to 30 s) so a broken
# install does not spin the CPU; a run that lasted over a minute resets it.
#
# kioskd's stdout goes to the journal through systemd-cat (its logs carry
# syslog priorities, `<6>…`); its screen is foot's terminal, which it opens
# as /dev/tty. Without journald (tests) stdout stays the terminal and kioskd
# logs to a file.
#
# cage exits when this script exits, and systemd then restarts the whole
# session (Restart=always), so `exit` here is a last resort only.
#
# Environment (set in the unit or a drop-in, all optional):
#   KIOSKD            kioskd binary             (default /usr/bin/kioskd)
#   KIOSKD_ARGS       extra kioskd arguments    (e.g. "--theme inverted"; kiosk.yaml is better)
#   KIOSKCTL          kioskctl binary           (default /usr/bin/kioskctl)
#   KIOSK_CONFIG      settings file             (default /etc/onestop-kiosk/kiosk.yaml)
#   FOOT_CONFIG       foot configuration        (default /etc/onestop-kiosk/foot.ini)
#   KIOSK_ONESHOT=1   run once, no restart loop (for testing the session)
set -u

KIOSKD=${KIOSKD:-/usr/bin/kioskd}
KIOSKCTL=${KIOSKCTL:-/usr/bin/kioskctl}
FOOT=${FOOT:-/usr/bin/foot}
FOOT_CONFIG=${FOOT_CONFIG:-/etc/onestop-kiosk/foot.ini}
KIOSK_CONFIG=${KIOSK_CONFIG:-/etc/onestop-kiosk/kiosk.yaml}
KIOSKD_ARGS=${KIOSKD_ARGS:-}

log() { printf '%s\n' "kiosk-session: $*" >&2; }   # to the journal via cage

if [ ! -x "$KIOSKD" ]; then
    log "$KIOSKD not found or not executable"
fi
if [ ! -r "$FOOT_CONFIG" ]; then
    log "$FOOT_CONFIG not readable, using foot defaults"
    FOOT_CONFIG=/dev/null
fi

# The font size of kiosk.yaml (28 when the file does not say, or cannot be read).
size=$("$KIOSKCTL" config get screen.font_size --file "$KIOSK_CONFIG" 2>/dev/null) || size=28
case $size in ''|*[!0-9]*) log "screen.font_size '$size' is not a number, using 28"; size=28 ;; esac

# kioskd's stdout to the journal when there is one.
journal=
if [ -S /run/systemd/journal/stdout ] && [ -x /usr/bin/systemd-cat ]; then
    journal="/usr/bin/systemd-cat --identifier=kioskd --level-prefix=true --"
fi

delay=1
while :; do
    started=$(date +%s)
    # shellcheck disable=SC2086  # KIOSKD_ARGS and journal are word lists on purpose
    "$FOOT" --config "$FOOT_CONFIG" --override "main.font=DejaVu Sans Mono:size=$size" \
        --fullscreen --app-id onestop-kiosk --title "OneStop Kiosk" -- $journal "$KIOSKD" $KIOSKD_ARGS
    status=$?
    ran=$(( $(date +%s) - started ))
    log "foot/kioskd ended with status $status after ${ran}s"
    [ "${KIOSK_ONESHOT:-0}" = 1 ] && exit "$status"
    if [ "$ran" -ge 60 ]; then
        delay=1
    fi
    sleep "$delay"
    delay=$(( delay * 2 ))
    [ "$delay" -gt 30 ] && delay=30
done
