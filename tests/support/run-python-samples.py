"""Runs the site's Python samples in one interpreter (40 samples, one start-up): reads [{"id", "code"}] as JSON on
stdin, runs each as a fresh __main__ with its own captured output, and prints [{"id", "ok", "stdout", "stderr"}] as
JSON on the last line of stdout. A sample that raises (or calls sys.exit with an error) is reported, not fatal."""
import contextlib
import io
import json
import sys
import traceback


def run(sample):
    stdout, stderr = io.StringIO(), io.StringIO()
    ok = True
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            exec(compile(sample["code"], sample["id"], "exec"), {"__name__": "__main__"})
        except SystemExit as exit:
            ok = exit.code in (None, 0)
        except BaseException:
            ok = False
            traceback.print_exc()
    return {"id": sample["id"], "ok": ok, "stdout": stdout.getvalue(), "stderr": stderr.getvalue()}


def main():
    samples = json.load(sys.stdin)
    results = [run(sample) for sample in samples]
    sys.stdout.write("\n" + json.dumps(results) + "\n")


if __name__ == "__main__":
    main()
