// The act dialect and relu-mlir's passes loaded into upstream mlir-opt
// (LLVM's tools directory; it links the same libMLIR.so) from ReluPlugin.
// RUN: mlir-opt --load-dialect-plugin=%relu_libs/ReluPlugin%shlibext --load-pass-plugin=%relu_libs/ReluPlugin%shlibext %s \
// RUN:   | FileCheck %s --check-prefix=ROUNDTRIP
// The printed form parses again.
// RUN: mlir-opt --load-dialect-plugin=%relu_libs/ReluPlugin%shlibext %s \
// RUN:   | mlir-opt --load-dialect-plugin=%relu_libs/ReluPlugin%shlibext \
// RUN:   | FileCheck %s --check-prefix=ROUNDTRIP
// Folding through the dialect's fold hooks and constant materializer.
// RUN: mlir-opt --load-dialect-plugin=%relu_libs/ReluPlugin%shlibext --load-pass-plugin=%relu_libs/ReluPlugin%shlibext %s -canonicalize \
// RUN:   | FileCheck %s --check-prefix=CANON
// relu-mlir's passes and pipelines come from the pass plugin. mlir-opt builds
// its pass flags before plugins are loaded, so they are named in --pass-pipeline.
// RUN: mlir-opt --load-dialect-plugin=%relu_libs/ReluPlugin%shlibext --load-pass-plugin=%relu_libs/ReluPlugin%shlibext %s \
// RUN:   --pass-pipeline="builtin.module(func.func(convert-act-to-linalg))" | FileCheck %s --check-prefix=LINALG
// RUN: mlir-opt --load-dialect-plugin=%relu_libs/ReluPlugin%shlibext --load-pass-plugin=%relu_libs/ReluPlugin%shlibext %s \
// RUN:   --pass-pipeline="builtin.module(act-to-llvm-cpu{vector-bits=256})" | FileCheck %s --check-prefix=LLVM
// The pass plugin entry point alone registers the passes.
// RUN: echo "" | mlir-opt --load-pass-plugin=%relu_libs/ReluPlugin%shlibext \
// RUN:   --pass-pipeline="builtin.module(func.func(convert-act-to-linalg))" | FileCheck %s --check-prefix=PASSONLY
// Without the plugin, mlir-opt knows neither the dialect nor the passes.
// RUN: not mlir-opt %s 2>&1 | FileCheck %s --check-prefix=NODIALECT
// RUN: echo "" | not mlir-opt --pass-pipeline="builtin.module(func.func(convert-act-to-linalg))" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOPASS

// ROUNDTRIP-LABEL: func.func @hidden_layer(
// ROUNDTRIP-SAME: %[[X:[^:]+]]: tensor<?x256xf32>
// ROUNDTRIP: %[[G:.+]] = act.gelu %[[X]] {approximate = #act.approximate<tanh>} : tensor<?x256xf32>
// ROUNDTRIP: %[[L:.+]] = act.leaky_relu %[[G]] {negative_slope = 2.000000e-01 : f64} : tensor<?x256xf32>
// ROUNDTRIP: return %[[L]]
// CANON-LABEL: func.func @hidden_layer(
// CANON: act.gelu
// CANON: act.leaky_relu
// LINALG-LABEL: func.func @hidden_layer(
// LINALG-NOT: act.
// LINALG: %[[G:.+]] = linalg.generic {{.*}} ins(%{{.+}} : tensor<?x256xf32>)
// LINALG-NOT: act.
// LINALG: linalg.generic {{.*}} ins(%[[G]] : tensor<?x256xf32>)
// LINALG-NOT: act.
// LINALG: return
// LLVM-LABEL: llvm.func @hidden_layer(
// LLVM-NOT: act.
// LLVM: vector<8xf32>
// LLVM: llvm.intr.masked.store
func.func @hidden_layer(%x: tensor<?x256xf32>) -> tensor<?x256xf32> {
  %0 = act.gelu %x {approximate = #act.approximate<tanh>} : tensor<?x256xf32>
  %1 = act.leaky_relu %0 {negative_slope = 0.2 : f64} : tensor<?x256xf32>
  return %1 : tensor<?x256xf32>
}

// ROUNDTRIP-LABEL: func.func @fold()
// ROUNDTRIP: act.relu %{{.+}} : tensor<4xf32>
// CANON-LABEL: func.func @fold()
// CANON-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 0.000000e+00, 0.000000e+00, 3.000000e+00]> : tensor<4xf32>
// CANON-NEXT: return %[[C]] : tensor<4xf32>
func.func @fold() -> tensor<4xf32> {
  %c = arith.constant dense<[-2.0, -0.5, 0.0, 3.0]> : tensor<4xf32>
  %0 = act.relu %c : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// NODIALECT: error: Dialect `act' not found for custom op 'act.gelu'
// PASSONLY: module {
// NOPASS: 'convert-act-to-linalg' does not refer to a registered pass
