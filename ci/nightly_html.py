"""The nightly report as one static HTML page (no scripts): the changes against the previous night
first (every platform), then per platform its totals and one row per package with links to its kept
logs. Used by nightly_report.py."""

from html import escape

STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.built, .cached { color: #176317; } .failed { color: #b00020; font-weight: bold; } .skipped { color: #8a5a00; }
.new { background: #fde8ea; } small { color: #666; }
"""


def size(n):
    if n is None:
        return ""
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024.0
    return ""


def seconds(s):
    return f"{s:.1f} s" if s else ""


def tests_cell(t):
    if not t:
        return ""
    text = f"{t['passed']} passed"
    if t["failed"] or t["errors"]:
        text += f", {t['failed'] + t['errors']} failed ({t['expected_failures']} expected)"
    if t["skipped"]:
        text += f", {t['skipped']} skipped"
    if not t["suite_ran"]:
        text = "imports and smoke test" + ("" if t["ok"] else " failed")
    return escape(text) + (f" <small>{seconds(t['seconds'])}</small>" if t.get("seconds") else "")


def where(item):
    return f"{escape(item['name'])} <small>[{escape(item['platform'])}]</small>"


def changes_section(c):
    out = ["<h2>Since the previous night</h2>"]
    if not c.get("previous"):
        return out + ["<p>No previous report to compare with.</p>"]
    out.append(f"<p><small>previous report: {escape(c['previous'])}</small></p><ul>")
    items = [(f"<li class=new><b>new failure</b> {where(f)}: {escape(str(f['was']))} → "
              f"{escape(str(f['now']))} — {escape(f['why'])}</li>") for f in c["new_failures"]]
    items += [f"<li>fixed {where(f)}: {escape(str(f['was']))} → {escape(str(f['now']))}</li>" for f in c["fixed"]]
    items += [f"<li>size regression {where(r)}: {size(r['was'])} → {size(r['now'])} (+{r['percent']}%)</li>"
              for r in c["size_regressions"]]
    items += [f"<li>build time regression {where(r)}: {r['was']} s → {r['now']} s (+{r['percent']}%)</li>"
              for r in c["time_regressions"]]
    items += [f"<li>version {where(v)}: {escape(str(v['was']))} → {escape(str(v['now']))}</li>"
              for v in c["version_changes"]]
    items += [f"<li>new package {where(n)}</li>" for n in c["new_packages"]]
    items += [f"<li>removed package {where(n)}</li>" for n in c["removed_packages"]]
    return out + (items or ["<li>no changes</li>"]) + ["</ul>"]


def package_row(p, new_failures):
    logs = " ".join(f'<a href="{escape(path)}">{escape(kind)}</a>' for kind, path in sorted(p["logs"].items()))
    why = escape(p["failure"] or "")
    rebuilt = escape("; ".join(p["reasons"])) if p["build"]["outcome"] in ("built", "failed") else ""
    shared = " <small>(shared)</small>" if p.get("shared") else ""
    return (f"<tr{' class=new' if p['name'] in new_failures else ''}>"
            f"<td>{escape(p['name'])}{shared}</td><td>{escape(p['version'])}</td>"
            f"<td class={escape(p['status'])}>{escape(p['status'])}<br><small>{why}</small></td>"
            f"<td>{'yes' if p['published'] else ''}</td><td><small>{rebuilt}</small></td>"
            f"<td class=n>{seconds(p['build']['build_seconds'])}</td><td class=n>{size(p['wheel_size'])}</td>"
            f"<td>{tests_cell(p['tests'])}</td><td>{logs}</td></tr>")


def platform_section(plat, new_failures):
    t = plat["totals"]
    title = f"{plat['name']}" + (" (default)" if plat.get("default") else "")
    out = [f"<h2 id=\"{escape(plat['name'])}\">{escape(title)}</h2>",
           f"<p>{escape(str(plat.get('tag') or ''))}, Python {escape(str(plat.get('python') or ''))}, runtime "
           f"{escape(str(plat.get('runtime') or ''))}. Repository: {escape(plat['repository'])}.</p>"]
    if plat.get("tests_error"):
        out.append(f"<p class=failed>The test run gave no results: {escape(plat['tests_error'])}</p>")
    out.append("<table><tr><th>packages</th><th>built</th><th>cached</th><th>failed</th><th>skipped</th>"
               "<th>published</th><th>wheels</th><th>build time (tonight)</th><th>tests</th></tr>")
    out.append(f"<tr><td class=n>{t['packages']}</td><td class=n>{t['built']}</td><td class=n>{t['cached']}</td>"
               f"<td class=n>{t['failed']}</td><td class=n>{t['skipped']}</td><td class=n>{t['published']}</td>"
               f"<td class=n>{size(t['published_bytes'])} published of {size(t['wheel_bytes'])}</td>"
               f"<td class=n>{seconds(t['build_seconds'])}</td>"
               f"<td class=n>{t['tests_passed']} passed, {t['tests_failed']} failed "
               f"({t['tests_expected_failures']} expected)</td></tr></table>")
    out.append("<table><tr><th>package</th><th>version</th><th>status</th><th>published</th>"
               "<th>rebuilt because</th><th>build time</th><th>wheel</th><th>tests</th><th>logs</th></tr>")
    out += [package_row(p, new_failures) for p in plat["packages"].values()]
    out.append("</table>")
    return out


def bumps_section(bumps):
    """Newer releases on the package index and how each did when tried on a copy of the project."""
    if not bumps:
        return []
    out = ["<h2>Newer releases</h2>",
           f"<p>{bumps['checked']} recipes checked against the package index (<code>wasm-build recipe update</code>); "
           "each newer release tried on a copy of the project.</p>"]
    if not bumps["available"]:
        out.append("<p>Every tracked recipe is at its newest release.</p>")
    else:
        out.append("<table><tr><th>recipe</th><th>now</th><th>newest</th><th>trial</th><th>rebuilt</th>"
                   "<th>cache hits</th><th>tests</th><th>notes</th></tr>")
        for b in bumps["available"]:
            t = b["trial"] or {}
            outcome = t.get("outcome", "not tried")
            tests = "; ".join(f"{x['platform']}: {'ok' if x['ok'] else 'failed'}" +
                              (f" ({x['passed']} passed, {x['failed']} failed)" if x["suite_ran"] else "")
                              for x in t.get("tests", []))
            notes = b["notes"] + t.get("failures", []) + ([t["why"]] if t.get("why") else [])
            cls = "built" if outcome == "passed" else "failed"
            out.append(f"<tr><td>{escape(b['name'])}</td><td>{escape(b['current'])}</td>"
                       f"<td>{escape(str(b['latest']))}<br><small>{escape(str(b['file']))}</small></td>"
                       f"<td class={cls}>{escape(outcome)}</td><td>{escape(', '.join(t.get('rebuilt', [])))}</td>"
                       f"<td>{escape(t.get('cache_hits', ''))}</td><td>{escape(tests)}</td>"
                       f"<td>{'<br>'.join(escape(n) for n in notes)}</td></tr>")
        out.append("</table>")
    if bumps["errors"]:
        out.append("<p>Not checked: " + "; ".join(escape(e) for e in bumps["errors"]) + "</p>")
    return out


def render(report):
    c = report["changes"]
    title = f"wasm-build nightly {report['finished']}"
    out = ["<!doctype html>", "<html lang=en><head><meta charset=utf-8>",
           f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>", f"<h1>{escape(title)}</h1>"]
    verdict = "NEW FAILURES" if c["new_failures"] else "no new failures"
    links = ", ".join(f'<a href="#{escape(n)}">{escape(n)}</a>' for n in report["platforms"])
    out.append(f"<p><b>{verdict}</b>. Platforms: {links}. <a href=\"report.json\">report.json</a></p>")
    out += changes_section(c)
    out += bumps_section(report.get("bumps"))
    for name, plat in report["platforms"].items():
        new_failures = {f["name"] for f in c["new_failures"] if f["platform"] == name}
        out += platform_section(plat, new_failures)
    out.append("</body></html>")
    return "\n".join(out) + "\n"
