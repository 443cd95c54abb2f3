// Test support: runs the kernels of convert-elementwise-to-gpu on the CPU.
//
// Each gpu.func becomes a private func.func taking the thread and block ids
// and dimensions as extra arguments; each gpu.launch_func becomes loops over
// blocks and threads calling it. The kernels have no barriers, shared memory
// or inter-thread communication, so running the threads one after another is
// a faithful emulation: the same kernel IR (grid-stride loops, unaligned head,
// unrolled vectors, tail, delinearized broadcast loads) then runs through the
// CPU lowering, where tests can execute it without a GPU. At most
// `max-blocks` blocks are emulated, so that threads loop several times.
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "relu/Conversion/Passes.h"

namespace relu {
#define GEN_PASS_DEF_EMULATEGPUONCPUPASS
#include "relu/Conversion/Passes.h.inc"
} // namespace relu

using namespace mlir;

namespace {

struct EmulateGPUOnCPUPass
    : relu::impl::EmulateGPUOnCPUPassBase<EmulateGPUOnCPUPass> {
  using Base::Base;

  /// The public function __relu_emulated_<kernel>(kernel arguments) running
  /// `emulated` on max-blocks blocks of the kernel's known block size (a fake
  /// CUDA driver calls it for a launch of that kernel; the kernels are
  /// grid-stride loops, so any grid computes the same).
  void exportKernel(ModuleOp module, gpu::GPUFuncOp kernel, func::FuncOp emulated) {
    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
    Location loc = kernel.getLoc();
    auto func = func::FuncOp::create(b, loc, ("__relu_emulated_" + kernel.getName()).str(),
                                     b.getFunctionType(kernel.getArgumentTypes(), {}));
    Block *entry = func.addEntryBlock();
    b.setInsertionPointToStart(entry);
    auto known = kernel.getKnownBlockSizeAttr();
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    Value grid = arith::ConstantIndexOp::create(b, loc, maxBlocks);
    Value block = arith::ConstantIndexOp::create(b, loc, known ? known[0] : 256);
    scf::buildLoopNest(b, loc, ValueRange{zero, zero}, ValueRange{grid, block},
                       ValueRange{one, one},
                       [&](OpBuilder &nested, Location nestedLoc, ValueRange ivs) {
                         SmallVector<Value> args(entry->getArguments());
                         args.append({ivs[1], ivs[0], block, grid});
                         func::CallOp::create(nested, nestedLoc, emulated, args);
                       });
    func::ReturnOp::create(b, loc);
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *context = &getContext();
    Type index = IndexType::get(context);
    llvm::StringMap<func::FuncOp> emulated;

    SmallVector<gpu::GPUModuleOp> gpuModules(module.getOps<gpu::GPUModuleOp>());
    for (gpu::GPUModuleOp gpuModule : gpuModules) {
      for (auto kernel : gpuModule.getOps<gpu::GPUFuncOp>()) {
        // (args..., thread id, block id, block dim, grid dim)
        SmallVector<Type> types(kernel.getArgumentTypes());
        types.append(4, index);
        OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
        std::string name = (gpuModule.getName() + "__" + kernel.getName()).str();
        auto func = func::FuncOp::create(b, kernel.getLoc(), name,
                                         b.getFunctionType(types, {}));
        func.setPrivate();
        Block *entry = func.addEntryBlock();
        IRMapping mapping;
        mapping.map(kernel.getArguments(),
                    entry->getArguments().take_front(kernel.getNumArguments()));
        Value threadId = entry->getArgument(kernel.getNumArguments());
        Value blockId = entry->getArgument(kernel.getNumArguments() + 1);
        Value blockDim = entry->getArgument(kernel.getNumArguments() + 2);
        Value gridDim = entry->getArgument(kernel.getNumArguments() + 3);
        if (!kernel.getBody().hasOneBlock()) {
          kernel.emitOpError("has several blocks; only single-block kernels can be emulated");
          return signalPassFailure();
        }
        b.setInsertionPointToStart(entry);
        for (Operation &op : kernel.getBody().front()) {
          std::optional<gpu::Dimension> dimension;
          Value replacement;
          if (auto id = dyn_cast<gpu::ThreadIdOp>(op))
            dimension = id.getDimension(), replacement = threadId;
          else if (auto id = dyn_cast<gpu::BlockIdOp>(op))
            dimension = id.getDimension(), replacement = blockId;
          else if (auto dim = dyn_cast<gpu::BlockDimOp>(op))
            dimension = dim.getDimension(), replacement = blockDim;
          else if (auto dim = dyn_cast<gpu::GridDimOp>(op))
            dimension = dim.getDimension(), replacement = gridDim;
          if (dimension) {
            if (*dimension != gpu::Dimension::x) {
              op.emitOpError("only the x dimension can be emulated");
              return signalPassFailure();
            }
            mapping.map(op.getResult(0), replacement);
            continue;
          }
          if (isa<gpu::ReturnOp>(op)) {
            func::ReturnOp::create(b, op.getLoc());
            continue;
          }
          b.clone(op, mapping);
        }
        emulated[name] = func;
        exportKernel(module, kernel, func);
      }
    }

    SmallVector<gpu::LaunchFuncOp> launches;
    module.walk([&](gpu::LaunchFuncOp op) { launches.push_back(op); });
    for (gpu::LaunchFuncOp launch : launches) {
      std::string name = (launch.getKernelModuleName().getValue() + "__" +
                          launch.getKernelName().getValue())
                             .str();
      auto func = emulated.lookup(name);
      if (!func) {
        launch.emitOpError("launches an unknown kernel");
        return signalPassFailure();
      }
      OpBuilder b(launch);
      Location loc = launch.getLoc();
      Value zero = arith::ConstantIndexOp::create(b, loc, 0);
      Value one = arith::ConstantIndexOp::create(b, loc, 1);
      Value grid = arith::MinUIOp::create(
          b, loc, launch.getGridSizeX(), arith::ConstantIndexOp::create(b, loc, maxBlocks));
      Value block = launch.getBlockSizeX();
      SmallVector<Value> operands(launch.getKernelOperands());
      scf::buildLoopNest(b, loc, ValueRange{zero, zero}, ValueRange{grid, block},
                         ValueRange{one, one},
                         [&](OpBuilder &nested, Location nestedLoc, ValueRange ivs) {
                           SmallVector<Value> args(operands);
                           args.append({ivs[1], ivs[0], block, grid});
                           func::CallOp::create(nested, nestedLoc, func, args);
                         });
      launch.erase();
    }
    for (gpu::GPUModuleOp gpuModule : gpuModules)
      gpuModule.erase();
    module->removeAttr(gpu::GPUDialect::getContainerModuleAttrName());
  }
};

} // namespace
