"""Writes act.grad kernels (dx = dy * f'(x), from the forward input) for
every activation of test/Integration/Cpu/Inputs/activations.def, as MLIR
functions <stem>_backward_<dtype>(dy, x) -> dx, for relu-cc.

usage: gen_backward.py activations.def dtype[,dtype...] > backward.mlir"""
import re
import sys

def op_text(spec, arg):
    """The act op for a quick spec (the QuickSpec syntax: op:param:param)."""
    name, *params = spec.split(":")
    # QuickSpec's aliases.
    if name == "relu6":
        name, params = "clamp", ["0", "6"]
    elif name == "hardtanh":
        name = "clamp"
    attrs = {
        "leaky_relu": ["negative_slope"],
        "clamp": ["min", "max"],
        "threshold": ["threshold", "value"],
        "elu": ["alpha"],
        "celu": ["alpha"],
        "swish": ["beta"],
        "softplus": ["beta", "threshold"],
    }.get(name, [])
    fields = []
    if name == "gelu" and params:
        fields.append(f"approximate = #act.approximate<{params[0]}>")
    else:
        for key, value in zip(attrs, params):
            fields.append(f"{key} = {float(value)!r} : f64")
    attr = (" {" + ", ".join(fields) + "}") if fields else ""
    return f"act.{name} {arg}{attr}"


def main():
    text = open(sys.argv[1]).read()
    rows = re.findall(r'^X\((\w+),\s*"([^"]+)"', text, re.M)
    for dtype in sys.argv[2].split(","):
        tensor = f"tensor<?x{dtype}>"
        for stem, spec in rows:
            print(f"func.func @{stem}_backward_{dtype}(%dy: {tensor}, %x: {tensor}) -> {tensor} {{")
            print(f"  %dx = act.grad %dy, input %x : {tensor}, {tensor} {{")
            print(f"  ^bb0(%a: {tensor}):")
            print(f"    %y = {op_text(spec, '%a')} : {tensor}")
            print(f"    act.yield %y : {tensor}")
            print("  }")
            print(f"  return %dx : {tensor}")
            print("}")


if __name__ == "__main__":
    main()
