#!/usr/bin/env python3
"""Fails when an alert rule or a dashboard panel names a metric that the services do not export.

Usage: check-observability-names.py RULES.yml DASHBOARD_DIR SCRAPE_FILE... [--quiet]

Reads the PromQL expressions of RULES.yml (every `expr:`) and of every dashboard JSON under DASHBOARD_DIR (every
"expr" of a panel target), takes the metric names out of them, and looks each one up in the scrapes (Prometheus
text format, as /actuator/prometheus answers). A misspelt label is as silent as a missing metric, so every label
a selector names must be on the metric, and its = and =~ matchers must match one scraped series together (except
the values in VALUES_THAT_APPEAR_LATER); `job` and `instance` are Prometheus' own labels and are not checked.
Names that Prometheus itself makes (`up`, `ALERTS`, the scrape_* series) are allowed by PROMETHEUS_NAMES.
Exit code 1 lists what is missing.

Only the PromQL this project writes is understood: metric names written out (not `{__name__=...}` selectors).
"""

import json
import pathlib
import re
import sys

PROMETHEUS_NAMES = {
    "up",
    "ALERTS",
    "ALERTS_FOR_STATE",
    "scrape_duration_seconds",
    "scrape_samples_scraped",
    "scrape_samples_post_metric_relabeling",
    "scrape_series_added",
}
PROMQL_WORDS = {"and", "or", "unless", "bool", "by", "without", "on", "ignoring", "group_left", "group_right",
                "offset", "inf", "nan", "Inf", "NaN"}
PROMETHEUS_LABELS = {"job", "instance"}
# Label values a service exports only once they happened: the label must exist, its value need not yet.
VALUES_THAT_APPEAR_LATER = {
    ("http_server_requests_seconds_count", "status"),  # a 503 of the readiness probe
}

STRING = r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\''
MATCHER = re.compile(r'\s*([a-zA-Z_]\w*)\s*(=~|!~|!=|=)\s*(' + STRING + r')\s*,?')
SELECTOR = re.compile(r'(?<![\w:.$])([a-zA-Z_:][\w:]*)\s*(\{(?:' + STRING + r'|[^}"\'])*\})?(\s*\()?')


def rule_expressions(path):
    """Every expr: of a rules file; plain or block scalars (>-, |), continued on more indented lines."""
    lines = pathlib.Path(path).read_text().splitlines()
    found = []
    for number, line in enumerate(lines):
        match = re.match(r'^(\s*)(?:- )?expr:\s*(.*)$', line)
        if not match:
            continue
        indent = len(match.group(1))
        first = match.group(2).strip()
        parts = [] if first in ('>', '>-', '|', '|-') else [first]
        for following in lines[number + 1:]:
            if following.strip() and len(following) - len(following.lstrip()) <= indent:
                break
            parts.append(following.strip())
        expr = " ".join(part for part in parts if part)
        if len(expr) > 1 and expr[0] == expr[-1] and expr[0] in "'\"":
            expr = expr[1:-1]
        found.append((f"{path}:{number + 1}", expr))
    return found


def dashboard_expressions(directory):
    """Every "expr" of a dashboard JSON (panel targets, also inside rows), named by file and panel title."""
    found = []

    def walk(node, where):
        if isinstance(node, dict):
            if isinstance(node.get("expr"), str):
                found.append((where, node["expr"]))
            if "targets" in node or "panels" in node:
                where = f"{where.split(':')[0]}: panel '{node.get('title', '')}'"
            for value in node.values():
                walk(value, where)
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    for path in sorted(pathlib.Path(directory).glob("**/*.json")):
        walk(json.loads(path.read_text()), path.name)
    return found


def selectors(expr):
    """(metric name, [(label, operator, value)]) of every selector in a PromQL expression."""
    text = re.sub(r'\[[^\]]*\]', ' ', expr)  # range and subquery durations, Grafana's $__rate_interval
    text = re.sub(r'\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)', ' ', text)  # label lists
    text = re.sub(r'\boffset\s+-?\w+', ' ', text)
    result = []
    position = 0
    while True:
        match = SELECTOR.search(text, position)
        if not match:
            return result
        position = match.end()
        if match.start() > 0 and text[match.start() - 1] in "\"'":
            continue
        name, braces, call = match.groups()
        if call or name in PROMQL_WORDS:
            continue  # a function or an aggregation, or an operator
        matchers = []
        for label, operator, value in MATCHER.findall(braces[1:-1] if braces else ""):
            matchers.append((label, operator, bytes(value[1:-1], "utf-8").decode("unicode_escape")))
        result.append((name, matchers))


def read_scrapes(paths):
    series = {}
    for path in paths:
        for line in pathlib.Path(path).read_text().splitlines():
            if not line or line.startswith("#"):
                continue
            match = re.match(r'([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s', line)
            if match:
                pairs = re.findall(r'([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"', match.group(2) or "")
                labels = dict(pairs)
                series.setdefault(match.group(1), []).append(labels)
    return series


def matches(labels, matchers):
    for label, operator, value in matchers:
        actual = labels.get(label, "")
        if operator == "=" and actual != value:
            return False
        if operator == "!=" and actual == value:
            return False
        if operator == "=~" and not re.fullmatch(value, actual):
            return False
        if operator == "!~" and re.fullmatch(value, actual):
            return False
    return True


def main(argv):
    quiet = "--quiet" in argv
    args = [arg for arg in argv if arg != "--quiet"]
    if len(args) < 3:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    rules, dashboards, scrapes = args[0], args[1], args[2:]
    expressions = rule_expressions(rules) + dashboard_expressions(dashboards)
    series = read_scrapes(scrapes)
    problems = []
    names = set()
    for where, expr in expressions:
        found = selectors(expr)
        if not found:
            problems.append(f"{where}: no metric name found in {expr!r}")
        for name, matchers in found:
            names.add(name)
            if name in PROMETHEUS_NAMES:
                continue
            if name not in series:
                problems.append(f"{where}: {name} is not exported by the services")
                continue
            own = [m for m in matchers if m[0] not in PROMETHEUS_LABELS]
            exported = {label for labels in series[name] for label in labels}
            for label in sorted({m[0] for m in own} - exported):
                problems.append(f"{where}: {name} has no label {label}")
            checked = [m for m in own if m[1] in ("=", "=~") and (name, m[0]) not in VALUES_THAT_APPEAR_LATER]
            if not any(matches(labels, checked) for labels in series[name]):
                wanted = ",".join(f'{l}{o}"{v}"' for l, o, v in checked)
                problems.append(f"{where}: no series {name}{{{wanted}}} in the scrapes")
    if not quiet:
        print(f"check-observability: {len(expressions)} expressions ({len(rule_expressions(rules))} alert rules, "
              f"{len(expressions) - len(rule_expressions(rules))} panel targets) name {len(names)} metrics: "
              + ", ".join(sorted(names)))
        for problem in problems:
            print(f"check-observability: MISSING {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
