"""Writes kernels.h and kernels_nostream.c for a C check written against the CPU
entry points (test/Integration/Cpu/Inputs/check_mask_prelu.c) to run the GPU
entry points of a relu-cc --target=nvptx header: each `int NAME(..., void
*stream)` gets a wrapper `NAME_nostream(...)` passing the default stream, and
kernels.h renames NAME to it. Usage: nostream_adapter.py GPU_HEADER OTHER_HEADER
OUT_DIR (OTHER_HEADER: e.g. the CPU f64 kernels, included as they are)."""

import os
import re
import sys

gpu_header, other_header, out = sys.argv[1:4]
entries = re.findall(r"^int (\w+)\((.*), void \*stream\);$", open(gpu_header).read(), re.M)
with open(os.path.join(out, "kernels.h"), "w") as h:
    h.write(f'#include "{os.path.abspath(gpu_header)}"\n#include "{os.path.abspath(other_header)}"\n')
    for name, params in entries:
        h.write(f"int {name}_nostream({params});\n#define {name} {name}_nostream\n")
with open(os.path.join(out, "kernels_nostream.c"), "w") as c:
    c.write(f'#include "{os.path.abspath(gpu_header)}"\n\n')
    for name, params in entries:
        args = ", ".join(p.split()[-1].lstrip("*") for p in params.split(", "))
        c.write(f"int {name}_nostream({params}) {{ return {name}({args}, NULL); }}\n")
