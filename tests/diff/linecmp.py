#!/usr/bin/env python3
"""linecmp.py EXCUSES NAME CPU QEMU_OUT QEMU_RC HYPSIM_OUT HYPSIM_RC

Compare one test image's output in QEMU and in hypsim line by line, with
the per-line excuses of EXCUSES (tests/diff/line-excuses.txt).

The two outputs are aligned (difflib, the longest common subsequence of
lines); every line in a differing stretch, on either side, must be matched
by an excuse of this image (and core), and every excuse of this image must
match at least one differing line: an excused line that starts to agree
with QEMU fails the comparison as surely as a new difference does, so the
list cannot rot. The exit codes must be equal unless an `exit` excuse says
why not (and then they must differ).

Excuse lines: `NAME[:CPU] SELECTOR... reason`, a SELECTOR one of
  /REGEX/   differing lines (either side) in which REGEX is found (Python
            syntax; anchor it with ^ to name a line by its key); it must
            match at least one;
  h:N[-M]   hypsim's output lines N to M (1-based: the lines of the
            image's expect file); every one of them must differ;
  q:N[-M]   QEMU's output lines N to M; every one of them must differ;
  exit      the exit codes (then they must differ).
Each selector of a line must excuse something on its own. `#` starts
a comment line.

Exit status 0: equal but for the excused lines; 1: a difference nobody
excused, or an excuse that excused nothing; 2: usage or a bad excuse.
"""
import difflib
import re
import sys


def die(msg):
    print(msg, file=sys.stderr)
    sys.exit(2)


def load_excuses(path, name, cpu):
    """The excuses of NAME on CPU: [(kind, regex or None, reason, where)]."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            where = "%s:%d" % (path.rsplit("/", 1)[-1], n)
            m = re.match(r"(\S+)\s+", line)
            target, pos, sels = m.group(1), m.end(), []
            while True:
                m = re.compile(r"(?:/((?:[^/\\]|\\.)*)/|(exit)"
                               r"|([hq]):(\d+)(?:-(\d+))?)(?:\s+|$)"
                               ).match(line, pos)
                if not m:
                    break
                sels.append(m.groups())
                pos = m.end()
            reason = line[pos:].strip()
            if not sels or not reason:
                die("%s: expected 'NAME[:CPU] SELECTOR... reason' "
                         "(SELECTOR: /REGEX/, h:N-M, q:N-M or exit)" % where)
            if target not in (name, "%s:%s" % (name, cpu)):
                continue
            for rx, is_exit, side, lo, hi in sels:
                if is_exit:
                    out.append(("exit", None, reason, where))
                elif side:
                    lo = int(lo)
                    hi = int(hi) if hi else lo
                    if hi < lo:
                        die("%s: empty line range" % where)
                    out.append((side, (lo, hi), reason, where))
                else:
                    try:
                        out.append(("line",
                                    re.compile(rx.replace("\\/", "/")),
                                    reason, where))
                    except re.error as e:
                        die("%s: bad regex /%s/: %s" % (where, rx, e))
    return out


def main(argv):
    if len(argv) != 8:
        print(__doc__.split("\n\n")[0], file=sys.stderr)
        return 2
    exc_path, name, cpu, qpath, qrc, hpath, hrc = argv[1:]
    excuses = load_excuses(exc_path, name, cpu)
    with open(qpath, encoding="utf-8", errors="replace") as f:
        q = f.read().splitlines()
    with open(hpath, encoding="utf-8", errors="replace") as f:
        h = f.read().splitlines()

    used = [0] * len(excuses)
    bad = []
    sm = difflib.SequenceMatcher(None, q, h, autojunk=False)
    equal = 0
    differing = {"q": set(), "h": set()}  # 1-based line numbers
    for op, q0, q1, h0, h1 in sm.get_opcodes():
        if op == "equal":
            equal += q1 - q0
            continue
        differing["q"].update(range(q0 + 1, q1 + 1))
        differing["h"].update(range(h0 + 1, h1 + 1))
    for side, lines, label in (("q", q, "qemu"), ("h", h, "hypsim")):
        for n in sorted(differing[side]):
            text = lines[n - 1]
            hit = None
            for k, (kind, sel, _, _) in enumerate(excuses):
                if (kind == side and sel[0] <= n <= sel[1]) or \
                   (kind == "line" and sel.search(text)):
                    hit = k
                    break
            if hit is None:
                bad.append("%s line %d not excused: %s" % (label, n, text))
            else:
                used[hit] += 1
    # a line range names lines that differ: each of them must
    for kind, sel, reason, where in excuses:
        if kind in ("q", "h"):
            agree = [n for n in range(sel[0], sel[1] + 1)
                     if n not in differing[kind]]
            if agree:
                bad.append("%s: %s:%d-%d: line%s %s now agree%s with QEMU "
                           "(or the image changed): narrow the excuse"
                           % (where, kind, sel[0], sel[1],
                              "" if len(agree) == 1 else "s",
                              ",".join(map(str, agree)),
                              "s" if len(agree) == 1 else ""))

    exit_excused = [k for k, e in enumerate(excuses) if e[0] == "exit"]
    if qrc != hrc:
        if exit_excused:
            used[exit_excused[0]] += 1
        else:
            bad.append("exit code qemu %s, hypsim %s" % (qrc, hrc))

    # one line per excuse line of the file, naming its selectors
    report = {}
    for k, (kind, sel, reason, where) in enumerate(excuses):
        if kind == "exit":
            what = "exit code"
        elif kind == "line":
            what = "/%s/" % sel.pattern
        else:
            what = "%s:%d-%d" % (kind, sel[0], sel[1])
        if used[k]:
            r = report.setdefault(where, [[], 0, reason])
            r[0].append(what)
            r[1] += used[k]
        else:
            bad.append("%s: excuse %s excused nothing: QEMU agrees there "
                       "now (or the image changed); remove it"
                       % (where, what))
    for where, (whats, n, reason) in report.items():
        print("excused %s (%d line%s, %s): %s"
              % (" ".join(whats), n, "" if n == 1 else "s", where, reason))
    if bad:
        print("FAIL %s on %s:" % (name, cpu))
        for b in bad:
            print("  " + b)
        print("--- qemu, +++ hypsim:")
        diff = list(difflib.unified_diff(q, h, "qemu", "hypsim",
                                         lineterm="", n=1))
        for d in diff[:80]:
            print(d)
        if len(diff) > 80:
            print("... (%d more diff lines)" % (len(diff) - 80))
        return 1
    print("ok   %s on %s: %d lines equal, %d excused (exit %s)"
          % (name, cpu, equal, sum(used), hrc))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
