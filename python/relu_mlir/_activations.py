"""The activations relu_mlir exposes and how they map onto relu-cc quick specs.

A quick spec is an act op name and its parameters in order (relu-cc
--activation): ``leaky_relu:0.01``, ``gelu:tanh``, ``clamp:0:6``. relu_mlir
always spells every parameter out, so one set of parameter values has one
spec and one kernel name, whatever defaults the caller relied on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple

from ._errors import UnsupportedAttributeError

#: relu-cc's element type names, in the order relu_mlir compiles them.
DTYPES = ("f16", "bf16", "f32", "f64")


@dataclass(frozen=True)
class Param:
    """One parameter of an act op, in the quick spec's positional order."""

    name: str
    default: Any = None  # None: required
    choices: Optional[Tuple[str, ...]] = None  # enum parameters (gelu's approximate)

    def normalize(self, value: Any, activation: str) -> Any:
        if self.choices is not None:
            if isinstance(value, bool):  # JAX: gelu(approximate=True)
                value = "tanh" if value else "none"
            if value in ("erf", "exact"):
                value = "none"
            if value not in self.choices:
                raise UnsupportedAttributeError(
                    f"{activation}: {self.name}={value!r} is not supported "
                    f"(choose one of {', '.join(map(repr, self.choices))})")
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "__float__"):
            raise UnsupportedAttributeError(
                f"{activation}: {self.name} must be a number, got {value!r}")
        try:
            number = float(value)
        except (TypeError, ValueError) as e:  # e.g. a traced jax value
            raise UnsupportedAttributeError(
                f"{activation}: {self.name} must be a Python number known when the "
                f"kernel is compiled (it is compiled into the kernel), got {value!r}") from e
        if math.isnan(number):
            raise UnsupportedAttributeError(f"{activation}: {self.name} must not be NaN")
        return number


def spell(value: Any) -> str:
    """A parameter as relu-cc reads it back exactly."""
    if isinstance(value, str):
        return value
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(float(value))


@dataclass(frozen=True)
class Activation:
    """An activation: its relu_mlir name, act op and parameters."""

    name: str
    op: str
    params: Tuple[Param, ...] = ()
    #: Fixed leading parameters (relu6 is clamp:0:6, hard_tanh is clamp:-1:1).
    fixed: Tuple[float, ...] = ()
    #: prelu: x plus a per-channel slope (a Channel kernel).
    channel: bool = False
    doc: str = ""

    def bind(self, kwargs: Mapping[str, Any]) -> Tuple[Any, ...]:
        """Parameter values (normalized, defaults filled in) from keyword arguments."""
        unknown = set(kwargs) - {p.name for p in self.params}
        if unknown:
            accepted = ", ".join(p.name for p in self.params) or "none"
            raise UnsupportedAttributeError(
                f"{self.name}: unknown parameter(s) {', '.join(sorted(unknown))} "
                f"(accepted: {accepted})")
        values = []
        for p in self.params:
            if p.name in kwargs and kwargs[p.name] is not None:
                values.append(p.normalize(kwargs[p.name], self.name))
            elif p.default is None:
                raise UnsupportedAttributeError(f"{self.name}: parameter {p.name} is required")
            else:
                values.append(p.normalize(p.default, self.name))
        return tuple(values)

    def spec(self, values: Sequence[Any], dynamic: bool = False) -> str:
        """The relu-cc quick spec for these parameter values; with `dynamic`, the
        float parameters are `?` (run-time arguments of the kernel, see
        runtime_values): one kernel for every value."""
        parts = [self.op] + [spell(v) for v in self.fixed] + [
            "?" if dynamic and p.choices is None else spell(v)
            for p, v in zip(self.params, values)]
        return ":".join(parts)

    def runtime_values(self, values: Sequence[Any]) -> Tuple[float, ...]:
        """The float parameters, in the order of a dynamic kernel's C arguments."""
        return tuple(float(v) for p, v in zip(self.params, values) if p.choices is None)

    def attributes(self, values: Sequence[Any]) -> Dict[str, Any]:
        """The parameters as the act op's attributes (what the XLA handler checks)."""
        names = self.attribute_names()
        return dict(zip(names, list(self.fixed) + list(values)))

    def attribute_names(self) -> Tuple[str, ...]:
        fixed_names = {"clamp": ("min", "max")}.get(self.op, ())
        return tuple(fixed_names[: len(self.fixed)]) + tuple(p.name for p in self.params)


def _mlir_attribute(value: Any, name: str) -> str:
    if isinstance(value, str):  # the dialect's enums: gelu's approximate
        return f"#act.{name}<{value}>"
    if math.isinf(value):
        return ("0x7FF0000000000000" if value > 0 else "0xFFF0000000000000") + " : f64"
    return "%.17e : f64" % value


def backward_kernel_name(spec: str, dtype: str, conventions: str) -> str:
    """The entry point of relu_mlir's backward kernel for a quick spec."""
    return kernel_name(spec, "").rstrip("_") + f"_backward_{conventions}_{dtype}"


def backward_mlir(activation: "Activation", values: Sequence[Any], dtypes: Sequence[str],
                  conventions: str = "jax", dynamic: bool = False) -> str:
    """An MLIR module with one backward kernel per dtype, dx = act.grad(dy, x), the
    derivative of the activation's definition (issue 4's derived gradients: relu-cc
    differentiates it, nothing is written here), in the given conventions. With
    `dynamic`, the float parameters are run-time arguments named as the act op's
    parameters (act.grad's further scalar operands): one kernel for every value.
    prelu's kernel, a Channel kernel on [outer, channels, inner], also returns d
    slope (act.grad's gradient of its slope operand, summed over outer and inner)."""
    dynamic_names = [p.name for p in activation.params if dynamic and p.choices is None]
    attrs = ", ".join(f"{n} = {_mlir_attribute(v, n)}"
                      for n, v in activation.attributes(values).items()
                      if n not in dynamic_names)
    attrs = " {" + attrs + "}" if attrs else ""
    spec = activation.spec(values, dynamic)
    out = []
    for dtype in dtypes:
        if activation.channel:
            t, s = f"tensor<?x?x?x{dtype}>", f"tensor<?x{dtype}>"
            out.append(
                f"func.func @{backward_kernel_name(spec, dtype, conventions)}(%dy: {t}, %x: {t}, "
                f"%s: {s}) -> ({t}, {s}) {{\n"
                f"  %dx, %ds = act.grad %dy, input %x, %s {{conventions = "
                f"#act.conventions<{conventions}>}} : {t}, {t}, {s} -> {s} {{\n"
                f"  ^bb0(%a: {t}, %b: {s}):\n"
                f"    %y = act.{activation.op} %a, %b {{channel_dim = 1 : i64}} : {t}, {s}\n"
                f"    act.yield %y : {t}\n"
                f"  }}\n"
                f"  return %dx, %ds : {t}, {s}\n"
                f"}}\n")
            continue
        t = f"tensor<?x{dtype}>"
        s = "f64" if dtype == "f64" else "f32"  # the compute type
        args = "".join(f", %{n}: {s}" for n in dynamic_names)
        operands = "".join(f", %{n}" for n in dynamic_names)
        types = "".join(f", {s}" for _ in dynamic_names)
        block_args = "".join(f", %b_{n}: {s}" for n in dynamic_names)
        uses = "".join(f" {n}(%b_{n} : {s})" for n in dynamic_names)
        out.append(
            f"func.func @{backward_kernel_name(spec, dtype, conventions)}(%dy: {t}, %x: {t}{args}) -> {t} {{\n"
            f"  %dx = act.grad %dy, input %x{operands} {{conventions = #act.conventions<{conventions}>}}"
            f" : {t}, {t}{types} {{\n"
            f"  ^bb0(%a: {t}{block_args}):\n"
            f"    %y = act.{activation.op} %a{uses}{attrs} : {t}\n"
            f"    act.yield %y : {t}\n"
            f"  }}\n"
            f"  return %dx : {t}\n"
            f"}}\n")
    return "".join(out)


def kernel_name(spec: str, dtype: str) -> str:
    """relu-cc's entry-point name for a quick spec and dtype (QuickSpec.cpp)."""
    return "".join("_" if c == ":" else "p" if c == "." else "m" if c == "-" else
                   "dyn" if c == "?" else c for c in spec) + "_" + dtype


_F = Param  # brevity below

ACTIVATIONS: Dict[str, Activation] = {a.name: a for a in [
    Activation("relu", "relu", doc="max(x, 0)"),
    Activation("relu6", "clamp", fixed=(0.0, 6.0), doc="min(max(x, 0), 6)"),
    Activation("leaky_relu", "leaky_relu", (_F("negative_slope", 0.01),),
               doc="x > 0 ? x : negative_slope * x"),
    Activation("hard_tanh", "clamp", fixed=(-1.0, 1.0), doc="clamp(x, -1, 1)"),
    Activation("clamp", "clamp", (_F("min", -1.0), _F("max", 1.0)), doc="clamp(x, min, max)"),
    Activation("threshold", "threshold", (_F("threshold"), _F("value")),
               doc="x <= threshold ? value : x"),
    Activation("hard_sigmoid", "hardsigmoid", doc="relu6(x + 3) / 6"),
    Activation("hard_swish", "hardswish", doc="x * relu6(x + 3) / 6"),
    Activation("elu", "elu", (_F("alpha", 1.0),), doc="x > 0 ? x : alpha * expm1(x)"),
    Activation("selu", "selu", doc="scale * elu(x, alpha) with SELU's constants"),
    Activation("celu", "celu", (_F("alpha", 1.0),), doc="x > 0 ? x : alpha * expm1(x / alpha)"),
    Activation("gelu", "gelu", (_F("approximate", "none", ("none", "tanh")),),
               doc="x * Phi(x), exact (erf) or tanh-approximated"),
    Activation("sigmoid", "sigmoid", doc="1 / (1 + exp(-x))"),
    Activation("tanh", "tanh", doc="tanh(x)"),
    Activation("silu", "silu", doc="x * sigmoid(x)"),
    Activation("swish", "swish", (_F("beta", 1.0),), doc="x * sigmoid(beta * x)"),
    Activation("softplus", "softplus", (_F("beta", 1.0), _F("threshold", 20.0)),
               doc="beta * x > threshold ? x : log1p(exp(beta * x)) / beta"),
    Activation("mish", "mish", doc="x * tanh(softplus(x))"),
    Activation("prelu", "prelu", channel=True, doc="x > 0 ? x : slope[c] * x"),
]}

#: Aliases (JAX names).
ALIASES = {"hard_silu": "hard_swish"}


def lookup(name: str) -> Activation:
    try:
        return ACTIVATIONS[ALIASES.get(name, name)]
    except KeyError:
        raise UnsupportedAttributeError(
            f"unknown activation {name!r} (known: {', '.join(sorted(ACTIVATIONS))})") from None


def default_specs() -> Tuple[str, ...]:
    """Quick specs of every activation with default parameters (one library)."""
    specs = []
    for a in ACTIVATIONS.values():
        if any(p.default is None for p in a.params):
            continue
        spec = a.spec(a.bind({}))
        if spec not in specs:
            specs.append(spec)
        if a.name == "gelu":  # both GELU forms
            specs.append(a.spec(a.bind({"approximate": "tanh"})))
        if a.name == "softplus":  # relu_mlir.jax.softplus (JAX_SOFTPLUS_THRESHOLD)
            specs.append(a.spec(a.bind({"threshold": 40.0})))
    return tuple(specs)
