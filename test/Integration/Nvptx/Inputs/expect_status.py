"""Runs a command, echoes its output, and succeeds iff it exits with the
given status: expect_status.py STATUS COMMAND [ARGS...]."""
import subprocess
import sys

result = subprocess.run(sys.argv[2:], capture_output=True, text=True)
sys.stdout.write(result.stdout)
sys.stderr.write(result.stderr)
if result.returncode != int(sys.argv[1]):
    print(f"exit status {result.returncode}, expected {sys.argv[1]}")
    sys.exit(1)
