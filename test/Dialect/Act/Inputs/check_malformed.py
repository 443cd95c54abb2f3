#!/usr/bin/env python3
"""Runs relu-opt over every file of a malformed-input corpus.

Usage: check_malformed.py RELU_OPT CORPUS_DIR [EXTRA_ARGS...]

Each file must be rejected cleanly: exit code exactly 1 (not 0, not a signal,
not an abort's 134), within TIMEOUT_S seconds, with at least one located
diagnostic `<file>:<line>:<col>: error:` on stderr naming that file. Prints one
line per file and a summary; exits 1 if any file violates this.
"""
import os
import re
import subprocess
import sys

TIMEOUT_S = 20


def check(relu_opt, path, extra_args):
    """Returns None if `path` is rejected cleanly, else a reason."""
    try:
        proc = subprocess.run([relu_opt, *extra_args, path],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return f"hang: no exit within {TIMEOUT_S} s"
    stderr = proc.stderr.decode("utf-8", errors="replace")
    if proc.returncode < 0:
        return f"killed by signal {-proc.returncode}"
    if proc.returncode != 1:
        return f"exit code {proc.returncode}, expected 1"
    located = re.compile(r"^" + re.escape(path) + r":\d+:\d+: error: ",
                         re.MULTILINE)
    if not located.search(stderr):
        first = stderr.strip().splitlines()[:1]
        return f"no located '{path}:<line>:<col>: error:' diagnostic " \
               f"(stderr starts: {first!r})"
    if "PLEASE submit a bug report" in stderr or "Stack dump" in stderr:
        return "crash report on stderr"
    return None


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    relu_opt, corpus, extra_args = argv[1], argv[2], argv[3:]
    files = sorted(os.path.join(corpus, name) for name in os.listdir(corpus)
                   if os.path.isfile(os.path.join(corpus, name)))
    if not files:
        print(f"error: no files in {corpus}", file=sys.stderr)
        return 2
    failures = 0
    for path in files:
        reason = check(relu_opt, path, extra_args)
        name = os.path.basename(path)
        if reason is None:
            print(f"ok: {name}")
        else:
            failures += 1
            print(f"FAIL: {name}: {reason}")
    print(f"checked {len(files)} files, {len(files) - failures} rejected "
          f"cleanly, {failures} violations")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
