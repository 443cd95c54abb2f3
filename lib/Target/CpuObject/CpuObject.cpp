// LLVM dialect -> optimized LLVM IR -> ELF object, through LLVM's TargetMachine.
#include "relu/Target/CpuObject.h"

#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/TargetParser/X86TargetParser.h"

using namespace mlir;

static void initializeNativeTarget() {
  static bool done = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    return true;
  }();
  (void)done;
}

static unsigned vectorBitsFor(const llvm::StringMap<bool> &features) {
  auto has = [&](llvm::StringRef name) {
    auto it = features.find(name);
    return it != features.end() && it->second;
  };
  // 512-bit kernels use AVX-512F and DQ instructions (vscalefps,
  // vreduceps: convert-math-to-polynomials), as every AVX-512 CPU since
  // Skylake-SP has them (x86-64-v4). CPU feature lists name the subsets
  // (x86-64-v4's lists avx512dq, not the avx512f it implies); Knights
  // Landing has F without DQ and gets 256-bit kernels.
  if (has("avx512dq"))
    return 512;
  if (has("avx2") || has("avx"))
    return 256;
  return 128;
}

FailureOr<relu::CpuTarget> relu::resolveCpuTarget(llvm::StringRef cpu,
                                                  std::string &error) {
  initializeNativeTarget();
  CpuTarget target;
  target.triple = llvm::sys::getDefaultTargetTriple();
  llvm::Triple triple(target.triple);
  llvm::StringMap<bool> features;
  if (cpu == "native") {
    target.cpu = llvm::sys::getHostCPUName().str();
    features = llvm::sys::getHostCPUFeatures();
  } else {
    target.cpu = cpu == "generic" ? (triple.isX86() ? "x86-64" : "generic") : cpu.str();
    if (triple.isX86()) {
      if (!llvm::X86::parseArchX86(target.cpu, /*Only64Bit=*/true) &&
          target.cpu != "x86-64") {
        error = "unknown --cpu '" + cpu.str() +
                "': use native, generic, x86-64-v2, x86-64-v3, x86-64-v4 or an "
                "LLVM x86 CPU name";
        return failure();
      }
      SmallVector<llvm::StringRef> enabled;
      llvm::X86::getFeaturesForCPU(target.cpu, enabled);
      for (llvm::StringRef f : enabled)
        features[f] = true;
    }
  }
  std::string list;
  for (auto &f : features) {
    if (!list.empty())
      list += ",";
    list += (f.second ? "+" : "-") + f.first().str();
  }
  target.features = list;
  target.vectorBits = vectorBitsFor(features);
  auto bf16 = features.find("avx512bf16");
  target.nativeBf16 = bf16 != features.end() && bf16->second;
  auto f16 = features.find("avx512fp16");
  target.nativeF16 = f16 != features.end() && f16->second;
  return target;
}

static FailureOr<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const relu::CpuTarget &target, Operation *op) {
  initializeNativeTarget();
  llvm::Triple triple(target.triple);
  std::string error;
  const llvm::Target *llvmTarget = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!llvmTarget) {
    op->emitError("no LLVM target for ") << target.triple << ": " << error;
    return failure();
  }
  llvm::TargetOptions options;
  std::unique_ptr<llvm::TargetMachine> machine(llvmTarget->createTargetMachine(
      triple, target.cpu, target.features, options, llvm::Reloc::PIC_,
      std::nullopt, llvm::CodeGenOptLevel::Aggressive));
  if (!machine) {
    op->emitError("could not create a target machine for ") << target.cpu;
    return failure();
  }
  return machine;
}

/// Translates and optimizes; the result lives in `context`.
static std::unique_ptr<llvm::Module>
translateAndOptimize(ModuleOp module, const relu::CpuTarget &target,
                     llvm::TargetMachine &machine, llvm::LLVMContext &context) {
  registerBuiltinDialectTranslation(*module.getContext());
  registerLLVMDialectTranslation(*module.getContext());
  std::unique_ptr<llvm::Module> llvmModule = translateModuleToLLVMIR(module, context);
  if (!llvmModule) {
    module.emitError("translation to LLVM IR failed");
    return nullptr;
  }
  llvmModule->setTargetTriple(machine.getTargetTriple());
  llvmModule->setDataLayout(machine.createDataLayout());
  std::string width = std::to_string(target.vectorBits);
  for (llvm::Function &f : *llvmModule) {
    if (f.isDeclaration())
      continue;
    f.addFnAttr("target-cpu", target.cpu);
    f.addFnAttr("target-features", target.features);
    // Keep the kernels' full-width vectors: some x86 tunings would otherwise
    // split 512-bit operations into 256-bit halves.
    f.addFnAttr("min-legal-vector-width", width);
    f.addFnAttr("prefer-vector-width", width);
    f.addFnAttr(llvm::Attribute::NoUnwind);
  }

  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder builder(&machine);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3)
      .run(*llvmModule, mam);
  return llvmModule;
}

/// Translates `module` for `target` and hands the machine and the optimized
/// LLVM module to `emit`.
static LogicalResult
withOptimizedModule(ModuleOp module, const relu::CpuTarget &target,
                    llvm::function_ref<LogicalResult(llvm::TargetMachine &, llvm::Module &)> emit) {
  auto machine = createTargetMachine(target, module);
  if (failed(machine))
    return failure();
  llvm::LLVMContext context;
  auto llvmModule = translateAndOptimize(module, target, **machine, context);
  if (!llvmModule)
    return failure();
  return emit(**machine, *llvmModule);
}

LogicalResult relu::emitCpuObject(ModuleOp module, const CpuTarget &target,
                                  llvm::raw_pwrite_stream &os) {
  return withOptimizedModule(module, target, [&](llvm::TargetMachine &machine,
                                                 llvm::Module &llvmModule) {
    llvm::legacy::PassManager codegen;
    if (machine.addPassesToEmitFile(codegen, os, nullptr, llvm::CodeGenFileType::ObjectFile)) {
      module.emitError("the target cannot emit object files");
      return failure();
    }
    codegen.run(llvmModule);
    return success();
  });
}

LogicalResult relu::emitOptimizedLLVMIR(ModuleOp module, const CpuTarget &target,
                                        llvm::raw_ostream &os) {
  return withOptimizedModule(module, target, [&](llvm::TargetMachine &, llvm::Module &llvmModule) {
    llvmModule.print(os, nullptr);
    return success();
  });
}
