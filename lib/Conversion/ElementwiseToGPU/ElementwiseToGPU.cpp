// Elementwise linalg.generic on memrefs -> gpu.func grid-stride kernels.
//
// Each generic becomes one kernel in a gpu.module and a gpu.launch_func in
// its place. The kernel walks the output's elements in row-major order:
//
//   head    = elements before the first one at which every contiguous
//             operand is aligned to a full vector (all of them when the
//             operands' misalignments differ),
//   vectors = (n - head) / lanes full vectors from there, `unroll` of them per
//             thread and iteration (all loads issued before any compute),
//   tail    = the rest.
//
// Head and tail elements share one scalar grid-stride loop. Vectors are as
// wide as `vector-bits` allows for the widest element type in memory (f32x4,
// f16x8, bf16x8 for 128 bits) and their loads and stores carry that
// alignment, which NVPTX turns into ld.global.v4 / st.global.v4. Operands
// that are not contiguous along the output's order (a per-channel prelu
// slope) are loaded element by element at the delinearized index, as are
// strided views: a view of a buffer (memref.subview, a GLU half of one
// [outer, 2 * channels, inner] buffer) is rebuilt in the kernel from the
// buffer it views (KernelValues.h, as the loop kernels recompute sizes), so
// that the launch passes only the caller's buffers and the kernel does the
// index arithmetic.
//
// The generic's body is cloned with cloneScalarBody (scalar or vector), the
// same utility the CPU vectorizer uses, so any arith/math body works alike:
// forward activations, derived gradients, fused chains.
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "KernelValues.h"
#include "LoopKernels.h"
#include "relu/Conversion/ElementwiseChecks.h"
#include "relu/Conversion/Passes.h"
#include "relu/Dialect/Act/IR/ActInterfaces.h"

namespace relu {
#define GEN_PASS_DEF_CONVERTELEMENTWISETOGPUPASS
#include "relu/Conversion/Passes.h.inc"
} // namespace relu

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kElementsPerThreadAttr = "relu.elements_per_thread";
constexpr llvm::StringLiteral kLanesAttr = "relu.lanes";

bool hasIdentityLayout(Value v) {
  return cast<MemRefType>(v.getType()).getLayout().isIdentity();
}

/// The buffer `v` is, looking through the results of loops that only pass
/// a buffer along (what bufferization leaves of the tensors a loop wrote).
Value bufferOf(Value v) {
  while (auto result = dyn_cast<OpResult>(v)) {
    auto loop = dyn_cast<scf::ForOp>(result.getOwner());
    if (!loop)
      break;
    unsigned i = result.getResultNumber();
    if (loop.getYieldedValues()[i] != loop.getRegionIterArgs()[i])
      break;
    v = loop.getInitArgs()[i];
  }
  return v;
}

/// Why `op` cannot become a GPU kernel, or an empty string if it can.
std::string checkConvertible(linalg::GenericOp op) {
  if (std::string why = relu::checkElementwiseGeneric(op); !why.empty())
    return why;
  for (Value operand : op.getOperands()) {
    if (isa<FloatType>(operand.getType()))
      continue; // a scalar input (a dynamic activation parameter)
    if (!isa<MemRefType>(operand.getType()))
      return "operands must be memrefs or float scalars";
    if (!hasIdentityLayout(operand) && !cast<MemRefType>(operand.getType()).isStrided())
      return "operands must have strided layouts";
  }
  return "";
}

/// Moves the constants a body uses from above into the body, so that it can
/// be cloned into an isolated kernel. Fails on other values from above.
LogicalResult sinkConstantsIntoBody(linalg::GenericOp op) {
  Block *body = op.getBody();
  OpBuilder b = OpBuilder::atBlockBegin(body);
  DenseMap<Value, Value> sunk;
  WalkResult result = body->walk([&](Operation *inner) {
    for (OpOperand &use : inner->getOpOperands()) {
      Value v = use.get();
      if (v.getParentBlock() == body)
        continue;
      if (auto it = sunk.find(v); it != sunk.end()) {
        use.set(it->second);
        continue;
      }
      Operation *def = v.getDefiningOp();
      if (!def || !def->hasTrait<OpTrait::ConstantLike>()) {
        op.emitOpError("cannot become a GPU kernel: its body uses a value "
                       "defined outside it that is not a constant");
        return WalkResult::interrupt();
      }
      Value clone = b.clone(*def)->getResult(0);
      sunk[v] = clone;
      use.set(clone);
    }
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

/// One operand of the kernel as the loops see it.
struct KernelOperand {
  Value memref;        // the flattened 1-D view for flat operands; for a
                       // scalar input, the scalar
  Value splat;         // a scalar input splatted to a vector (once per thread)
  bool scalar = false; // a scalar input (a dynamic activation parameter)
  AffineMap map;       // the original indexing map
  bool flat = false;   // identity map: contiguous in the output's order
  /// Strided views (GLU halves) with unit stride along the output's rows
  /// (its last dimension not statically 1): the dimension of those rows.
  std::optional<int64_t> rowDim;
  Type elementType;
  unsigned bytes = 0;  // element size in memory
};

/// Emits the body of one kernel.
class KernelBuilder {
public:
  /// `args`: the generic's operands as the kernel sees them (after the ops
  /// already at the end of its entry block).
  KernelBuilder(linalg::GenericOp op, gpu::GPUFuncOp kernel, ValueRange args,
                int64_t lanes, int64_t unroll)
      : op(op), lanes(lanes), unroll(unroll),
        b(OpBuilder::atBlockEnd(&kernel.front())), loc(op.getLoc()) {
    rank = op.getNumLoops();
    for (auto [arg, map] : llvm::zip(args, op.getIndexingMapsArray())) {
      KernelOperand operand;
      operand.map = map;
      operand.scalar = !isa<MemRefType>(arg.getType());
      operand.elementType = getElementTypeOrSelf(arg.getType());
      operand.bytes = operand.elementType.getIntOrFloatBitWidth() / 8;
      // A strided view (a GLU half of one buffer) is read at the
      // delinearized index, as a broadcast operand.
      operand.flat = rank > 0 && map.isIdentity() &&
                     (operand.scalar || hasIdentityLayout(arg));
      if (rank > 0 && !operand.scalar && !operand.flat && map.isIdentity())
        operand.rowDim = unitStrideRow(cast<MemRefType>(arg.getType()));
      operand.memref = arg;
      operands.push_back(operand);
    }
  }

  void build() {
    Value zero = idx(0);
    Value output = operands.back().memref;
    for (int64_t d = 0; d < rank; ++d)
      sizes.push_back(memref::DimOp::create(b, loc, output, d));
    Value total = sizes.empty() ? idx(1) : sizes.front();
    for (Value size : ArrayRef(sizes).drop_front())
      total = arith::MulIOp::create(b, loc, total, size);

    Value threadId = gpu::ThreadIdOp::create(b, loc, gpu::Dimension::x);
    Value blockId = gpu::BlockIdOp::create(b, loc, gpu::Dimension::x);
    Value blockDim = gpu::BlockDimOp::create(b, loc, gpu::Dimension::x);
    Value gridDim = gpu::GridDimOp::create(b, loc, gpu::Dimension::x);
    Value first = arith::AddIOp::create(
        b, loc, arith::MulIOp::create(b, loc, blockId, blockDim), threadId);
    Value stride = arith::MulIOp::create(b, loc, gridDim, blockDim);

    // Alignment is tested on the original pointers; flat operands are then
    // viewed as 1-D.
    Value head = total;
    if (lanes > 1)
      head = computeHead(total);
    if (rank > 1) {
      SmallVector<ReassociationIndices> all(1);
      for (int64_t d = 0; d < rank; ++d)
        all[0].push_back(d);
      for (KernelOperand &operand : operands)
        if (operand.flat)
          operand.memref = memref::CollapseShapeOp::create(b, loc, operand.memref, all);
    }

    if (lanes > 1)
      for (KernelOperand &operand : operands)
        if (operand.scalar)
          operand.splat = vector::BroadcastOp::create(
              b, loc, VectorType::get({lanes}, operand.elementType), operand.memref);

    Value tailStart = head;
    if (lanes > 1) {
      Value lanesValue = idx(lanes);
      Value numVectors = arith::DivUIOp::create(
          b, loc, arith::SubIOp::create(b, loc, total, head), lanesValue);
      Value unrolledEnd = zero;
      if (unroll > 1) {
        // Vectors [0, unrolledEnd) in blocks of `stride * unroll`: thread t
        // takes vectors base + u * stride for u < unroll.
        Value chunk = arith::MulIOp::create(b, loc, stride, idx(unroll));
        unrolledEnd = arith::SubIOp::create(
            b, loc, numVectors, arith::RemUIOp::create(b, loc, numVectors, chunk));
        auto loop = scf::ForOp::create(b, loc, first, unrolledEnd, chunk);
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToStart(loop.getBody());
        SmallVector<Value> starts;
        SmallVector<SmallVector<Value>> args;
        for (int64_t u = 0; u < unroll; ++u) {
          Value vector = arith::AddIOp::create(
              b, loc, loop.getInductionVar(),
              arith::MulIOp::create(b, loc, stride, idx(u)));
          starts.push_back(vectorStart(head, vector));
          args.push_back(loadVector(starts.back()));
        }
        for (int64_t u = 0; u < unroll; ++u)
          computeAndStore(args[u], starts[u], /*vector=*/true);
      }
      {
        // The remaining vectors, one per thread and iteration.
        Value begin = arith::AddIOp::create(b, loc, unrolledEnd, first);
        auto loop = scf::ForOp::create(b, loc, begin, numVectors, stride);
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToStart(loop.getBody());
        Value start = vectorStart(head, loop.getInductionVar());
        computeAndStore(loadVector(start), start, /*vector=*/true);
      }
      tailStart = arith::AddIOp::create(
          b, loc, head, arith::MulIOp::create(b, loc, numVectors, lanesValue));
    }

    // Head and tail: scalar element j < head is element j, the others are
    // tailStart + (j - head).
    Value numScalars = arith::AddIOp::create(
        b, loc, head, arith::SubIOp::create(b, loc, total, tailStart));
    auto loop = scf::ForOp::create(b, loc, first, numScalars, stride);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value j = loop.getInductionVar();
      Value element = j;
      if (lanes > 1) {
        Value inHead = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, j, head);
        Value inTail = arith::AddIOp::create(
            b, loc, tailStart, arith::SubIOp::create(b, loc, j, head));
        element = arith::SelectOp::create(b, loc, inHead, j, inTail);
      }
      computeAndStore(loadScalar(element), element, /*vector=*/false);
    }
    gpu::ReturnOp::create(b, loc);
  }

private:
  Value idx(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }

  Value vectorStart(Value head, Value vector) {
    return arith::AddIOp::create(b, loc, head,
                                 arith::MulIOp::create(b, loc, vector, idx(lanes)));
  }

  /// Number of leading elements to compute one at a time: up to the first
  /// element at which every flat operand is vector-aligned, or `total` when
  /// no such element exists (misalignments differ, or a pointer is not even
  /// element-aligned).
  Value computeHead(Value total) {
    Value lanesValue = idx(lanes);
    Value zero = idx(0);
    auto elementAddress = [&](const KernelOperand &operand) {
      Value address = memref::ExtractAlignedPointerAsIndexOp::create(b, loc, operand.memref);
      Value elementAligned = arith::CmpIOp::create(
          b, loc, arith::CmpIPredicate::eq,
          arith::RemUIOp::create(b, loc, address, idx(operand.bytes)), zero);
      return std::make_pair(arith::DivUIOp::create(b, loc, address, idx(operand.bytes)).getResult(),
                            Value(elementAligned));
    };
    auto [outElement, ok] = elementAddress(operands.back());
    // (lanes - outElement % lanes) % lanes
    Value head = arith::RemUIOp::create(
        b, loc,
        arith::SubIOp::create(b, loc, lanesValue,
                              arith::RemUIOp::create(b, loc, outElement, lanesValue)),
        lanesValue);
    for (const KernelOperand &operand : ArrayRef(operands).drop_back()) {
      if (!operand.flat)
        continue;
      auto [element, aligned] = elementAddress(operand);
      Value sameMisalignment = arith::CmpIOp::create(
          b, loc, arith::CmpIPredicate::eq,
          arith::RemUIOp::create(b, loc, arith::AddIOp::create(b, loc, element, head),
                                 lanesValue),
          zero);
      ok = arith::AndIOp::create(b, loc, ok, aligned);
      ok = arith::AndIOp::create(b, loc, ok, sameMisalignment);
    }
    Value clamped = arith::MinUIOp::create(b, loc, head, total);
    return arith::SelectOp::create(b, loc, ok, clamped, total);
  }

  /// The multi-dimensional index of row-major element `linear` for the
  /// dimensions `maps` use (others are left null).
  SmallVector<Value> delinearize(Value linear) {
    SmallVector<Value> indices(rank);
    Value rest = linear;
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (d == 0) {
        indices[d] = rest;
        break;
      }
      indices[d] = arith::RemUIOp::create(b, loc, rest, sizes[d]);
      rest = arith::DivUIOp::create(b, loc, rest, sizes[d]);
    }
    return indices;
  }

  Value loadAt(const KernelOperand &operand, Value linear) {
    if (operand.scalar)
      return operand.memref;
    if (operand.flat)
      return memref::LoadOp::create(b, loc, operand.memref, ValueRange{linear});
    SmallVector<Value> full = delinearize(linear);
    SmallVector<Value> indices;
    for (AffineExpr expr : operand.map.getResults()) {
      if (auto dim = dyn_cast<AffineDimExpr>(expr))
        indices.push_back(full[dim.getPosition()]);
      else
        indices.push_back(idx(0));
    }
    return memref::LoadOp::create(b, loc, operand.memref, indices);
  }

  SmallVector<Value> loadScalar(Value element) {
    SmallVector<Value> args;
    for (const KernelOperand &operand : ArrayRef(operands).drop_back())
      args.push_back(loadAt(operand, element));
    return args;
  }

  /// The output's last dimension not statically of size 1, where `view`
  /// has unit stride along it (a vector of the output within one such row
  /// is contiguous in `view`).
  std::optional<int64_t> unitStrideRow(MemRefType view) {
    auto outShape = cast<MemRefType>(op.getDpsInits()[0].getType()).getShape();
    int64_t row = rank - 1;
    while (row > 0 && outShape[row] == 1)
      --row;
    SmallVector<int64_t> strides;
    int64_t offset;
    if (failed(view.getStridesAndOffset(strides, offset)) || strides[row] != 1)
      return std::nullopt;
    return row;
  }

  /// A vector of non-flat `operand` from output element `start`, each lane
  /// at its delinearized index.
  Value loadLanes(const KernelOperand &operand, Value start, VectorType type) {
    SmallVector<Value> elements;
    for (int64_t l = 0; l < lanes; ++l)
      elements.push_back(
          loadAt(operand, l == 0 ? start : arith::AddIOp::create(b, loc, start, idx(l))));
    return vector::FromElementsOp::create(b, loc, type, elements);
  }

  /// A vector of a strided view with unit-stride rows (GLU halves) from
  /// output element `start`: where it lies within one row, its lanes follow
  /// the index of `start` along the row (one delinearization per vector);
  /// otherwise loadLanes.
  Value loadRowVector(const KernelOperand &operand, Value start, VectorType type) {
    int64_t row = *operand.rowDim;
    SmallVector<Value> first = delinearize(start);
    Value end = arith::AddIOp::create(b, loc, first[row], idx(lanes));
    Value inRow = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ule, end, sizes[row]);
    auto branch = scf::IfOp::create(b, loc, TypeRange{type}, inRow, /*withElseRegion=*/true);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(branch.thenBlock());
    SmallVector<Value> elements;
    SmallVector<Value> indices = first;
    for (int64_t l = 0; l < lanes; ++l) {
      if (l > 0)
        indices[row] = arith::AddIOp::create(b, loc, first[row], idx(l));
      elements.push_back(memref::LoadOp::create(b, loc, operand.memref, indices));
    }
    scf::YieldOp::create(b, loc, Value(vector::FromElementsOp::create(b, loc, type, elements)));
    b.setInsertionPointToStart(branch.elseBlock());
    scf::YieldOp::create(b, loc, loadLanes(operand, start, type));
    return branch.getResult(0);
  }

  SmallVector<Value> loadVector(Value start) {
    SmallVector<Value> args;
    for (const KernelOperand &operand : ArrayRef(operands).drop_back()) {
      auto type = VectorType::get({lanes}, operand.elementType);
      if (operand.scalar) {
        args.push_back(operand.splat);
        continue;
      }
      if (operand.flat) {
        args.push_back(vector::LoadOp::create(b, loc, type, operand.memref,
                                              ValueRange{start}, /*nontemporal=*/false,
                                              llvm::MaybeAlign(lanes * operand.bytes)));
        continue;
      }
      args.push_back(operand.rowDim ? loadRowVector(operand, start, type)
                                    : loadLanes(operand, start, type));
    }
    return args;
  }

  void computeAndStore(SmallVector<Value> args, Value start, bool vector) {
    if (args.empty()) {
      // A body reading no input (a constant fill): its argument is unused.
      Type element = operands.back().elementType;
      Type type = vector ? Type(VectorType::get({lanes}, element)) : element;
      args.push_back(zeroOf(type));
    } else {
      args.push_back(args.front()); // The output block argument is unused.
    }
    Value result = relu::act::cloneScalarBody(b, *op.getBody(), args);
    const KernelOperand &out = operands.back();
    if (rank > 0 && !out.flat) {
      // A strided output (a half of GLU halves' dx): each element at its
      // delinearized index.
      for (int64_t l = 0; l < (vector ? lanes : 1); ++l) {
        Value value = vector ? Value(vector::ExtractOp::create(b, loc, result, l)) : result;
        Value at = l == 0 ? start : arith::AddIOp::create(b, loc, start, idx(l)).getResult();
        memref::StoreOp::create(b, loc, value, out.memref, delinearize(at));
      }
      return;
    }
    if (vector)
      vector::StoreOp::create(b, loc, result, out.memref, ValueRange{start},
                              /*nontemporal=*/false,
                              llvm::MaybeAlign(lanes * out.bytes));
    else if (rank == 0)
      memref::StoreOp::create(b, loc, result, out.memref, ValueRange{});
    else
      memref::StoreOp::create(b, loc, result, out.memref, ValueRange{start});
  }

  Value zeroOf(Type type) {
    return arith::ConstantOp::create(b, loc, type,
                                     cast<TypedAttr>(b.getZeroAttr(type)));
  }

  linalg::GenericOp op;
  int64_t lanes, unroll, rank;
  OpBuilder b;
  Location loc;
  SmallVector<KernelOperand> operands;
  SmallVector<Value> sizes;
};

struct ConvertElementwiseToGPUPass
    : relu::impl::ConvertElementwiseToGPUPassBase<ConvertElementwiseToGPUPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    // Copies between buffers (a gradient that is dy itself, results that
    // bufferization computed once) become copy generics, hence kernels;
    // copies of a buffer onto itself are dropped.
    SmallVector<memref::CopyOp> copies;
    module.walk([&](memref::CopyOp op) {
      if (!op->getParentOfType<gpu::GPUModuleOp>())
        copies.push_back(op);
    });
    for (memref::CopyOp op : copies) {
      if (bufferOf(op.getSource()) != bufferOf(op.getTarget())) {
        OpBuilder b(op);
        linalg::makeMemRefCopyOp(b, op.getLoc(), op.getSource(), op.getTarget());
      }
      op.erase();
    }
    // Elementwise generics and act-derive-gradients' independent loops, in
    // program order (kernels are numbered in it).
    SmallVector<linalg::GenericOp> generics;
    SmallVector<Operation *> work;
    module.walk([&](Operation *op) {
      if (op->getParentOfType<gpu::GPUModuleOp>())
        return;
      if (auto generic = dyn_cast<linalg::GenericOp>(op)) {
        generics.push_back(generic);
        work.push_back(op);
      } else if (relu::isIndependentLoop(op)) {
        work.push_back(op);
      }
    });
    if (work.empty())
      return;
    for (linalg::GenericOp op : generics) {
      std::string reason = checkConvertible(op);
      if (!reason.empty()) {
        op.emitOpError("cannot become a GPU kernel: ") << reason;
        return signalPassFailure();
      }
      if (failed(sinkConstantsIntoBody(op)))
        return signalPassFailure();
    }
    if (blockSize < 1 || blockSize > 1024) {
      module.emitError("block-size must be in [1, 1024]");
      return signalPassFailure();
    }

    module->setAttr(gpu::GPUDialect::getContainerModuleAttrName(),
                    UnitAttr::get(&getContext()));
    SymbolTable moduleSymbols(module);
    auto gpuModule = dyn_cast_or_null<gpu::GPUModuleOp>(moduleSymbols.lookup(moduleName));
    if (!gpuModule) {
      OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
      gpuModule = gpu::GPUModuleOp::create(b, module.getLoc(), moduleName);
      moduleSymbols.insert(gpuModule);
    }
    SymbolTable kernelSymbols(gpuModule);

    DenseMap<Operation *, unsigned> kernelsPerFunction;
    for (Operation *item : work) {
      // Kernels are named after their function (relu-cc's kernel prefix
      // dropped) and numbered from the second one on.
      StringRef base = "kernel";
      Operation *parent = item->getParentOfType<FunctionOpInterface>();
      if (parent)
        base = cast<SymbolOpInterface>(parent).getName();
      base.consume_front("__relu_kernel_");
      unsigned ordinal = kernelsPerFunction[parent]++;
      std::string name = ordinal == 0 ? base.str() : (base + "_" + Twine(ordinal)).str();
      if (auto loop = dyn_cast<scf::ForOp>(item)) {
        if (failed(relu::convertIndependentLoop(loop, gpuModule, name, blockSize)))
          return signalPassFailure();
        continue;
      }
      auto op = cast<linalg::GenericOp>(item);

      int64_t widest = 8;
      for (Value operand : op.getOperands())
        widest = std::max<int64_t>(
            widest, getElementTypeOrSelf(operand.getType()).getIntOrFloatBitWidth());
      bool byteSized = llvm::all_of(op.getOperands(), [](Value v) {
        unsigned bits = getElementTypeOrSelf(v.getType()).getIntOrFloatBitWidth();
        return bits % 8 == 0 && llvm::isPowerOf2_32(bits);
      });
      int64_t lanes = byteSized && op.getNumLoops() > 0
                          ? std::max<int64_t>(1, vectorBits / widest)
                          : 1;
      int64_t vectors = unroll ? int64_t(unroll)
                               : std::clamp<int64_t>(16 / lanes, 1, 4);
      if (lanes == 1)
        vectors = 1;

      // The kernel takes the buffers (and scalars) and recomputes views of
      // them (GLU halves) and their sizes.
      relu::KernelValues values = relu::collectKernelValues(op.getOperands());
      ArrayRef<Value> launchOperands = values.arguments.getArrayRef();
      OpBuilder b(gpuModule.getContext());
      b.setInsertionPointToEnd(gpuModule.getBody());
      SmallVector<Type> argTypes(ValueRange(launchOperands).getTypes());
      auto kernel = gpu::GPUFuncOp::create(b, op.getLoc(), name,
                                           b.getFunctionType(argTypes, {}));
      kernel->setAttr(gpu::GPUDialect::getKernelFuncAttrName(), b.getUnitAttr());
      kernel.setKnownBlockSize(
          b.getDenseI32ArrayAttr({int32_t(blockSize), 1, 1}));
      kernel->setAttr(kElementsPerThreadAttr, b.getI64IntegerAttr(lanes * vectors));
      kernel->setAttr(kLanesAttr, b.getI64IntegerAttr(lanes));
      kernelSymbols.insert(kernel);
      IRMapping mapping;
      mapping.map(launchOperands, kernel.getArguments());
      {
        OpBuilder inKernel = OpBuilder::atBlockEnd(&kernel.front());
        for (Operation *recomputed : values.recomputed)
          inKernel.clone(*recomputed, mapping);
      }
      SmallVector<Value> args = llvm::map_to_vector(
          op.getOperands(), [&](Value v) { return mapping.lookup(v); });
      KernelBuilder(op, kernel, args, lanes, vectors).build();

      // The launch: enough blocks to give every thread one iteration.
      b.setInsertionPoint(op);
      Location loc = op.getLoc();
      Value output = op.getDpsInits()[0];
      Value total;
      for (int64_t d = 0, e = op.getNumLoops(); d < e; ++d) {
        Value size = memref::DimOp::create(b, loc, output, d);
        total = total ? arith::MulIOp::create(b, loc, total, size).getResult() : size;
      }
      if (!total)
        total = arith::ConstantIndexOp::create(b, loc, 1);
      Value perBlock = arith::ConstantIndexOp::create(b, loc, int64_t(blockSize) * lanes * vectors);
      Value one = arith::ConstantIndexOp::create(b, loc, 1);
      Value grid = arith::MaxUIOp::create(
          b, loc, arith::CeilDivUIOp::create(b, loc, total, perBlock), one);
      Value block = arith::ConstantIndexOp::create(b, loc, blockSize);
      gpu::LaunchFuncOp::create(b, loc, kernel, gpu::KernelDim3{grid, one, one},
                                gpu::KernelDim3{block, one, one},
                                /*dynamicSharedMemorySize=*/Value(),
                                launchOperands);
      op.erase();
      // What the kernel recomputes, where nothing else reads it.
      for (Operation *recomputed : llvm::reverse(values.recomputed))
        if (recomputed->use_empty())
          recomputed->erase();
    }
  }
};

} // namespace
