#!/bin/sh
# setup-kiosk-ticket-queue.sh -- create or repair the CUPS queue the kiosk
# prints tickets on: a raw queue (ESC/POS bytes from kioskd go to the printer
# untouched) named `kiosk-ticket` on a USB printer.
#
#   sudo setup-kiosk-ticket-queue.sh                 # find the printer, set up
#   sudo setup-kiosk-ticket-queue.sh --dry-run       # only say what it would do
#   sudo setup-kiosk-ticket-queue.sh --uri 'usb://EPSON/TM-T20III?serial=X7Q1234567'
#   sudo setup-kiosk-ticket-queue.sh --list          # list USB printers CUPS sees
#
# Safe to run again at any time: an existing queue with the right device is
# left alone (only re-enabled if stopped); a queue on another device is moved
# to the new one. It prints every change it makes.
#
# Which printer: `lpinfo -v` lists the usb:// devices CUPS can see. Epson is
# preferred, then Xprinter and the Chinese "POS-58/POS-80" clones, then any
# other USB printer. With several candidates of the same rank the first is
# taken and the others are listed; pass --uri to choose.
# The printer must be in USB printer class (Epson: not "vendor-defined
# class", see Hardware/profiles/epson.yaml), else CUPS does not list it.
#
# Options:
#   --queue NAME   queue name (default: kiosk-ticket, what kioskd --printer uses)
#   --uri URI      use this device URI, skip detection
#   --dry-run      print the lpadmin commands, change nothing
#   --list         print the USB printers found, ranked, and exit
# Environment: CUPS_SERVER is honoured by every CUPS command (a private
# cupsd for testing); LPINFO, LPADMIN, LPSTAT, CUPSENABLE, CUPSACCEPT
# override the commands used.
set -eu

QUEUE=kiosk-ticket
URI=
DRY=0
LIST=0
LPINFO=${LPINFO:-lpinfo}
LPADMIN=${LPADMIN:-lpadmin}
LPSTAT=${LPSTAT:-lpstat}
CUPSENABLE=${CUPSENABLE:-cupsenable}
CUPSACCEPT=${CUPSACCEPT:-cupsaccept}

say() { printf '%s\n' "$*"; }
die() { printf 'setup-kiosk-ticket-queue: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    case $1 in
        --queue) [ $# -ge 2 ] || die "--queue needs a name"; QUEUE=$2; shift 2 ;;
        --queue=*) QUEUE=${1#*=}; shift ;;
        --uri) [ $# -ge 2 ] || die "--uri needs a URI"; URI=$2; shift 2 ;;
        --uri=*) URI=${1#*=}; shift ;;
        --dry-run|-n) DRY=1; shift ;;
        --list) LIST=1; shift ;;
        -h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
done

case $QUEUE in
    ''|*[!A-Za-z0-9_-]*) die "queue name '$QUEUE': use letters, digits, - and _ only" ;;
esac

run() {
    # Prints the command (arguments with spaces quoted), then runs it unless
    # --dry-run.
    line=
    for a in "$@"; do
        case $a in
            *[!A-Za-z0-9_./:=?,%+@-]*|'') line="$line '$a'" ;;
            *) line="$line $a" ;;
        esac
    done
    say "  \$$line"
    [ "$DRY" = 1 ] || "$@"
}

# rank URI -> 1 (Epson) .. 4 (other USB printer). Matches the decoded
# manufacturer/model part of the URI, case-insensitively.
rank() {
    u=$(printf '%s' "$1" | sed 's/%20/ /g' | tr '[:upper:]' '[:lower:]')
    case $u in
        usb://epson/*) echo 1 ;;
        *xprinter*|usb://*/xp-*) echo 2 ;;
        *pos-58*|*pos-80*|*pos58*|*pos80*|*"usb printer p"*|*"thermal printer"*|*receipt*) echo 3 ;;
        *) echo 4 ;;
    esac
}

find_usb_printers() {
    # `lpinfo -v` prints "class uri"; keep usb:// URIs only, each once, ranked.
    # Two scans: cups-deviced stops reading a backend once it has exited, so a
    # printer reported just before the exit can be missing from one scan.
    { "$LPINFO" --include-schemes usb --timeout 30 -v 2>/dev/null
      "$LPINFO" --include-schemes usb --timeout 30 -v 2>/dev/null; } |
        awk '$2 ~ /^usb:\/\// && !seen[$2]++ {print $2}' |
        while IFS= read -r u; do printf '%s %s\n' "$(rank "$u")" "$u"; done | sort -s -n -k1,1
}

if [ "$LIST" = 1 ]; then
    found=$(find_usb_printers)
    [ -n "$found" ] || { say "No USB printer found by CUPS (\`$LPINFO -v\`)."; exit 1; }
    say "USB printers seen by CUPS (1 = preferred):"
    printf '%s\n' "$found" | sed 's/^/  /'
    exit 0
fi

if [ -z "$URI" ]; then
    say "Looking for USB printers (\`$LPINFO --include-schemes usb -v\`)..."
    found=$(find_usb_printers)
    if [ -z "$found" ]; then
        die "no USB printer found. Check: the printer is on and connected; \`lsusb\` shows it; an Epson is in USB printer class (not vendor-defined class); \`lpinfo -v\` lists a usb:// line. Or pass --uri."
    fi
    URI=$(printf '%s\n' "$found" | head -n 1 | cut -d' ' -f2-)
    best=$(printf '%s\n' "$found" | head -n 1 | cut -d' ' -f1)
    others=$(printf '%s\n' "$found" | awk -v r="$best" 'NR > 1 && $1 == r {print $2}')
    say "Chosen: $URI"
    if [ -n "$others" ]; then
        say "Other printers of the same kind (use --uri to pick one of them):"
        printf '%s\n' "$others" | sed 's/^/  /'
    fi
fi

case $URI in
    [a-z]*:?*) ;;
    *) die "'$URI' is not a device URI (expected e.g. usb://EPSON/TM-T20III?serial=... or serial:/dev/ttyACM0?baud=9600)" ;;
esac

# Current state of the queue, if it exists.
current=$("$LPSTAT" -v "$QUEUE" 2>/dev/null | sed -n "s/^device for $QUEUE: //p" | head -n 1) || current=

OPTIONS="-o printer-is-shared=false -o printer-error-policy=abort-job -o job-sheets-default=none,none"
changed=0
if [ -z "$current" ]; then
    say "Creating raw queue '$QUEUE' on $URI:"
    # -m raw: no filter, kioskd sends ESC/POS. (CUPS 2.4 warns that raw
    # queues are deprecated; they still work and are what a receipt printer
    # needs.) abort-job: a ticket that cannot print now is dropped and kioskd
    # sees the failure, instead of printing minutes later for nobody.
    # shellcheck disable=SC2086
    run "$LPADMIN" -p "$QUEUE" -E -v "$URI" -m raw \
        -D "OneStop Kiosk ticket printer" -L "kiosk" $OPTIONS
    changed=1
elif [ "$current" != "$URI" ]; then
    say "Queue '$QUEUE' exists on $current; moving it to $URI:"
    # shellcheck disable=SC2086
    run "$LPADMIN" -p "$QUEUE" -E -v "$URI" $OPTIONS
    changed=1
else
    say "Queue '$QUEUE' already uses $URI."
fi

# Enabled and accepting jobs? (A USB error can stop a queue.)
state=$("$LPSTAT" -p "$QUEUE" 2>/dev/null || true)
accepting=$("$LPSTAT" -a "$QUEUE" 2>/dev/null || true)
case $state in
    *disabled*)
        say "Queue '$QUEUE' is stopped; enabling it:"
        run "$CUPSENABLE" "$QUEUE"; changed=1 ;;
esac
case $accepting in
    *"not accepting"*)
        say "Queue '$QUEUE' rejects jobs; accepting again:"
        run "$CUPSACCEPT" "$QUEUE"; changed=1 ;;
esac

if [ "$DRY" = 1 ]; then
    say "Dry run: nothing changed."
elif [ "$changed" = 0 ]; then
    say "Nothing to do: '$QUEUE' is ready."
else
    say "Done. Check with: lpstat -l -p $QUEUE -v $QUEUE"
    say "Queue status:    kioskctl printer status --printer $QUEUE"
    say "Test ticket:     printf 'kiosk-ticket test\\n\\n\\n\\035V\\102\\003' | lp -d $QUEUE -o raw"
fi
