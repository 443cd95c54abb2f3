"""Prints relu-cc's --activation option for every spec in activations.def."""
import re
import sys

text = open(sys.argv[1]).read()
specs = re.findall(r'^X\([^,]+,\s*"([^"]+)"', text, re.M)
extra = sys.argv[2:]
print("--activation=" + ",".join(specs + extra))
