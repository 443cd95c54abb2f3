// Public functions on tensors -> destination-passing kernels on memrefs:
//   func @k(%x: tensor<?xT>) -> tensor<?xT>
// becomes
//   func @__relu_kernel_k(%x: memref<?xT>, %y: memref<?xT>)
// whose body reads %x through bufferization.to_tensor and writes the result
// into %y with bufferization.materialize_in_destination, so that one-shot
// bufferization (after empty-tensor elimination) computes in place in %y.
#include "relu/Target/KernelABI.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;

std::string relu::kernelSymbol(StringRef name) {
  return ("__relu_kernel_" + name).str();
}

std::string relu::cTypeName(Type type) {
  if (type.isF32()) return "float";
  if (type.isF64()) return "double";
  if (type.isF16()) return "relu_f16_t";
  return "relu_bf16_t";
}

std::string relu::dtypeName(Type type) {
  if (type.isF32()) return "f32";
  if (type.isF64()) return "f64";
  if (type.isF16()) return "f16";
  return "bf16";
}

std::string relu::entryParameters(const KernelInfo &k) {
  SmallVector<std::string> params;
  for (auto [i, in] : llvm::enumerate(k.inputs))
    params.push_back(llvm::formatv("const {0} *in{1}", cTypeName(in.elementType), i));
  params.push_back(llvm::formatv("{0} *out", cTypeName(k.outputElementType)));
  if (k.kind == KernelKind::Elementwise)
    params.push_back("int64_t n");
  else
    params.append({"int64_t outer", "int64_t channels", "int64_t inner"});
  return llvm::join(params, ", ");
}

static bool isKernelElementType(Type type) {
  return type.isF16() || type.isBF16() || type.isF32() || type.isF64();
}

/// Classifies `func`'s signature, or emits an error explaining the ABI.
static FailureOr<relu::KernelInfo> classify(func::FuncOp func) {
  auto fail = [&]() {
    func.emitError("kernel @")
        << func.getSymName()
        << " does not fit the kernel ABI: expected either 1-D tensors of one "
           "length (elementwise), or a 3-D [outer, channels, inner] input "
           "and result with 1-D per-channel operands; element types f16, "
           "bf16, f32 or f64; one result";
    return failure();
  };
  FunctionType type = func.getFunctionType();
  if (type.getNumResults() != 1 || type.getNumInputs() == 0 ||
      func.isExternal() || !func.getBody().hasOneBlock())
    return fail();
  auto result = dyn_cast<RankedTensorType>(type.getResult(0));
  if (!result || !isKernelElementType(result.getElementType()))
    return fail();
  relu::KernelInfo info;
  info.name = func.getSymName().str();
  info.outputElementType = result.getElementType();
  info.outputShape = llvm::to_vector(result.getShape());
  if (result.getRank() == 1)
    info.kind = relu::KernelKind::Elementwise;
  else if (result.getRank() == 3)
    info.kind = relu::KernelKind::Channel;
  else
    return fail();
  for (auto [index, input] : llvm::enumerate(type.getInputs())) {
    auto tensor = dyn_cast<RankedTensorType>(input);
    if (!tensor || !isKernelElementType(tensor.getElementType()))
      return fail();
    relu::KernelOperand operand{tensor.getElementType()};
    bool main = info.kind == relu::KernelKind::Elementwise || index == 0;
    if (main) {
      if (tensor.getRank() != result.getRank())
        return fail();
      for (auto [a, b] : llvm::zip(tensor.getShape(), result.getShape()))
        if (ShapedType::isStatic(a) && ShapedType::isStatic(b) && a != b)
          return fail();
    } else {
      if (tensor.getRank() != 1)
        return fail();
      operand.perChannel = true;
      operand.broadcastScalar = tensor.getDimSize(0) == 1;
    }
    info.inputs.push_back(operand);
  }
  llvm::raw_string_ostream description(info.description);
  func.walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (op->getName().getStringRef() == "act.grad") {
      // Backward kernels: the forward activation follows.
      std::string source;
      llvm::raw_string_ostream(source) << op->getAttr("source");
      bool fromOutput = StringRef(source).contains("output");
      description << "act.grad " << op->getAttrDictionary()
                  << "\n  backward: out = dx = in0 * f'(x), in0 = dy, in1 = "
                  << (fromOutput ? "the forward output y = f(x)" : "the forward input x")
                  << ", f:\n";
    } else if (op->getDialect() && op->getDialect()->getNamespace() == "act" &&
               op->getNumRegions() == 0 && op->getName().getStringRef() != "act.yield") {
      description << op->getName();
      if (!op->getAttrDictionary().empty())
        description << " " << op->getAttrDictionary();
      description << "\n";
    } else if (op->getName().getStringRef() == "act.custom") {
      description << "act.custom (user-defined)\n";
    }
  });
  return info;
}

/// Replaces `func` by its destination-passing memref form.
static void rewrite(func::FuncOp func, const relu::KernelInfo &info) {
  OpBuilder builder(func);
  Location loc = func.getLoc();
  SmallVector<Type> argTypes;
  for (Type input : func.getArgumentTypes()) {
    auto tensor = cast<RankedTensorType>(input);
    argTypes.push_back(MemRefType::get(tensor.getShape(), tensor.getElementType()));
  }
  auto result = cast<RankedTensorType>(func.getResultTypes()[0]);
  argTypes.push_back(MemRefType::get(result.getShape(), result.getElementType()));
  auto kernel = func::FuncOp::create(builder, loc, relu::kernelSymbol(info.name),
                                     builder.getFunctionType(argTypes, {}));
  Block *body = kernel.addEntryBlock();
  builder.setInsertionPointToStart(body);

  IRMapping mapping;
  for (auto [tensorArg, memrefArg] :
       llvm::zip(func.getArguments(), body->getArguments().drop_back())) {
    // restrict: the kernel's buffers are not aliased by other to_tensor ops;
    // the output may equal an input, which elementwise code tolerates.
    Value tensor = bufferization::ToTensorOp::create(
        builder, loc, tensorArg.getType(), memrefArg, /*restrict=*/true,
        /*writable=*/false);
    mapping.map(tensorArg, tensor);
  }
  for (Operation &op : func.getBody().front().without_terminator())
    builder.clone(op, mapping);
  auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  auto store = bufferization::MaterializeInDestinationOp::create(
      builder, loc, TypeRange{}, mapping.lookup(ret.getOperand(0)),
      body->getArguments().back());
  store.setRestrict(true);
  store.setWritable(true);
  func::ReturnOp::create(builder, loc);
  func.erase();
}

FailureOr<SmallVector<relu::KernelInfo>>
relu::rewriteToKernelABI(ModuleOp module) {
  SmallVector<func::FuncOp> publicFuncs;
  for (auto func : module.getOps<func::FuncOp>())
    if (func.isPublic())
      publicFuncs.push_back(func);
  if (publicFuncs.empty()) {
    module.emitError("no public func.func to compile into a kernel");
    return failure();
  }
  SmallVector<KernelInfo> kernels;
  for (func::FuncOp func : publicFuncs) {
    FailureOr<KernelInfo> info = classify(func);
    if (failed(info))
      return failure();
    kernels.push_back(*info);
  }
  for (auto [func, info] : llvm::zip(publicFuncs, kernels))
    rewrite(func, info);
  return kernels;
}
