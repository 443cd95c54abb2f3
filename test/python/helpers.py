"""Shared inputs and accuracy measures for the relu_mlir tests."""

import math

import numpy as np

try:
    import ml_dtypes
    BF16 = np.dtype(ml_dtypes.bfloat16)
except ImportError:  # jax brings ml_dtypes; numpy-only installs may lack it
    ml_dtypes = None
    BF16 = None

#: relu-mlir dtype name -> numpy dtype (bf16 only with ml_dtypes).
NP_DTYPES = {"f16": np.dtype(np.float16), "f32": np.dtype(np.float32),
             "f64": np.dtype(np.float64)}
if BF16 is not None:
    NP_DTYPES["bf16"] = BF16

#: Activations with their parameters as tested: (relu_mlir name, params, f32 bound,
#: half bound). Bounds as in test/Integration/Cpu/Inputs/activations.def: the
#: f32 bound in f32 ULPs of the float64 reference, the half bound in ULPs from the
#: correctly rounded reference; f32 and bf16 results below 2^-60 are judged by an
#: absolute bound of 2 ULPs of 2^-60 instead (their own ULPs shrink into subnormals).
CASES = [
    ("relu", {}, 0, 0), ("relu6", {}, 0, 0), ("leaky_relu", {}, 1, 1),
    ("leaky_relu", {"negative_slope": 0.25}, 0.5, 0), ("hard_tanh", {}, 0, 0),
    ("clamp", {"min": -0.5, "max": 2.0}, 0, 0),
    ("threshold", {"threshold": 0.5, "value": -2.0}, 0, 0), ("hard_sigmoid", {}, 1, 1),
    ("hard_swish", {}, 2, 1), ("elu", {}, 4, 1), ("elu", {"alpha": 0.5}, 4, 1), ("selu", {}, 4, 1),
    ("celu", {}, 4, 1), ("celu", {"alpha": 2.0}, 4, 1), ("gelu", {"approximate": "none"}, 4, 1),
    ("gelu", {"approximate": "tanh"}, 4, 1), ("sigmoid", {}, 4, 1), ("tanh", {}, 4, 1),
    ("silu", {}, 4, 1), ("swish", {"beta": 1.5}, 4, 1), ("softplus", {}, 4, 1),
    ("softplus", {"beta": 2.0, "threshold": 10.0}, 4, 1), ("mish", {}, 4, 1),
]
#: Piecewise-linear activations: results are exact (bit for bit the reference).
EXACT = {"relu", "relu6", "leaky_relu", "hard_tanh", "clamp", "threshold"}


def case_id(case):
    name, params = case[:2]
    return name + "".join(f"-{k}={v}" for k, v in params.items())


def eps(dtype):
    return float(ml_dtypes.finfo(dtype).eps) if dtype == BF16 else float(np.finfo(dtype).eps)


def inputs(dtype, n=20000, seed=0, specials=True):
    """Random values (uniform and normal) plus every kink and branch point with
    neighbours, and optionally NaN, +-0, +-inf, tiny and huge values."""
    rng = np.random.default_rng(seed)
    kinks = np.array([0, 1, -1, 3, -3, 6, -6, 0.5, -0.5, 2, -2, 10, -10, 20, -20, 5, -5, 15, -15])
    near = np.concatenate([kinks, kinks + 1e-3, kinks - 1e-3])
    values = [rng.uniform(-12, 12, n // 2), rng.normal(0, 3, n // 2), near]
    if specials:
        big = 60000.0 if dtype == np.float16 else 1e30
        values.append(np.array([np.nan, -np.nan, 0.0, -0.0, np.inf, -np.inf, 1e-30, -1e-30, 1e-7,
                                -1e-7, 88.7, -88.7, 104.0, -104.0, big, -big]))
    return np.concatenate(values).astype(dtype)


def ulp_distance_half(a, b):
    """ULPs between two float16/bfloat16 arrays (+-0 coincide, NaN = NaN is 0)."""
    ua = a.view(np.uint16).astype(np.int64)
    ub = b.view(np.uint16).astype(np.int64)
    oa = np.where(ua & 0x8000, -(ua & 0x7FFF), ua)
    ob = np.where(ub & 0x8000, -(ub & 0x7FFF), ub)
    d = np.abs(oa - ob)
    both_nan = np.isnan(a.astype(np.float32)) & np.isnan(b.astype(np.float32))
    return np.where(both_nan, 0, d)


def ulps_f32(y, ref):
    """|y - ref| in f32 ULPs of ref (ref float64; ULP floored at 2^-149); NaN = NaN is 0,
    equal infinities are 0."""
    y = y.astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        _, e = np.frexp(np.where(np.isfinite(ref) & (ref != 0), ref, 1.0))
        ulp = np.ldexp(1.0, np.maximum(e - 1, -126) - 23)
        d = np.abs(y - ref) / ulp
    same = (np.isnan(y) & np.isnan(ref)) | (y == ref)
    return np.where(same, 0.0, np.where(np.isnan(d), np.inf, d))
