// Host values a GPU kernel recomputes from its arguments: the kernels of
// convert-elementwise-to-gpu take only buffers (and scalars) the host
// function has, and compute sizes, constants and views of those buffers (a
// GLU's two halves of one buffer) themselves.
#include "KernelValues.h"

#include "mlir/Analysis/TopologicalSortUtils.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

using namespace mlir;

relu::KernelValues relu::collectKernelValues(ValueRange roots) {
  KernelValues values;
  SetVector<Operation *> slice;
  // Depth first from each root in turn: arguments in the order the roots
  // reach them.
  SmallVector<Value> worklist(llvm::reverse(roots));
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    Operation *def = v.getDefiningOp();
    if (!def || def->getNumRegions() != 0 || !isMemoryEffectFree(def)) {
      values.arguments.insert(v);
      continue;
    }
    if (slice.insert(def))
      llvm::append_range(worklist, llvm::reverse(def->getOperands()));
  }
  values.recomputed = topologicalSort(slice).takeVector();
  return values;
}
