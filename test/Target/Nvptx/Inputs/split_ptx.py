"""Splits relu-cc --emit=ptx output into <dir>/<arch>.ptx files."""
import re
import sys

text = open(sys.argv[1]).read()
parts = re.split(r"^// relu-cc: PTX for (sm_\d+)\n", text, flags=re.M)
for arch, ptx in zip(parts[1::2], parts[2::2]):
    with open(f"{sys.argv[2]}/{arch}.ptx", "w") as f:
        f.write(ptx)
