#!/usr/bin/env python3
"""The nightly job's bookkeeping (ci/nightly), per platform: joins the JSON of
`wasm-build --json build -k` (every enabled platform at once), of `wasm-build --json build -n
--platform P` (which nodes serve P: its own and the C libraries shared with other platforms) and of
`wasm-build --json test -k --platform P` into one report, decides which wheels each platform's
repository may publish, compares with the previous night's report, and writes report.json,
index.html and the kept logs.

Python 3 standard library only.

  nightly_report.py assemble --build B.json --platforms P.json --nodes-dir DIR --tests-dir DIR
                             --dist DIR --report-dir DIR --publish-dir DIR [--previous REPORT]
                             [thresholds]    exit 0, or 1 on a new failure (something that passed in
                                             the previous report fails now, on any platform)
  nightly_report.py platforms P.json           the enabled platforms' names, one a line
  nightly_report.py testable B.json NODES.json DIST PLATFORM
                                               the packages of PLATFORM that built and need nothing
                                               that failed there (test these)
  nightly_report.py get REPORT KEY.PATH        prints one field (for the shell script)

NODES.json (in --nodes-dir, one per platform: P.json) is the dry run's JSON; tests of P are in
--tests-dir as P.json (stdout of the test command) and P.json.err (its stderr).
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

SCHEMA = 2
OK_STATUSES = ("built", "cached")
LIBRARY_TYPES = ("static_library", "shared_library")
CROSS_ENV = "cross_env"


def load_json(path, default=None):
    if not path or not os.path.exists(path) or os.path.getsize(path) == 0:
        return default
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_previous(location):
    """The previous night's report from a path or an http(s) URL; None when there is none or it is
    of another schema (the single-platform report of before): then there is nothing to compare."""
    if not location:
        return None
    try:
        if re.match(r"^https?://", location):
            with urllib.request.urlopen(location, timeout=30) as r:
                previous = json.loads(r.read().decode("utf-8"))
        else:
            previous = load_json(location)
    except (OSError, ValueError) as e:
        print(f"nightly: cannot read the previous report {location}: {e}", file=sys.stderr)
        return None
    if previous is not None and previous.get("schema") != SCHEMA:
        print(f"nightly: the previous report is of schema {previous.get('schema')}, not {SCHEMA}: not compared",
              file=sys.stderr)
        return None
    return previous


def first_line(text, limit=300):
    text = (text or "").strip()
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def read_text(path):
    if not path or not os.path.exists(path):
        return ""
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


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


def copy_log(src, report_dir, relative):
    """Copies a log next to the report (once: shared builds are listed by several platforms);
    returns its path relative to the report, or None."""
    if not src or not os.path.isfile(src):
        return None
    relative = "logs/" + "/".join(re.sub(r"[^A-Za-z0-9._-]", "_", part) for part in relative.split("/"))
    dest = os.path.join(report_dir, relative)
    if not os.path.exists(dest):
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copyfile(src, dest)
    return relative


def build_log_of(r):
    """The build's own log: the build directory's copy for a finished build, else the kept one."""
    if r.get("outcome") in OK_STATUSES and r.get("dir"):
        own = os.path.join(r["dir"], "build.log")
        if os.path.isfile(own):
            return own
    return r.get("log")


def wheel_of(r):
    """(file name, size) of the package's own wheel (the first), or (None, None)."""
    wheels = r.get("wheels") or []
    if not wheels:
        return None, None
    return os.path.basename(wheels[0]["path"]), int(wheels[0].get("size", 0))


def package_entry(r, test, report_dir, platform):
    wheel, size = wheel_of(r)
    variant = r.get("variant", platform)
    entry = {
        "name": r["name"],
        "version": r.get("version", ""),
        "type": r.get("type", ""),
        "variant": variant,
        "shared": variant.startswith("shared-"),
        "build": {
            "outcome": r["outcome"],
            "seconds": round(float(r.get("seconds", 0.0)), 3),
            "build_seconds": round(float(r.get("build_seconds", 0.0)), 3),
            "failed_step": r.get("failed_step", ""),
            "error": r.get("error", ""),
            "key": r.get("key", ""),
        },
        "reasons": list(r.get("reasons", [])),
        "wheel": wheel,
        "wheels": [os.path.basename(w["path"]) for w in r.get("wheels") or []],
        "wheel_size": size,
        "tests": test_summary(test),
        "logs": {},
    }
    build_log = copy_log(build_log_of(r), report_dir, f"{variant}/{r['name']}.build.log")
    if build_log:
        entry["logs"]["build"] = build_log
    if test and test.get("log"):
        test_log = copy_log(test["log"], report_dir, f"{platform}/{r['name']}.test.log")
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
    if p["type"] != "package":
        return b["outcome"], None
    if p["tests"] is None:
        return "untested", None
    if not p["tests"]["ok"]:
        return "failed", f"tests failed ({p['tests']['phase'] or '?'}): " + first_line(p["tests"]["error"])
    return b["outcome"], None


def run_needs(name, depends):
    """Everything a package needs at run time: its run dependencies, transitively."""
    seen, stack = [], list(depends.get(name, []))
    while stack:
        d = stack.pop()
        if d not in seen and d != name:
            seen.append(d)
            stack.extend(depends.get(d, []))
    return seen


def decide_statuses(packages, depends, tests_error):
    """Sets status (built, cached, failed, skipped), failure, skipped_because and published on the
    entries of one platform. A package is published when it built, its tests passed, and
    everything it needs at run time passed too: a lock file must never name a dependency it lacks."""
    own = {name: own_status(p) for name, p in packages.items()}
    for name, p in packages.items():
        status, failure = own[name]
        p["skipped_because"] = []
        if status == "skipped":
            p["skipped_because"] = re.findall(r"dependency (\S+) failed", p["build"]["error"])
        if status in OK_STATUSES + ("untested",) and p["type"] == "package":
            bad = [d for d in run_needs(name, depends) if d in own and own[d][0] not in OK_STATUSES]
            if bad:
                status, p["skipped_because"] = "skipped", bad
                failure = "skipped: needs " + ", ".join(bad) + ", which did not pass"
            elif status == "untested":
                status = "failed"
                failure = "not tested: " + (first_line(tests_error) or "the test run gave no result for it")
        p["status"], p["failure"] = status, failure
    for p in packages.values():
        p["published"] = p["status"] in OK_STATUSES and p["type"] == "package" and bool(p["wheel"])


def compare(platform, packages, previous_packages, thresholds, changes):
    """Adds this platform's changes against the previous night to `changes` (entries name it)."""
    if previous_packages is None:
        return
    old = previous_packages
    for name, p in sorted(packages.items()):
        o = old.get(name)
        tag = {"platform": platform, "name": name}
        if o is None:
            changes["new_packages"].append(tag)
            continue
        was_ok, is_ok = o.get("status") in OK_STATUSES, p["status"] in OK_STATUSES
        if was_ok and not is_ok:
            changes["new_failures"].append({**tag, "was": o.get("status"), "now": p["status"],
                                            "why": p.get("failure") or ""})
        elif is_ok and not was_ok:
            changes["fixed"].append({**tag, "was": o.get("status"), "now": p["status"]})
        if o.get("version") != p["version"]:
            changes["version_changes"].append({**tag, "was": o.get("version"), "now": p["version"]})
        was_size, now_size = o.get("wheel_size") or 0, p.get("wheel_size") or 0
        if was_size and now_size and now_size > was_size * (1 + thresholds["size_percent"] / 100.0):
            changes["size_regressions"].append({**tag, "was": was_size, "now": now_size,
                                                "percent": round(100.0 * (now_size - was_size) / was_size, 1)})
        was_t, now_t = (o.get("build") or {}).get("build_seconds") or 0, p["build"]["build_seconds"]
        if (p["build"]["outcome"] == "built" and was_t and now_t - was_t >= thresholds["time_min_seconds"]
                and now_t > was_t * (1 + thresholds["time_percent"] / 100.0)):
            changes["time_regressions"].append({**tag, "was": round(was_t, 1), "now": round(now_t, 1),
                                                "percent": round(100.0 * (now_t - was_t) / was_t, 1)})
    for name, o in sorted(old.items()):
        if name not in packages:
            changes["removed_packages"].append({"platform": platform, "name": name})
            if o.get("status") in OK_STATUSES:
                changes["new_failures"].append({"platform": platform, "name": name, "was": o.get("status"),
                                                "now": "missing", "why": "no longer built (recipe removed?)"})


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
    """The published packages' wheels (with their -tests wheels) and their packages.json entries."""
    os.makedirs(publish_dir, exist_ok=True)
    meta = load_json(os.path.join(dist, "packages.json"), {}) or {}
    chosen = {}
    for name, p in packages.items():
        if not p["published"]:
            continue
        for wheel in p["wheels"]:
            shutil.copyfile(os.path.join(dist, wheel), os.path.join(publish_dir, wheel))
        for key in (name, name + "-tests"):
            if key in meta:
                chosen[key] = meta[key]
    with open(os.path.join(publish_dir, "packages.json"), "w", encoding="utf-8") as f:
        json.dump(chosen, f, indent=2, sort_keys=True)
        f.write("\n")


def say(*args):
    print("nightly:", *args, file=sys.stderr)


def print_summary(report):
    for name, plat in report["platforms"].items():
        for r in plat["rebuilt"]:
            say(f"[{name}] rebuilt {r['name']}: {'; '.join(r['reasons']) or 'no reason given'}")
        for p in sorted(plat["packages"].values(), key=lambda p: p["name"]):
            if p["status"] not in OK_STATUSES:
                say(f"[{name}] {p['status']} {p['name']} {p['version']}: {p['failure']}")
        if plat["repository"] != "updated":
            say(f"[{name}] repository {plat['repository']}")
    c = report["changes"]
    for f in c["new_failures"]:
        say(f"NEW FAILURE {f['name']} [{f['platform']}]: {f['was']} last night, {f['now']} now: {f['why']}")
    for f in c["fixed"]:
        say(f"fixed {f['name']} [{f['platform']}]: {f['was']} last night, {f['now']} now")
    for r in c["size_regressions"]:
        say(f"size regression {r['name']} [{r['platform']}]: {r['was']} -> {r['now']} bytes (+{r['percent']}%)")
    for r in c["time_regressions"]:
        say(f"time regression {r['name']} [{r['platform']}]: {r['was']} -> {r['now']} s (+{r['percent']}%)")
    for b in (report.get("bumps") or {}).get("available", []):
        trial = b["trial"] or {}
        say(f"newer release: {b['name']} {b['current']} -> {b['latest']}" +
            (f" (trial: {trial['outcome']}; built anew: {', '.join(trial.get('rebuilt', [])) or 'nothing'}; "
             f"from the cache: {trial.get('cache_hits') or 'nothing'})" if trial else ""))
    for name, plat in report["platforms"].items():
        t = plat["totals"]
        say(f"[{name}] {t['packages']} packages: {t['built']} built, {t['cached']} cached, {t['failed']} failed, "
            f"{t['skipped']} skipped; {t['published']} to publish")


def platform_report(platform, results, nodes, tests_json, tests_err, dist, report_dir):
    """The report of one platform: its packages (its own nodes and the shared ones serving it)."""
    mine = {(r["name"], r.get("variant", "")) for r in (nodes or {}).get("results", [])}
    tests = {t["name"]: t for t in (tests_json or {}).get("tests", []) if t.get("platform") == platform}
    tests_error = tests_err if not tests else ""
    if tests_err and not tests:
        tests_error = "\n".join(l for l in tests_err.splitlines() if "error" in l.lower()) or tests_err
    meta = load_json(os.path.join(dist, "packages.json"), {}) or {}
    depends = {name: list(m.get("depends", [])) for name, m in meta.items()}
    packages, cross_env = {}, None
    for r in results:
        if (r["name"], r.get("variant", "")) not in mine:
            continue
        packages[r["name"]] = package_entry(r, tests.get(r["name"]), report_dir, platform)
        if r.get("type") == CROSS_ENV:
            cross_env = r["name"]
    decide_statuses(packages, depends, tests_error)
    plat = {
        "name": platform,
        "cross_env": cross_env,
        "tests_error": first_line(tests_error, 2000) if tests_error else None,
        "packages": dict(sorted(packages.items())),
        "rebuilt": [{"name": p["name"], "reasons": p["reasons"]} for p in sorted(packages.values(), key=lambda p: p["name"])
                    if p["build"]["outcome"] in ("built", "failed")],
    }
    if cross_env and packages[cross_env]["status"] not in OK_STATUSES:
        # Nothing of this platform can be trusted tonight: last night's repository stays.
        for p in packages.values():
            p["published"] = False
        plat["repository"] = f"kept: the cross-build environment {cross_env} failed, so last night's repository stays"
    else:
        plat["repository"] = "updated"
    plat["totals"] = totals_of(packages)
    return plat


def assemble(args):
    build = load_json(args.build, {}) or {}
    platforms_info = load_json(args.platforms, []) or []
    enabled = [p for p in platforms_info if p.get("enabled")]
    os.makedirs(args.report_dir, exist_ok=True)
    thresholds = {"size_percent": args.size_threshold, "time_percent": args.time_threshold,
                  "time_min_seconds": args.time_min_seconds}
    previous = load_previous(args.previous)
    changes = {"previous": None, "new_failures": [], "fixed": [], "new_packages": [], "removed_packages": [],
               "version_changes": [], "size_regressions": [], "time_regressions": []}
    if previous:
        changes["previous"] = previous.get("finished") or previous.get("started")
    report_platforms = {}
    for info in enabled:
        name = info["name"]
        nodes = load_json(os.path.join(args.nodes_dir, name + ".json"), {})
        tests_path = os.path.join(args.tests_dir, name + ".json")
        plat = platform_report(name, build.get("results", []), nodes, load_json(tests_path, {}),
                               read_text(tests_path + ".err"), os.path.join(args.dist, name), args.report_dir)
        plat.update({"tag": info.get("tag"), "abi_version": info.get("abi_version"), "python": info.get("python"),
                     "runtime": info.get("runtime"), "default": bool(info.get("default")),
                     "identity": info.get("identity")})
        if previous:
            old = (previous.get("platforms") or {}).get(name)
            compare(name, plat["packages"], (old or {}).get("packages", {}), thresholds, changes)
        if plat["repository"] == "updated":
            fill_publish_dir(plat["packages"], os.path.join(args.dist, name), os.path.join(args.publish_dir, name))
        report_platforms[name] = plat
    if previous:
        for name in sorted(set(previous.get("platforms") or {}) - set(report_platforms)):
            changes["removed_packages"].append({"platform": name, "name": "*"})
    totals = {k: sum(p["totals"][k] for p in report_platforms.values())
              for k in next(iter(report_platforms.values()))["totals"]} if report_platforms else {}
    if "build_seconds" in totals:
        totals["build_seconds"] = round(totals["build_seconds"], 1)
    report = {
        "schema": SCHEMA,
        "started": args.started or None,
        "finished": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "project": args.project or None,
        "thresholds": thresholds,
        "build_summary": build.get("summary"),
        "platforms": report_platforms,
        "totals": totals,
        "changes": changes,
        "bumps": bumps_of(args),
    }
    report["exit_status"] = 1 if changes["new_failures"] else 0
    with open(os.path.join(args.report_dir, "report.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.report_dir, "index.html"), "w", encoding="utf-8") as f:
        f.write(nightly_html.render(report))
    print_summary(report)
    return report["exit_status"]


def bump_trial(trials_dir, name):
    """The trial of one bump: did the copy re-pin, build (what rebuilt, what the cache had) and test."""
    where = os.path.join(trials_dir, name) if trials_dir else None
    if not where or not os.path.isdir(where):
        return None
    update = load_json(os.path.join(where, "update.json"), {}) or {}
    applied = any(r.get("applied") for r in update.get("recipes", []))
    if not applied:
        return {"outcome": "not applied",
                "why": first_line(read_text(os.path.join(where, "update.json.err")) or "recipe update --apply failed")}
    build = load_json(os.path.join(where, "build.json"), {}) or {}
    results = build.get("results", [])
    summary = build.get("summary") or {}
    tests = (load_json(os.path.join(where, "test.json"), {}) or {}).get("tests", [])
    failed = [f"{r['name']} [{r.get('variant', '')}]: {first_line(r.get('error') or r.get('failure') or 'failed')}"
              for r in results if r.get("outcome") == "failed"]
    failed += [f"test {t['name']} [{t['platform']}]: {first_line(t.get('error') or 'failed')}" for t in tests
               if not t.get("ok")]
    nodes = len(results)
    return {
        "outcome": "passed" if not failed and tests and all(t.get("ok") for t in tests) else "failed",
        "rebuilt": sorted({r["name"] for r in results if r.get("outcome") in ("built", "failed")}),
        "cache_hits": f"{summary.get('cached', 0)} of {nodes}" if nodes else "",
        "tests": [{"platform": t["platform"], "ok": t.get("ok"), "passed": t.get("passed", 0),
                   "failed": t.get("failed", 0) + t.get("errors", 0), "suite_ran": t.get("suite_ran")}
                  for t in tests],
        "failures": failed,
    }


def bumps_of(args):
    if not getattr(args, "bumps", None):
        return None
    listing = load_json(args.bumps, {}) or {}
    out = []
    for r in listing.get("recipes", []):
        if r.get("status") != "bump":
            continue
        out.append({"name": r["name"], "current": r["current"], "latest": r.get("latest"), "file": r.get("file"),
                    "notes": r.get("notes", []), "trial": bump_trial(args.trials_dir, r["name"])})
    return {"checked": len(listing.get("recipes", [])), "available": out,
            "errors": [f"{r['name']}: {r.get('error')}" for r in listing.get("recipes", []) if r.get("status") == "error"]}


def bumped(args):
    for r in (load_json(args.bumps, {}) or {}).get("recipes", []):
        if r.get("status") == "bump":
            print(r["name"])
    return 0


def enabled_platforms(args):
    for p in load_json(args.platforms, []) or []:
        if p.get("enabled"):
            print(p["name"])
    return 0


def testable(args):
    """Testing a package builds its run dependencies: leave out those that would retry a failed build."""
    build = load_json(args.build, {}) or {}
    nodes = load_json(args.nodes, {}) or {}
    mine = {(r["name"], r.get("variant", "")) for r in nodes.get("results", [])}
    meta = load_json(os.path.join(args.dist, args.platform, "packages.json"), {}) or {}
    depends = {name: list(m.get("depends", [])) for name, m in meta.items()}
    results = [r for r in build.get("results", []) if (r["name"], r.get("variant", "")) in mine]
    ok = {r["name"] for r in results if r["outcome"] in OK_STATUSES}
    for r in results:
        if r["name"] in ok and r.get("type") == "package" and set(run_needs(r["name"], depends)) <= ok:
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
    a.add_argument("--platforms", required=True, help="`wasm-build --json platforms`")
    a.add_argument("--nodes-dir", required=True, help="PLATFORM.json: `wasm-build --json build -n --platform P`")
    a.add_argument("--tests-dir", required=True, help="PLATFORM.json (+ .err): `wasm-build --json test`")
    a.add_argument("--dist", required=True)
    a.add_argument("--report-dir", required=True)
    a.add_argument("--publish-dir", required=True)
    a.add_argument("--previous")
    a.add_argument("--project")
    a.add_argument("--started")
    a.add_argument("--size-threshold", type=float, default=10.0, help="percent")
    a.add_argument("--time-threshold", type=float, default=50.0, help="percent")
    a.add_argument("--time-min-seconds", type=float, default=10.0)
    a.add_argument("--bumps", help="`wasm-build --json recipe update`")
    a.add_argument("--trials-dir", help="NAME/{update,build,test}.json of each bump tried on a copy")
    b = sub.add_parser("bumped")
    b.add_argument("bumps")
    p = sub.add_parser("platforms")
    p.add_argument("platforms")
    t = sub.add_parser("testable")
    t.add_argument("build")
    t.add_argument("nodes")
    t.add_argument("dist")
    t.add_argument("platform")
    g = sub.add_parser("get")
    g.add_argument("report")
    g.add_argument("key")
    args = parser.parse_args(argv)
    try:
        return {"assemble": assemble, "platforms": enabled_platforms, "testable": testable, "get": get,
                "bumped": bumped}[args.command](args)
    except Exception:  # noqa: BLE001 - exit 3, never the "new failure" status 1
        traceback.print_exc()
        return 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
