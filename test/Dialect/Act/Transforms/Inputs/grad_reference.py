"""Independent float64 references for the gradient fold test.

Forward functions are written from PyTorch's / JAX's definitions (not from
relu-mlir's), derivatives are central finite differences of them, and the
values at kinks and at NaN are the conventions table of docs/gradients.md.
"""
import math

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
NAN = float("nan")


def _sigmoid(x):
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


def _softplus(x, beta=1.0, threshold=None):
    if threshold is not None and beta * x > threshold:
        return x
    z = beta * x
    return (max(z, 0) + math.log1p(math.exp(-abs(z)))) / beta


def _elu(x, alpha, scale=1.0, input_scale=1.0):
    return scale * (x if x > 0 else alpha * math.expm1(x * input_scale))


# name -> (attributes, forward, kinks, {conventions: {kink: slope}},
#          {conventions: slope at NaN (None: NaN)})
ACTIVATIONS = {
    "relu": ("", lambda x: max(x, 0.0), [0.0],
             {"pytorch": {0.0: 0.0}, "jax": {0.0: 0.0}}, {"pytorch": 1.0, "jax": 0.0}),
    "leaky_relu": ("{negative_slope = 0.25 : f64}", lambda x: x if x > 0 else 0.25 * x, [0.0],
                   {"pytorch": {0.0: 0.25}, "jax": {0.0: 1.0}}, {"pytorch": 0.25, "jax": 0.25}),
    "relu6": ("{min = 0.0 : f64, max = 6.0 : f64}", lambda x: min(max(x, 0.0), 6.0), [0.0, 6.0],
              {"pytorch": {0.0: 0.0, 6.0: 0.0}, "jax": {0.0: 0.0, 6.0: 0.0}},
              {"pytorch": 1.0, "jax": 0.0}),
    "hardtanh": ("", lambda x: min(max(x, -1.0), 1.0), [-1.0, 1.0],
                 {"pytorch": {-1.0: 0.0, 1.0: 0.0}, "jax": {-1.0: 1.0, 1.0: 1.0}},
                 {"pytorch": 1.0, "jax": 1.0}),
    "threshold": ("{threshold = 1.0 : f64, value = -2.0 : f64}", lambda x: -2.0 if x <= 1.0 else x,
                  [1.0], {"pytorch": {1.0: 0.0}, "jax": {1.0: 0.0}}, {"pytorch": 1.0, "jax": 1.0}),
    "hardsigmoid": ("", lambda x: min(max(x + 3, 0.0), 6.0) / 6, [-3.0, 3.0],
                    {"pytorch": {-3.0: 0.0, 3.0: 0.0}, "jax": {-3.0: 0.0, 3.0: 0.0}},
                    {"pytorch": 0.0, "jax": 0.0}),
    "hardswish": ("", lambda x: x * min(max(x + 3, 0.0), 6.0) / 6, [-3.0, 3.0],
                  {"pytorch": {-3.0: -0.5, 3.0: 1.5}, "jax": {-3.0: 0.0, 3.0: 1.0}},
                  {"pytorch": 1.0, "jax": None}),
    "elu": ("{alpha = 1.5 : f64}", lambda x: _elu(x, 1.5), [0.0],
            {"pytorch": {0.0: 1.5}, "jax": {0.0: 1.5}}, {"pytorch": 1.0, "jax": None}),
    "selu": ("", lambda x: _elu(x, SELU_ALPHA, SELU_SCALE), [0.0],
             {"pytorch": {0.0: SELU_ALPHA * SELU_SCALE}, "jax": {0.0: SELU_ALPHA * SELU_SCALE}},
             {"pytorch": SELU_SCALE, "jax": None}),
    # C1 at 0, but its second derivative jumps: a finite difference across 0
    # is off by O(h), so 0 is checked as a kink (slope 1).
    "celu": ("{alpha = 2.0 : f64}", lambda x: _elu(x, 2.0, 1.0, 0.5), [0.0],
             {"pytorch": {0.0: 1.0}, "jax": {0.0: 1.0}}, {"pytorch": 1.0, "jax": None}),
    "gelu": ("", lambda x: 0.5 * x * (1 + math.erf(x / math.sqrt(2))), [],
             {"pytorch": {}, "jax": {}}, {"pytorch": None, "jax": None}),
    "gelu_tanh": ("{approximate = #act.approximate<tanh>}",
                  lambda x: 0.5 * x * (1 + math.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3))),
                  [], {"pytorch": {}, "jax": {}}, {"pytorch": None, "jax": None}),
    "sigmoid": ("", _sigmoid, [], {"pytorch": {}, "jax": {}}, {"pytorch": None, "jax": None}),
    "tanh": ("", math.tanh, [], {"pytorch": {}, "jax": {}}, {"pytorch": None, "jax": None}),
    "silu": ("", lambda x: x * _sigmoid(x), [], {"pytorch": {}, "jax": {}},
             {"pytorch": None, "jax": None}),
    "swish": ("{beta = 1.5 : f64}", lambda x: x * _sigmoid(1.5 * x), [], {"pytorch": {}, "jax": {}},
              {"pytorch": None, "jax": None}),
    # PyTorch: slope 1 where beta x > threshold (a jump of ~2e-9 at 20 is below
    # the finite-difference resolution); JAX: no threshold.
    "softplus": ("", lambda x: _softplus(x), [], {"pytorch": {}, "jax": {}},
                 {"pytorch": None, "jax": None}),
    "mish": ("", lambda x: x * math.tanh(_softplus(x)), [], {"pytorch": {}, "jax": {}},
             {"pytorch": None, "jax": None}),
}

# The act op each name stands for.
OP = {"relu6": "clamp", "hardtanh": "clamp", "gelu_tanh": "gelu"}

# Activations with an output-based gradient, and with a mask-based one.
OUTPUT = ["relu", "leaky_relu", "elu", "selu", "celu", "sigmoid", "tanh"]
MASK = ["relu", "leaky_relu", "relu6", "hardtanh", "threshold", "hardsigmoid"]

XS = [-7.5, -3.0, -2.2, -1.0, -0.6, -0.0, 0.0, 0.3, 1.0, 1.7, 3.0, 4.5, 6.0, 9.0, 25.0]


def central_difference(f, x):
    h = 1e-5 * max(1.0, abs(x))
    return (f(x + h) - f(x - h)) / (2 * h), h
