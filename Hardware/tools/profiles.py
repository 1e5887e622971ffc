#!/usr/bin/env python3
"""Checks the device profiles and writes the udev rules from them.

    python3 Hardware/tools/profiles.py check [DIR...]
        Validates Hardware/profiles/*.yaml (and any extra directory, e.g.
        /etc/onestop-kiosk/profiles.d) against the strict schema in
        Hardware/profiles/README.md. Exit status 1 on the first error list.

    python3 Hardware/tools/profiles.py udev > Hardware/udev/70-onestop-kiosk.rules
        Regenerates the udev rules from the shipped profiles.

    python3 Hardware/tools/profiles.py table
        Prints a Markdown table of the profiles (id, ids, level, source).

Needs python3-yaml (Debian) only. Run from anywhere.
"""
import glob
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
PROFILES_DIR = os.path.join(os.path.dirname(HERE), "profiles")

ROLES = {"ticket-printer", "barcode-scanner", "card-reader", "document-scanner"}
TRANSPORTS = {"cups", "usblp", "evdev", "hidraw", "tty", "pcsc"}
VERIFIED = {"vendor-doc", "usb-ids", "community", "unverified"}
SUBSYSTEMS = {"usb", "usbmisc", "hidraw", "input", "tty"}
PROFILE_KEYS = {"id", "name", "match", "role", "transport", "verified", "source", "quirks"}
REQUIRED = {"id", "name", "match", "role", "transport", "verified", "source"}
MATCH_KEYS = {"usb", "properties", "subsystem"}
QUIRKS = {
    "paper_width_mm": lambda v: v in (58, 80),
    "paper_width_dots": lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 2048,
    "dle_eot_status": lambda v: isinstance(v, bool),
    "vietnamese_codepage": lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 255,
    "cut": lambda v: v in ("partial", "full", "none"),
    "terminator": lambda v: v in ("enter", "tab", "none"),
    "inter_char_timeout_ms": lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 10000,
    "baud": lambda v: v in (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200),
    "keyboard_layout": lambda v: isinstance(v, str) and re.fullmatch(r"[a-z]{2}(-[a-z0-9]+)?", v) is not None,
}
PRINTER_QUIRKS = {"paper_width_mm", "paper_width_dots", "dle_eot_status", "vietnamese_codepage", "cut"}
SCANNER_QUIRKS = {"terminator", "inter_char_timeout_ms", "baud", "keyboard_layout"}
ID_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
VIDPID_RE = re.compile(r"[0-9a-f]{4}:[0-9a-f]{4}")
PROP_KEY_RE = re.compile(r"[A-Z][A-Z0-9_]*")
# Which transports make sense on which node.
TRANSPORT_SUBSYSTEMS = {
    "cups": {None, "usb", "usbmisc"},
    "usblp": {"usbmisc"},
    "evdev": {"input"},
    "hidraw": {"hidraw"},
    "tty": {"tty"},
    "pcsc": {None, "usb"},
}


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def check_file(path, seen, errors):
    where = os.path.relpath(path)
    try:
        doc = load(path)
    except yaml.YAMLError as e:
        errors.append(f"{where}: not YAML: {e}")
        return []
    if not isinstance(doc, dict) or set(doc) != {"profiles"} or not isinstance(doc["profiles"], list):
        errors.append(f"{where}: top level must be exactly `profiles:` with a list")
        return []
    out = []
    for i, p in enumerate(doc["profiles"]):
        at = f"{where}: profile {i + 1}"
        if not isinstance(p, dict):
            errors.append(f"{at}: not a map")
            continue
        pid = p.get("id")
        if isinstance(pid, str):
            at = f"{where}: {pid}"
        unknown = set(p) - PROFILE_KEYS
        if unknown:
            errors.append(f"{at}: unknown keys {sorted(unknown)}")
        missing = REQUIRED - set(p)
        if missing:
            errors.append(f"{at}: missing keys {sorted(missing)}")
            continue
        if not isinstance(pid, str) or not ID_RE.fullmatch(pid):
            errors.append(f"{at}: id must be kebab-case")
        elif pid in seen:
            errors.append(f"{at}: id also used in {seen[pid]}")
        else:
            seen[pid] = where
        for key in ("name", "source"):
            if not isinstance(p[key], str) or not p[key].strip():
                errors.append(f"{at}: {key} must be a non-empty string")
        if p["role"] not in ROLES:
            errors.append(f"{at}: role {p['role']!r} not one of {sorted(ROLES)}")
        if p["transport"] not in TRANSPORTS:
            errors.append(f"{at}: transport {p['transport']!r} not one of {sorted(TRANSPORTS)}")
        if p["verified"] not in VERIFIED:
            errors.append(f"{at}: verified {p['verified']!r} not one of {sorted(VERIFIED)}")
        m = p["match"]
        if not isinstance(m, dict):
            errors.append(f"{at}: match must be a map")
            continue
        if set(m) - MATCH_KEYS:
            errors.append(f"{at}: unknown match keys {sorted(set(m) - MATCH_KEYS)}")
        if "usb" not in m and "properties" not in m:
            errors.append(f"{at}: match needs usb or properties")
        usb = m.get("usb", [])
        if "usb" in m:
            if not isinstance(usb, list) or not usb:
                errors.append(f"{at}: match.usb must be a non-empty list")
                usb = []
            for v in usb:
                if not isinstance(v, str) or not VIDPID_RE.fullmatch(v):
                    errors.append(f"{at}: usb id {v!r} is not vvvv:pppp in lower-case hex")
            if len(set(usb)) != len(usb):
                errors.append(f"{at}: duplicate usb ids")
        props = m.get("properties", {})
        if "properties" in m:
            if not isinstance(props, dict) or not props:
                errors.append(f"{at}: match.properties must be a non-empty map")
                props = {}
            for k, v in props.items():
                if not isinstance(k, str) or not PROP_KEY_RE.fullmatch(k):
                    errors.append(f"{at}: property name {k!r} is not an udev property name")
                if not isinstance(v, str):
                    errors.append(f"{at}: property {k} must be a quoted string, got {v!r}")
        sub = m.get("subsystem")
        if "subsystem" in m and sub not in SUBSYSTEMS:
            errors.append(f"{at}: subsystem {sub!r} not one of {sorted(SUBSYSTEMS)}")
        if p["transport"] in TRANSPORT_SUBSYSTEMS and sub not in TRANSPORT_SUBSYSTEMS[p["transport"]]:
            errors.append(f"{at}: transport {p['transport']} does not fit subsystem {sub}")
        q = p.get("quirks", {})
        if "quirks" in p:
            if not isinstance(q, dict):
                errors.append(f"{at}: quirks must be a map")
                q = {}
            for k, v in q.items():
                if k not in QUIRKS:
                    errors.append(f"{at}: unknown quirk {k!r}")
                elif not QUIRKS[k](v):
                    errors.append(f"{at}: bad value for quirk {k}: {v!r}")
            if p["role"] == "ticket-printer" and set(q) & SCANNER_QUIRKS:
                errors.append(f"{at}: scanner quirks on a printer")
            if p["role"] == "barcode-scanner" and set(q) & PRINTER_QUIRKS:
                errors.append(f"{at}: printer quirks on a scanner")
            w, d = q.get("paper_width_mm"), q.get("paper_width_dots")
            if w is not None and d is not None and {80: {512, 576}, 58: {360, 384}}[w].isdisjoint({d}):
                errors.append(f"{at}: paper_width_dots {d} unusual for {w} mm")
        out.append(p)
    return out


def load_all(dirs):
    seen, errors, profiles = {}, [], []
    for d in dirs:
        files = sorted(glob.glob(os.path.join(d, "*.yaml")))
        if not files:
            errors.append(f"{d}: no *.yaml files")
        # Drop-ins may reuse a shipped id (that is how they replace it), so
        # duplicate detection is per directory.
        dir_seen = {}
        for f in files:
            profiles += check_file(f, dir_seen, errors)
        for k, v in dir_seen.items():
            seen.setdefault(k, v)
    return profiles, errors


def cmd_check(dirs):
    profiles, errors = load_all(dirs)
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        return 1
    print(f"ok: {len(profiles)} profiles in {', '.join(os.path.relpath(d) for d in dirs)}")
    return 0


# ---------------------------------------------------------------- udev ----
NODE = {
    # subsystem -> (udev match for the node, what we set on it)
    "input": ('SUBSYSTEM=="input", KERNEL=="event[0-9]*"', True),
    "hidraw": ('SUBSYSTEM=="hidraw"', True),
    "tty": ('SUBSYSTEM=="tty"', True),
    "usbmisc": ('SUBSYSTEM=="usbmisc", KERNEL=="lp[0-9]*"', False),
    "usb": ('SUBSYSTEM=="usb", ENV{DEVTYPE}=="usb_device"', False),
}


def attrs_for(p):
    """udev ATTRS matches for each usb id, or one vendor match for properties."""
    m = p["match"]
    if "usb" in m:
        # One rule per vendor; product ids as udev "|" alternatives.
        by_vendor = {}
        for x in m["usb"]:
            v, d = x.split(":")
            by_vendor.setdefault(v, []).append(d)
        return [f'ATTRS{{idVendor}}=="{v}", ATTRS{{idProduct}}=="{"|".join(ds)}"' for v, ds in by_vendor.items()]
    vid = m.get("properties", {}).get("ID_VENDOR_ID")
    return [f'ATTRS{{idVendor}}=="{vid}"'] if vid else []


def cmd_udev():
    profiles, errors = load_all([PROFILES_DIR])
    if errors:
        for e in errors:
            print(e, file=sys.stderr)
        return 1
    # Specific profiles first, fallbacks last; a later rule overwrites the
    # tags an earlier one set, so fallbacks only fill in what nobody else did
    # (they test ENV{ONESTOP_KIOSK_PROFILE}=="").
    specific = [p for p in profiles if "usb" in p["match"]]
    fallback = [p for p in profiles if "usb" not in p["match"]]
    print(HEADER.rstrip("\n"))
    for group, title in ((specific, "Profiles with USB ids"), (fallback, "Vendor-wide fallbacks")):
        print(f"\n# ==== {title} " + "=" * (68 - len(title)))
        for p in group:
            sub = p["match"].get("subsystem")
            lines = attrs_for(p)
            if not lines:
                print(f"# {p['id']}: matched by properties only; kioskd tags it at run time")
                continue
            print(f"\n# {p['id']}: {p['name']} [{p['verified']}]")
            subs = [sub] if sub else ["usb"]
            # USB keyboards: also give the hidraw sibling to the kiosk group.
            if sub == "input":
                subs.append("hidraw")
            for s in subs:
                node, private = NODE[s]
                extra = ""
                if "usb" not in p["match"]:
                    extra = ', ENV{ONESTOP_KIOSK_PROFILE}==""'
                    props = {k: v for k, v in p["match"]["properties"].items() if k != "ID_VENDOR_ID"}
                    for k, v in props.items():
                        if s == "input":
                            extra += f', ENV{{{k}}}=="{v}"'
                for a in lines:
                    sets = [f'ENV{{ONESTOP_KIOSK_ROLE}}="{p["role"]}"', f'ENV{{ONESTOP_KIOSK_PROFILE}}="{p["id"]}"']
                    if private:
                        sets += ['GROUP="kiosk"', 'MODE="0660"']
                    if s == "input":
                        sets.append('ENV{LIBINPUT_IGNORE_DEVICE}="1"')
                    if s == "tty":
                        sets.append('ENV{ID_MM_DEVICE_IGNORE}="1"')
                    print(f"{node}, {a}{extra}, {', '.join(sets)}")
            if sub == "tty":
                # ModemManager looks at the USB device too: mark it as well.
                for a in lines:
                    a_dev = a.replace("ATTRS{", "ATTR{")
                    print(f'SUBSYSTEM=="usb", ENV{{DEVTYPE}}=="usb_device", {a_dev}, ENV{{ID_MM_DEVICE_IGNORE}}="1"')
    print('\nLABEL="onestop_kiosk_end"')
    return 0


HEADER = """\
# /usr/lib/udev/rules.d/70-onestop-kiosk.rules -- OneStop Kiosk devices.
#
# GENERATED from Hardware/profiles/*.yaml by
#   python3 Hardware/tools/profiles.py udev > Hardware/udev/70-onestop-kiosk.rules
# Edit the profiles, not this file. Site-specific rules belong in
# /etc/udev/rules.d/71-onestop-kiosk-local.rules (see Hardware/udev/README.md).
#
# What every rule does, on the device node of a profiled device:
#   ENV{ONESTOP_KIOSK_ROLE}     ticket-printer | barcode-scanner | card-reader
#   ENV{ONESTOP_KIOSK_PROFILE}  the profile id (kioskd still does its own
#                               matching; the tags are for `udevadm info` and
#                               for the technician)
# and, by node type:
#   input event node (scanner in USB keyboard mode)
#       GROUP="kiosk", MODE="0660"  kioskd (user kiosk) reads /dev/input/eventN
#       ENV{LIBINPUT_IGNORE_DEVICE}="1"  libinput, hence cage, ignores it, so
#                                   scanned codes are not typed into the
#                                   kiosk terminal a second time
#   hidraw node of the same scanner GROUP="kiosk", MODE="0660"
#   tty node (scanner in USB serial / CDC-ACM mode, or behind a CH340)
#       GROUP="kiosk", MODE="0660"
#       ENV{ID_MM_DEVICE_IGNORE}="1"  ModemManager must not probe it with AT
#                                   commands (it would hold the port for
#                                   ~30 s and may feed garbage to the
#                                   scanner); also set on the USB device,
#                                   which is where ModemManager looks first
#   usblp node /dev/usb/lpN (ticket printer)  tags only; CUPS's usb backend
#                                   runs as root and the default GROUP="lp"
#                                   stays
#   USB device (card reader)        tags only; pcscd opens it
#
# Within one rule all ATTRS{} keys must match on the same parent device, so
# idVendor and idProduct always belong to the same USB device. Vendor-wide
# fallbacks come last and only act when no specific rule tagged the node.

ACTION=="remove", GOTO="onestop_kiosk_end"
"""


def cmd_table():
    profiles, errors = load_all([PROFILES_DIR])
    if errors:
        for e in errors:
            print(e, file=sys.stderr)
        return 1
    print("| id | match | role / transport | verified | source |")
    print("|---|---|---|---|---|")
    for p in profiles:
        m = p["match"]
        ids = ", ".join(m.get("usb", [])) or ", ".join(f"{k}={v}" for k, v in m["properties"].items())
        if m.get("subsystem"):
            ids += f" ({m['subsystem']})"
        src = p["source"].replace("|", "/")
        print(f"| {p['id']} | {ids} | {p['role']} / {p['transport']} | {p['verified']} | {src} |")
    return 0


def main(argv):
    if len(argv) < 2 or argv[1] not in ("check", "udev", "table"):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1] == "check":
        return cmd_check([PROFILES_DIR] + argv[2:])
    if argv[1] == "udev":
        return cmd_udev()
    return cmd_table()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
