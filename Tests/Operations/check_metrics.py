"""Parses a Prometheus text exposition strictly and prints its samples as JSON.

    python check_metrics.py FILE

prometheus_client's parser (a parser nobody here wrote) rejects malformed lines; on top of it,
every family must declare its TYPE, every value must be a number, and every histogram's buckets
must be sorted, cumulative and end in +Inf equal to _count. Exit 1 with the reason otherwise.
"""
import json
import math
import sys

from prometheus_client.parser import text_string_to_metric_families


def main(path):
    text = open(path, encoding="utf-8").read()
    declared = {line.split()[2] for line in text.splitlines() if line.startswith("# TYPE ")}
    families, samples = {}, []
    for family in text_string_to_metric_families(text):
        if family.type == "unknown":
            raise SystemExit(f"{family.name}: no TYPE line")
        families[family.name] = family.type
        for s in family.samples:
            if isinstance(s.value, bool) or not isinstance(s.value, (int, float)) or math.isnan(s.value):
                raise SystemExit(f"{s.name}: value {s.value!r} is not a number")
            samples.append([s.name, dict(s.labels), float(s.value)])
        if family.type == "histogram":
            series = {}
            for s in family.samples:
                key = tuple(sorted((k, v) for k, v in s.labels.items() if k != "le"))
                series.setdefault(key, {"buckets": [], "count": None})
                if s.name.endswith("_bucket"):
                    series[key]["buckets"].append((float(s.labels["le"]), s.value))
                elif s.name.endswith("_count"):
                    series[key]["count"] = s.value
            for key, h in series.items():
                bounds = [b for b, _ in h["buckets"]]
                counts = [c for _, c in h["buckets"]]
                if bounds != sorted(bounds) or not bounds or bounds[-1] != math.inf:
                    raise SystemExit(f"{family.name}{key}: buckets {bounds} are not sorted up to +Inf")
                if counts != sorted(counts):
                    raise SystemExit(f"{family.name}{key}: bucket counts {counts} are not cumulative")
                if h["count"] != counts[-1]:
                    raise SystemExit(f"{family.name}{key}: _count {h['count']} != +Inf bucket {counts[-1]}")
    for name in declared:
        base = name[:-6] if name.endswith("_total") else name
        if base not in families and name not in families:
            raise SystemExit(f"# TYPE {name} has no family")
    print(json.dumps({"families": families, "samples": samples}))


if __name__ == "__main__":
    main(sys.argv[1])
