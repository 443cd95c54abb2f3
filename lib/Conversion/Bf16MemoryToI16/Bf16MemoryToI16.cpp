// bf16 loads and stores in the LLVM dialect -> i16 loads and stores plus
// bitcasts, for targets without native bf16 (see Passes.td).
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"
#include "relu/Conversion/Passes.h"

namespace relu {
#define GEN_PASS_DEF_CONVERTBF16MEMORYTOI16PASS
#include "relu/Conversion/Passes.h.inc"
} // namespace relu

using namespace mlir;

namespace {

/// `type` with i16 for bf16 elements, or null if it holds no bf16.
Type asI16(Type type) {
  if (!getElementTypeOrSelf(type).isBF16())
    return nullptr;
  auto i16 = IntegerType::get(type.getContext(), 16);
  if (auto vector = dyn_cast<VectorType>(type))
    return vector.clone(i16);
  return i16;
}

/// Makes `result` (of bf16 type) i16 and gives its users a bitcast back.
void retypeResult(OpBuilder &b, Value result, Type i16Type) {
  Type bf16Type = result.getType();
  result.setType(i16Type);
  b.setInsertionPointAfterValue(result);
  auto cast = LLVM::BitcastOp::create(b, result.getLoc(), bf16Type, result);
  result.replaceAllUsesExcept(cast, cast);
}

/// Replaces operand `operand` (of bf16 type) by its bitcast to i16, or by
/// an i16 constant for a dense constant (a masked load's pass-through).
void retypeOperand(OpBuilder &b, OpOperand &operand, Type i16Type) {
  Location loc = operand.getOwner()->getLoc();
  b.setInsertionPoint(operand.getOwner());
  DenseElementsAttr dense;
  if (matchPattern(operand.get(), m_Constant(&dense)))
    operand.set(LLVM::ConstantOp::create(
        b, loc, i16Type, dense.bitcast(getElementTypeOrSelf(i16Type))));
  else
    operand.set(LLVM::BitcastOp::create(b, loc, i16Type, operand.get()));
}

struct ConvertBf16MemoryToI16Pass
    : relu::impl::ConvertBf16MemoryToI16PassBase<ConvertBf16MemoryToI16Pass> {
  void runOnOperation() override {
    OpBuilder b(&getContext());
    getOperation()->walk([&](Operation *op) {
      if (auto load = dyn_cast<LLVM::LoadOp>(op)) {
        if (Type i16 = asI16(load.getType()))
          retypeResult(b, load.getResult(), i16);
      } else if (auto load = dyn_cast<LLVM::MaskedLoadOp>(op)) {
        if (Type i16 = asI16(load.getType())) {
          if (load.getPassThru())
            retypeOperand(b, load.getPassThruMutable()[0], i16);
          retypeResult(b, load.getResult(), i16);
        }
      } else if (auto store = dyn_cast<LLVM::StoreOp>(op)) {
        if (Type i16 = asI16(store.getValue().getType()))
          retypeOperand(b, store.getValueMutable(), i16);
      } else if (auto store = dyn_cast<LLVM::MaskedStoreOp>(op)) {
        if (Type i16 = asI16(store.getValue().getType()))
          retypeOperand(b, store.getValueMutable(), i16);
      }
    });
  }
};

} // namespace
