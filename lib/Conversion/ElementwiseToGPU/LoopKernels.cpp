// Independent-iteration scf.for loops -> grid-stride GPU kernels.
//
// act-derive-gradients writes the loops of the mask variants (one mask byte,
// 8 elements, per iteration at 128-bit vectors) and of operand gradients (one
// channel's sum per iteration) itself and marks them as having independent
// iterations. Here each such loop on memrefs becomes a kernel whose threads
// take its iterations in a grid-stride loop:
//
//   for (k = blockIdx.x * blockDim.x + threadIdx.x; k < iterations;
//        k += gridDim.x * blockDim.x)
//     body(lower + k * step)
//
// A mask thread thus writes whole bytes, and a channel's sum is added by one
// thread in the loop's own order: the results do not depend on the launch
// (deterministic, and equal to the CPU kernels' for the same vector width).
// Values the loop uses from above (sizes, bounds, constants) are recomputed in
// the kernel from the function arguments they derive from, so the launch takes
// only the entry point's buffers, as the elementwise kernels do.
#include "LoopKernels.h"

#include "KernelValues.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"
#include "relu/Dialect/Act/Transforms/Passes.h"

using namespace mlir;

bool relu::isIndependentLoop(Operation *op) {
  return isa<scf::ForOp>(op) && op->hasAttr(kIndependentIterationsAttrName);
}

/// ceil((upper - lower) / step), 0 when upper <= lower.
static Value iterationCount(OpBuilder &b, Location loc, Value lower, Value upper, Value step) {
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value above = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, upper, lower);
  Value span = arith::SelectOp::create(b, loc, above,
                                       arith::SubIOp::create(b, loc, upper, lower), zero);
  return arith::CeilDivUIOp::create(b, loc, span, step);
}

/// Drops iteration arguments that only pass a buffer along unchanged (what
/// bufferization leaves of the tensors the loop wrote).
static LogicalResult dropPassThroughArgs(scf::ForOp loop) {
  auto yield = cast<scf::YieldOp>(loop.getBody()->getTerminator());
  for (auto [init, arg, yielded, result] :
       llvm::zip(loop.getInitArgs(), loop.getRegionIterArgs(), yield.getOperands(),
                 loop.getResults())) {
    if (yielded != arg || !isa<MemRefType>(arg.getType()))
      return loop.emitOpError("cannot become a GPU kernel: its iterations carry values");
    arg.replaceAllUsesWith(init);
    result.replaceAllUsesWith(init);
  }
  return success();
}

LogicalResult relu::convertIndependentLoop(scf::ForOp loop, gpu::GPUModuleOp gpuModule,
                                           StringRef name, unsigned blockSize) {
  Location loc = loop.getLoc();
  if (failed(dropPassThroughArgs(loop)))
    return failure();
  auto func = loop->getParentOfType<FunctionOpInterface>();
  Block *entry = &func.getFunctionBody().front();

  // The values from above and what they are computed from: function
  // arguments (kernel arguments) and side-effect-free ops (recomputed).
  SetVector<Value> fromAbove;
  getUsedValuesDefinedAbove(loop.getRegion(), fromAbove);
  fromAbove.insert(loop.getLowerBound());
  fromAbove.insert(loop.getUpperBound());
  fromAbove.insert(loop.getStep());
  KernelValues values = collectKernelValues(fromAbove.getArrayRef());
  SmallVector<BlockArgument> args;
  for (Value v : values.arguments) {
    auto arg = dyn_cast<BlockArgument>(v);
    if (arg && arg.getOwner() == entry) {
      args.push_back(arg);
      continue;
    }
    if (arg)
      return loop.emitOpError("cannot become a GPU kernel: it uses a block argument "
                              "that is not its function's");
    Operation *def = v.getDefiningOp();
    if (isa<memref::AllocOp>(def))
      return loop.emitOpError("cannot become a GPU kernel: it reads a temporary buffer "
                              "(a value materialized between kernels); the GPU kernels read "
                              "and write only the entry point's buffers");
    return loop.emitOpError("cannot become a GPU kernel: it uses a value computed by '")
           << def->getName() << "', which the kernel cannot recompute";
  }
  llvm::sort(args, [](BlockArgument a, BlockArgument b) {
    return a.getArgNumber() < b.getArgNumber();
  });

  OpBuilder b(gpuModule.getContext());
  b.setInsertionPointToEnd(gpuModule.getBody());
  SmallVector<Type> types;
  for (BlockArgument arg : args)
    types.push_back(arg.getType());
  auto kernel = gpu::GPUFuncOp::create(b, loc, name, b.getFunctionType(types, {}));
  kernel->setAttr(gpu::GPUDialect::getKernelFuncAttrName(), b.getUnitAttr());
  kernel.setKnownBlockSize(b.getDenseI32ArrayAttr({int32_t(blockSize), 1, 1}));
  // A runtime sizing the grid from the element count gives every iteration
  // a thread: iterations <= elements / step (mask bytes), or <= elements
  // (channels).
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  kernel->setAttr("relu.elements_per_thread", b.getI64IntegerAttr(step ? *step : 1));

  OpBuilder kb = OpBuilder::atBlockBegin(&kernel.front());
  IRMapping mapping;
  for (auto [arg, kernelArg] : llvm::zip(args, kernel.getArguments()))
    mapping.map(arg, kernelArg);
  for (Operation *op : values.recomputed)
    kb.clone(*op, mapping);
  Value lower = mapping.lookup(loop.getLowerBound());
  Value stepValue = mapping.lookup(loop.getStep());
  Value count = iterationCount(kb, loc, lower, mapping.lookup(loop.getUpperBound()), stepValue);
  Value thread = gpu::ThreadIdOp::create(kb, loc, gpu::Dimension::x);
  Value block = gpu::BlockIdOp::create(kb, loc, gpu::Dimension::x);
  Value blockDim = gpu::BlockDimOp::create(kb, loc, gpu::Dimension::x);
  Value gridDim = gpu::GridDimOp::create(kb, loc, gpu::Dimension::x);
  Value first = arith::AddIOp::create(kb, loc, arith::MulIOp::create(kb, loc, block, blockDim),
                                      thread);
  Value stride = arith::MulIOp::create(kb, loc, gridDim, blockDim);
  auto threads = scf::ForOp::create(kb, loc, first, count, stride);
  {
    OpBuilder::InsertionGuard guard(kb);
    kb.setInsertionPointToStart(threads.getBody());
    Value iv = arith::AddIOp::create(
        kb, loc, lower, arith::MulIOp::create(kb, loc, threads.getInductionVar(), stepValue));
    mapping.map(loop.getInductionVar(), iv);
    for (Operation &op : loop.getBody()->without_terminator())
      kb.clone(op, mapping);
  }
  gpu::ReturnOp::create(kb, loc);

  // The launch: enough blocks for one iteration per thread.
  OpBuilder hb(loop);
  Value one = arith::ConstantIndexOp::create(hb, loc, 1);
  Value iterations = iterationCount(hb, loc, loop.getLowerBound(), loop.getUpperBound(),
                                    loop.getStep());
  Value grid = arith::MaxUIOp::create(
      hb, loc,
      arith::CeilDivUIOp::create(hb, loc, iterations,
                                 arith::ConstantIndexOp::create(hb, loc, blockSize)),
      one);
  Value blockSizeValue = arith::ConstantIndexOp::create(hb, loc, blockSize);
  SmallVector<Value> operands(args.begin(), args.end());
  gpu::LaunchFuncOp::create(hb, loc, kernel, gpu::KernelDim3{grid, one, one},
                            gpu::KernelDim3{blockSizeValue, one, one},
                            /*dynamicSharedMemorySize=*/Value(), operands);
  loop.erase();
  return success();
}
