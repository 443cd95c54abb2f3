// act.grad and act.forward_with_mask verifier errors.
// RUN: relu-opt %s --split-input-file --verify-diagnostics

func.func @two_ops(%dy: tensor<4xf32>, %x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'act.grad' op region must hold exactly one activation and act.yield}}
  %dx = act.grad %dy, input %x : tensor<4xf32>, tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    %r = act.relu %a : tensor<4xf32>
    %t = act.tanh %r : tensor<4xf32>
    act.yield %t : tensor<4xf32>
  }
  return %dx : tensor<4xf32>
}

// -----

func.func @not_an_activation(%dy: tensor<4xf32>, %x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'act.grad' op region must hold an activation (an op implementing ActivationOpInterface), not 'tensor.empty'}}
  %dx = act.grad %dy, input %x : tensor<4xf32>, tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    %r = tensor.empty() : tensor<4xf32>
    act.yield %r : tensor<4xf32>
  }
  return %dx : tensor<4xf32>
}

// -----

func.func @arg_types(%dy: tensor<4xf32>, %x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'act.grad' op region must take the input's type then the further operands' types}}
  %dx = act.grad %dy, input %x : tensor<4xf32>, tensor<4xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.relu %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<4xf32>
}

// -----

func.func @source_type(%dy: tensor<4xf32>, %y: tensor<4xf16>) -> tensor<4xf32> {
  // expected-error @+1 {{'act.grad' op the output must have dy's type 'tensor<4xf32>'}}
  %dx = act.grad %dy, output %y : tensor<4xf32>, tensor<4xf16> {
  ^bb0(%a: tensor<4xf32>):
    %r = act.relu %a : tensor<4xf32>
    act.yield %r : tensor<4xf32>
  }
  return %dx : tensor<4xf32>
}

// -----

func.func @mask_size(%dy: tensor<4x5xf32>, %m: tensor<2xi8>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'act.grad' op mask must have ceil(N / 8) = 3 bytes for 20 elements, not 2}}
  %dx = act.grad %dy, mask %m : tensor<4x5xf32>, tensor<2xi8> {
  ^bb0(%a: tensor<4x5xf32>):
    %r = act.relu %a : tensor<4x5xf32>
    act.yield %r : tensor<4x5xf32>
  }
  return %dx : tensor<4x5xf32>
}

// -----

func.func @mask_type(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<2xi16>) {
  // expected-error @+1 {{'act.forward_with_mask' op result #1 must be 1D tensor of 8-bit signless integer values}}
  %y, %m = act.forward_with_mask %x : tensor<16xf32> -> tensor<2xi16> {
  ^bb0(%a: tensor<16xf32>):
    %r = act.relu %a : tensor<16xf32>
    act.yield %r : tensor<16xf32>
  }
  return %y, %m : tensor<16xf32>, tensor<2xi16>
}

// -----

func.func @param_grads_need_input(%dy: tensor<2x3xf32>, %y: tensor<2x3xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{'act.grad' op gradients of further operands need source input}}
  %dx, %ds = act.grad %dy, output %y, %s : tensor<2x3xf32>, tensor<2x3xf32>, tensor<3xf32> -> tensor<3xf32> {
  ^bb0(%a: tensor<2x3xf32>, %b: tensor<3xf32>):
    %r = act.prelu %a, %b : tensor<2x3xf32>, tensor<3xf32>
    act.yield %r : tensor<2x3xf32>
  }
  return
}

// -----

func.func @operands_in_order(%dy: tensor<2x3xf32>, %x: tensor<2x3xf32>, %s: tensor<3xf32>) -> tensor<2x3xf32> {
  %dx = act.grad %dy, input %x, %s : tensor<2x3xf32>, tensor<2x3xf32>, tensor<3xf32> {
  ^bb0(%a: tensor<2x3xf32>, %b: tensor<3xf32>):
    // expected-error @+1 {{'act.relu' op must apply to the region's arguments, in order}}
    %r = act.relu %a : tensor<2x3xf32>
    act.yield %r : tensor<2x3xf32>
  }
  return %dx : tensor<2x3xf32>
}

// -----

func.func @scalar_param_grad(%dy: tensor<4xf32>, %x: tensor<4xf32>, %s: f32) -> tensor<4xf32> {
  // expected-error @+1 {{'act.grad' op has no gradients for scalar operands (dynamic parameters)}}
  %dx, %ds = act.grad %dy, input %x, %s : tensor<4xf32>, tensor<4xf32>, f32 -> tensor<f32> {
  ^bb0(%a: tensor<4xf32>, %b: f32):
    %y = act.elu %a alpha(%b : f32) : tensor<4xf32>
    act.yield %y : tensor<4xf32>
  }
  return %dx : tensor<4xf32>
}
