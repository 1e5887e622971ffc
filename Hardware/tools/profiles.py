#!/usr/bin/env python3
"""Checks the device profiles.

    python3 Hardware/tools/profiles.py check [DIR...]
        Validates Hardware/profiles/*.yaml (and any extra directory, e.g.
        /etc/onestop-kiosk/profiles.d) against the strict schema in
        Hardware/profiles/README.md. Exit status 1 on the first error list.

    The udev rules are written by `kioskctl udev rules` (Sources/KioskDevices/UdevRules.swift),
    which adds the /dev/kiosk links and group permissions; `make test` checks them.

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
    if len(argv) < 2 or argv[1] not in ("check", "table"):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1] == "check":
        return cmd_check([PROFILES_DIR] + argv[2:])
    return cmd_table()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
