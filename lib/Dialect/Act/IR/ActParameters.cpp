// Float parameters of activations, static (attributes) or dynamic (scalar
// operands named by `dynamic_params`): lookup for the definitions and the
// verifier shared by every activation (docs/design.md, "Dynamic parameters").
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "relu/Dialect/Act/IR/ActInterfaces.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace relu::act;

SmallVector<StringRef> relu::act::getDynamicParameterNames(Operation *op) {
  SmallVector<StringRef> names;
  if (auto array = op->getAttrOfType<ArrayAttr>("dynamic_params"))
    for (Attribute name : array)
      if (auto string = dyn_cast<StringAttr>(name))
        names.push_back(string.getValue());
  return names;
}

OperandRange relu::act::getDynamicValues(Operation *op) {
  auto activation = dyn_cast<ActivationOpInterface>(op);
  if (!activation || activation.getParameterInfos().empty())
    return op->getOperands().drop_front(op->getNumOperands());
  return op->getOperands().drop_front();
}

std::optional<double> relu::act::getStaticParameter(ActivationOpInterface op,
                                                    StringRef name) {
  if (llvm::is_contained(getDynamicParameterNames(op), name))
    return std::nullopt;
  if (auto attr = op->getAttrOfType<FloatAttr>(name))
    return attr.getValueAsDouble();
  for (const ParameterInfo &info : op.getParameterInfos())
    if (name == info.name)
      return info.defaultValue;
  return std::nullopt;
}

Parameter relu::act::getParameter(ActivationOpInterface op, StringRef name,
                                  ValueRange args) {
  SmallVector<StringRef> dynamic = getDynamicParameterNames(op);
  if (auto it = llvm::find(dynamic, name); it != dynamic.end())
    return Parameter(args[1 + (it - dynamic.begin())]);
  std::optional<double> value = getStaticParameter(op, name);
  assert(value && "verified: every parameter has a value");
  return Parameter(*value);
}

LogicalResult relu::act::verifyParameters(ActivationOpInterface op) {
  ArrayRef<ParameterInfo> infos = op.getParameterInfos();
  auto names = op->getAttrOfType<ArrayAttr>("dynamic_params");
  size_t numNames = names ? names.size() : 0;
  size_t numValues = getDynamicValues(op).size();
  if (numNames != numValues)
    return op->emitOpError("has ") << numValues << " dynamic operand(s) but "
                                   << numNames << " name(s) in dynamic_params";
  llvm::StringSet<> seen;
  for (StringRef name : getDynamicParameterNames(op)) {
    const ParameterInfo *info = llvm::find_if(
        infos, [&](const ParameterInfo &i) { return name == i.name; });
    if (info == infos.end()) {
      SmallVector<StringRef> known;
      for (const ParameterInfo &i : infos)
        known.push_back(i.name);
      return op->emitOpError("has no float parameter '")
             << name << "' (parameters: " << llvm::join(known, ", ") << ")";
    }
    if (!seen.insert(name).second)
      return op->emitOpError("parameter '") << name << "' is dynamic twice";
    // The attribute is unused then; only a populated default may remain.
    auto attr = op->getAttrOfType<FloatAttr>(name);
    if (attr && (!info->defaultValue ||
                 attr.getValueAsDouble() != *info->defaultValue))
      return op->emitOpError("parameter '")
             << name << "' is given both as an attribute and as an operand";
  }
  for (const ParameterInfo &info : infos)
    if (!seen.contains(info.name) && !getStaticParameter(op, info.name))
      return op->emitOpError("requires parameter '")
             << info.name << "' (an attribute or a dynamic operand)";
  for (const ParameterRule &rule : op.getParameterRules()) {
    std::optional<double> lhs = getStaticParameter(op, rule.lhs);
    if (!lhs)
      continue;
    switch (rule.kind) {
    case ParameterRule::NotNaN:
      if (std::isnan(*lhs))
        return op->emitOpError() << rule.lhs << " must not be NaN";
      break;
    case ParameterRule::NonZero:
      if (*lhs == 0)
        return op->emitOpError() << rule.lhs << " must not be 0";
      break;
    case ParameterRule::NotGreater: {
      std::optional<double> rhs = getStaticParameter(op, rule.rhs);
      if (rhs && *lhs > *rhs)
        return op->emitOpError() << rule.lhs << " (" << *lhs << ") must not exceed "
                                 << rule.rhs << " (" << *rhs << ")";
      break;
    }
    }
  }
  return success();
}
