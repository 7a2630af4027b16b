#!/usr/bin/env python3
"""The nightly job's bookkeeping (ci/nightly): joins the JSON of `wasm-build --json build -k` and
`wasm-build --json test -k` into one report, decides which wheels may be published, compares with
the previous night's report, and writes report.json, report.html and the kept logs.

Python 3 standard library only.

  nightly_report.py assemble --build B.json --test T.json --dist DIR --report-dir DIR
                             --publish-dir DIR [--previous REPORT] [thresholds]   exit 0, or 1 on a
                             new failure (something that passed in the previous report fails now)
  nightly_report.py testable B.json DIST        what built and needs nothing that failed (test these)
  nightly_report.py get REPORT KEY.PATH        prints one field (for the shell script)
"""

import argparse
import datetime
import json
import os
import re
import shutil
import sys
import traceback
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nightly_html  # noqa: E402

SCHEMA = 1
OK_STATUSES = ("built", "cached")
LIBRARY_TYPES = ("static_library", "shared_library")


def load_json(path, default=None):
    if not path or not os.path.exists(path) or os.path.getsize(path) == 0:
        return default
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_previous(location):
    """The previous night's report from a path or an http(s) URL; None when there is none."""
    if not location:
        return None
    try:
        if re.match(r"^https?://", location):
            with urllib.request.urlopen(location, timeout=30) as r:
                return json.loads(r.read().decode("utf-8"))
        return load_json(location)
    except (OSError, ValueError) as e:
        print(f"nightly: cannot read the previous report {location}: {e}", file=sys.stderr)
        return None


def first_line(text, limit=300):
    text = (text or "").strip()
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def test_summary(t):
    if t is None:
        return None
    return {
        "ok": bool(t.get("ok")),
        "phase": t.get("failed_phase", ""),
        "error": t.get("error", ""),
        "suite_ran": bool(t.get("suite_ran")),
        "seconds": round(float(t.get("seconds", 0.0)), 3),
        **{k: int(t.get(k, 0)) for k in ("passed", "failed", "errors", "skipped", "xfailed", "xpassed")},
        "expected_failures": len(t.get("expected_failures", [])),
        "unexpected_failures": list(t.get("unexpected_failures", []))[:50],
        "stale_expectations": list(t.get("stale_expectations", []))[:50],
    }


def copy_log(src, dest_dir, name):
    """Copies a log next to the report; returns its path relative to the report (or None)."""
    if not src or not os.path.isfile(src):
        return None
    os.makedirs(dest_dir, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    shutil.copyfile(src, os.path.join(dest_dir, safe))
    return "logs/" + safe


def build_log_of(r):
    """The build's own log: the build directory's copy for a finished build, else the kept one."""
    if r.get("outcome") in OK_STATUSES and r.get("dir"):
        own = os.path.join(r["dir"], "build.log")
        if os.path.isfile(own):
            return own
    return r.get("log")


def package_entry(r, test, report_dir):
    entry = {
        "name": r["name"],
        "version": r.get("version", ""),
        "type": r.get("type", ""),
        "build": {
            "outcome": r["outcome"],
            "seconds": round(float(r.get("seconds", 0.0)), 3),
            "build_seconds": round(float(r.get("build_seconds", 0.0)), 3),
            "failed_step": r.get("failed_step", ""),
            "error": r.get("error", ""),
            "key": r.get("key", ""),
        },
        "reasons": list(r.get("reasons", [])),
        "wheel": os.path.basename(r["wheel"]) if r.get("wheel") else None,
        "wheel_size": int(r.get("wheel_size", 0)) if r.get("wheel") else None,
        "tests": test_summary(test),
        "logs": {},
    }
    logs_dir = os.path.join(report_dir, "logs")
    build_log = copy_log(build_log_of(r), logs_dir, r["name"] + ".build.log")
    if build_log:
        entry["logs"]["build"] = build_log
    if test and test.get("log"):
        test_log = copy_log(test["log"], logs_dir, r["name"] + ".test.log")
        if test_log:
            entry["logs"]["test"] = test_log
    return entry


def own_status(p):
    """(status, failure) from the package's own build and tests; "untested" when the test run
    gave no result for a package that has tests."""
    b = p["build"]
    if b["outcome"] == "failed":
        return "failed", f"build failed (step {b['failed_step'] or '?'}): " + first_line(b["error"])
    if b["outcome"] == "skipped":
        return "skipped", first_line(b["error"]) or "a dependency failed"
    if p["type"] in LIBRARY_TYPES:
        return b["outcome"], None
    if p["tests"] is None:
        return "untested", None
    if not p["tests"]["ok"]:
        return "failed", f"tests failed ({p['tests']['phase'] or '?'}): " + first_line(p["tests"]["error"])
    return b["outcome"], None


def needs_of(name, packages, depends, runtime_name):
    """Everything a package needs at run time: its run dependencies, transitively, and the runtime."""
    seen, stack = [], list(depends.get(name, []))
    if runtime_name and packages[name]["type"] == "package":
        stack.append(runtime_name)
    while stack:
        d = stack.pop()
        if d not in seen and d != name:
            seen.append(d)
            stack.extend(depends.get(d, []))
    return seen


def decide_statuses(packages, depends, runtime_name, tests_error):
    """Sets status (built, cached, failed, skipped), failure and published on every entry.

    A package is published when it built, its tests passed, and everything it needs at run time
    (the runtime included) passed too: a lock file must never name a dependency it lacks.
    """
    own = {name: own_status(p) for name, p in packages.items()}
    for name, p in packages.items():
        status, failure = own[name]
        p["skipped_because"] = []
        if status == "skipped":
            p["skipped_because"] = re.findall(r"dependency (\S+) failed", p["build"]["error"])
        if status in OK_STATUSES + ("untested",) and p["type"] not in LIBRARY_TYPES:
            bad = [d for d in needs_of(name, packages, depends, runtime_name)
                   if d in own and own[d][0] not in OK_STATUSES]
            if bad:
                status, p["skipped_because"] = "skipped", bad
                failure = "skipped: needs " + ", ".join(bad) + ", which did not pass"
            elif status == "untested":
                status = "failed"
                failure = "not tested: " + (first_line(tests_error) or "the test run gave no result for it")
        p["status"], p["failure"] = status, failure
    for p in packages.values():
        p["published"] = p["status"] in OK_STATUSES and p["type"] == "package" and bool(p["wheel"])


def compare(packages, previous, thresholds):
    changes = {"previous": None, "new_failures": [], "fixed": [], "new_packages": [], "removed_packages": [],
               "version_changes": [], "size_regressions": [], "time_regressions": []}
    if not previous:
        return changes
    changes["previous"] = previous.get("finished") or previous.get("started")
    old = previous.get("packages", {})
    for name, p in sorted(packages.items()):
        o = old.get(name)
        if o is None:
            changes["new_packages"].append(name)
            continue
        was_ok, is_ok = o.get("status") in OK_STATUSES, p["status"] in OK_STATUSES
        if was_ok and not is_ok:
            changes["new_failures"].append({"name": name, "was": o.get("status"), "now": p["status"],
                                            "why": p.get("failure") or ""})
        elif is_ok and not was_ok:
            changes["fixed"].append({"name": name, "was": o.get("status"), "now": p["status"]})
        if o.get("version") != p["version"]:
            changes["version_changes"].append({"name": name, "was": o.get("version"), "now": p["version"]})
        was_size, now_size = o.get("wheel_size") or 0, p.get("wheel_size") or 0
        if was_size and now_size and now_size > was_size * (1 + thresholds["size_percent"] / 100.0):
            changes["size_regressions"].append({"name": name, "was": was_size, "now": now_size,
                                                "percent": round(100.0 * (now_size - was_size) / was_size, 1)})
        was_t, now_t = (o.get("build") or {}).get("build_seconds") or 0, p["build"]["build_seconds"]
        if (p["build"]["outcome"] == "built" and was_t and now_t - was_t >= thresholds["time_min_seconds"]
                and now_t > was_t * (1 + thresholds["time_percent"] / 100.0)):
            changes["time_regressions"].append({"name": name, "was": round(was_t, 1), "now": round(now_t, 1),
                                                "percent": round(100.0 * (now_t - was_t) / was_t, 1)})
    for name, o in sorted(old.items()):
        if name not in packages:
            changes["removed_packages"].append(name)
            if o.get("status") in OK_STATUSES:
                changes["new_failures"].append({"name": name, "was": o.get("status"), "now": "missing",
                                                "why": "no longer built (recipe removed?)"})
    return changes


def totals_of(packages):
    t = {k: 0 for k in ("packages", "built", "cached", "failed", "skipped", "published", "wheel_bytes",
                        "published_bytes", "tests_passed", "tests_failed", "tests_expected_failures")}
    t["build_seconds"] = 0.0
    for p in packages.values():
        t["packages"] += 1
        t[p["status"]] = t.get(p["status"], 0) + 1
        t["published"] += p["published"]
        t["wheel_bytes"] += p.get("wheel_size") or 0
        t["published_bytes"] += (p.get("wheel_size") or 0) if p["published"] else 0
        t["build_seconds"] += p["build"]["seconds"] if p["build"]["outcome"] == "built" else 0.0
        if p["tests"]:
            t["tests_passed"] += p["tests"]["passed"]
            t["tests_failed"] += p["tests"]["failed"] + p["tests"]["errors"]
            t["tests_expected_failures"] += p["tests"]["expected_failures"]
    t["build_seconds"] = round(t["build_seconds"], 1)
    return t


def fill_publish_dir(packages, dist, publish_dir):
    """Wheels and packages.json of the published packages only."""
    os.makedirs(publish_dir, exist_ok=True)
    meta = load_json(os.path.join(dist, "packages.json"), {}) or {}
    chosen = {}
    for name, p in packages.items():
        if not p["published"]:
            continue
        src = os.path.join(dist, p["wheel"])
        shutil.copyfile(src, os.path.join(publish_dir, p["wheel"]))
        if name in meta:
            chosen[name] = meta[name]
    with open(os.path.join(publish_dir, "packages.json"), "w", encoding="utf-8") as f:
        json.dump(chosen, f, indent=2, sort_keys=True)
        f.write("\n")


def print_summary(report):
    say = lambda *a: print("nightly:", *a, file=sys.stderr)  # noqa: E731
    for r in report["rebuilt"]:
        say(f"rebuilt {r['name']}: {'; '.join(r['reasons']) or 'no reason given'}")
    for p in sorted(report["packages"].values(), key=lambda p: p["name"]):
        if p["status"] not in OK_STATUSES:
            say(f"{p['status']} {p['name']} {p['version']}: {p['failure']}")
    c = report["changes"]
    for f in c["new_failures"]:
        say(f"NEW FAILURE {f['name']}: {f['was']} last night, {f['now']} now: {f['why']}")
    for f in c["fixed"]:
        say(f"fixed {f['name']}: {f['was']} last night, {f['now']} now")
    for r in c["size_regressions"]:
        say(f"size regression {r['name']}: {r['was']} -> {r['now']} bytes (+{r['percent']}%)")
    for r in c["time_regressions"]:
        say(f"time regression {r['name']}: {r['was']} -> {r['now']} s (+{r['percent']}%)")
    t = report["totals"]
    say(f"{t['packages']} packages: {t['built']} built, {t['cached']} cached, {t['failed']} failed, "
        f"{t['skipped']} skipped; {t['published']} to publish")


def assemble(args):
    build = load_json(args.build, {}) or {}
    tests = {t["name"]: t for t in (load_json(args.test, {}) or {}).get("tests", [])}
    tests_error = open(args.test_error, encoding="utf-8", errors="replace").read() if args.test_error and \
        os.path.exists(args.test_error) else ""
    if args.test_error and not tests:
        tests_error = "\n".join(l for l in tests_error.splitlines() if "error" in l.lower()) or tests_error
    meta = load_json(os.path.join(args.dist, "packages.json"), {}) or {}
    depends = {name: list(m.get("depends", [])) for name, m in meta.items()}
    os.makedirs(args.report_dir, exist_ok=True)

    packages, runtime_name = {}, None
    for r in build.get("results", []):
        packages[r["name"]] = package_entry(r, tests.get(r["name"]), args.report_dir)
        if r.get("type") == "runtime":
            runtime_name = r["name"]
    decide_statuses(packages, depends, runtime_name, tests_error)
    thresholds = {"size_percent": args.size_threshold, "time_percent": args.time_threshold,
                  "time_min_seconds": args.time_min_seconds}
    previous = load_previous(args.previous)
    runtime = None
    if runtime_name:
        rt = next(r for r in build["results"] if r["name"] == runtime_name)
        browser = os.path.join(rt.get("dir", ""), "prefix", "browser")
        runtime = {"name": runtime_name, "version": rt.get("version", ""),
                   "ok": packages[runtime_name]["status"] in OK_STATUSES,
                   "browser_dir": browser if rt.get("dir") and os.path.isdir(browser) else None}
    report = {
        "schema": SCHEMA,
        "started": args.started or None,
        "finished": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "project": args.project or None,
        "thresholds": thresholds,
        "runtime": runtime,
        "tests_error": first_line(tests_error, 2000) if tests_error and not tests else None,
        "packages": dict(sorted(packages.items())),
        "rebuilt": [{"name": p["name"], "reasons": p["reasons"]} for p in packages.values()
                    if p["build"]["outcome"] in ("built", "failed")],
        "totals": totals_of(packages),
        "changes": compare(packages, previous, thresholds),
    }
    report["exit_status"] = 1 if report["changes"]["new_failures"] else 0
    if runtime and not runtime["ok"]:
        for p in packages.values():
            p["published"] = False
        report["totals"]["published"] = 0
        report["repository"] = "kept: the runtime failed, so last night's repository stays published"
    else:
        report["repository"] = "updated"
        fill_publish_dir(packages, args.dist, args.publish_dir)

    with open(os.path.join(args.report_dir, "report.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.report_dir, "index.html"), "w", encoding="utf-8") as f:
        f.write(nightly_html.render(report))
    print_summary(report)
    return report["exit_status"]


def testable(args):
    """Testing a package builds its run dependencies: leave out those that would retry a failed build."""
    build = load_json(args.build, {}) or {}
    meta = load_json(os.path.join(args.dist, "packages.json"), {}) or {}
    depends = {name: list(m.get("depends", [])) for name, m in meta.items()}
    ok = {r["name"] for r in build.get("results", []) if r["outcome"] in OK_STATUSES}
    for r in build.get("results", []):
        if r["name"] not in ok or r.get("type") in LIBRARY_TYPES:
            continue
        seen, stack = set(), list(depends.get(r["name"], []))
        while stack:
            d = stack.pop()
            if d not in seen:
                seen.add(d)
                stack.extend(depends.get(d, []))
        if seen <= ok:
            print(r["name"])
    return 0


def get(args):
    value = load_json(args.report)
    for part in args.key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if value is None:
        return 1
    print(value if isinstance(value, str) else json.dumps(value))
    return 0


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser("assemble")
    a.add_argument("--build", required=True)
    a.add_argument("--test")
    a.add_argument("--test-error", help="stderr of the test command, used when it gave no JSON")
    a.add_argument("--dist", required=True)
    a.add_argument("--report-dir", required=True)
    a.add_argument("--publish-dir", required=True)
    a.add_argument("--previous")
    a.add_argument("--project")
    a.add_argument("--started")
    a.add_argument("--size-threshold", type=float, default=10.0, help="percent")
    a.add_argument("--time-threshold", type=float, default=50.0, help="percent")
    a.add_argument("--time-min-seconds", type=float, default=10.0)
    t = sub.add_parser("testable")
    t.add_argument("build")
    t.add_argument("dist")
    g = sub.add_parser("get")
    g.add_argument("report")
    g.add_argument("key")
    args = parser.parse_args(argv)
    try:
        return {"assemble": assemble, "testable": testable, "get": get}[args.command](args)
    except Exception:  # noqa: BLE001 - exit 3, never the "new failure" status 1
        traceback.print_exc()
        return 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
