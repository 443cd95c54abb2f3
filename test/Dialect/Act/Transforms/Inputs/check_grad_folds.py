"""Checks the folded gradients of grad-fold.mlir (stdin: relu-opt --canonicalize
output; argv[1]: the test source) against grad_reference.py."""
import math, os, re, struct, sys

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(__file__))
from grad_reference import ACTIVATIONS, XS, central_difference

# Folds that MLIR's own fold hooks cannot do (math.log1p does not fold a NaN
# with the sign bit set, which jax's softplus form produces).
NOT_FOLDED = {"mish__jax__nan"}


def parse_value(text):
    text = text.strip().strip('"')
    if text.startswith("0x"):
        return struct.unpack("<d", int(text, 16).to_bytes(8, "little"))[0]
    return float(text)


def parse_dense(body, count):
    body = body.strip()
    if body.startswith("["):
        return [parse_value(v) for v in body[1:-1].split(",")]
    return [parse_value(body)] * count


def functions(text):
    """name -> list of returned dense values (None where not folded)."""
    result = {}
    for m in re.finditer(r"func\.func @(\w+)\(\).*?\n  \}", text, re.S):
        name, body = m.group(1), m.group(0)
        consts = {}
        for c in re.finditer(r"(%\w+) = arith\.constant dense<(.*?)> : tensor<(\d+)x", body):
            consts[c.group(1)] = parse_dense(c.group(2), int(c.group(3)))
        ret = re.search(r"return (.*?) :", body).group(1)
        result[name] = [consts.get(v.strip()) for v in ret.split(",")]
    return result


def close(got, want, tol):
    if math.isnan(want):
        return math.isnan(got)
    return abs(got - want) <= tol * max(1.0, abs(want))


def main():
    folded = functions(sys.stdin.read())
    source = open(sys.argv[1]).read()
    dys = parse_dense(re.search(r"%dy = arith.constant dense<(.*?)>", source).group(1), len(XS))
    failures, checked = [], 0
    for name, results in folded.items():
        if name == "custom_mish":
            y0, y1, d0, d1 = results
            for i, x in enumerate(XS):
                checked += 2
                if not close(y1[i], y0[i], 1e-13) or not close(d1[i], d0[i], 1e-12):
                    failures.append(f"custom mish x={x}: y {y1[i]} vs {y0[i]}, dx {d1[i]} vs {d0[i]}")
            continue
        act, conv, source_kind = name.split("__")
        (attrs, forward, kinks, at_kinks, at_nan) = ACTIVATIONS[act]
        values = results[0]
        if values is None:
            if name not in NOT_FOLDED:
                failures.append(f"{name}: not folded")
            continue
        if source_kind == "nan":
            want = at_nan[conv]
            checked += 1
            if not close(values[0], NAN if want is None else want, 0):
                failures.append(f"{name}: slope at NaN {values[0]}, expected {want}")
            continue
        for x, dy, got in zip(XS, dys, values):
            checked += 1
            if x in at_kinks[conv]:
                want, tol = dy * at_kinks[conv][x], 1e-15
            else:
                slope, h = central_difference(forward, x)
                if any(abs(x - k) <= 2 * h for k in kinks):
                    failures.append(f"{name}: x={x} is a kink without a table entry")
                    continue
                want, tol = dy * slope, 1e-7
            if not close(got, want, tol):
                failures.append(f"{name}: x={x}: got {got!r}, expected {want!r}")
    for f in failures:
        print("FAIL:", f)
    print(f"checked {checked} values in {len(folded)} functions, {len(failures)} failures")
    sys.exit(1 if failures or checked < 900 else 0)


NAN = float("nan")
if __name__ == "__main__":
    main()
