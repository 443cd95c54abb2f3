// A convolution block whose PReLU has the slopes of another layer: 32 slopes
// for 64 channels. The verifier rejects it and points at the op.
func.func @conv_block(%x: tensor<8x64x14x14xf32>, %slope: tensor<32xf32>) -> tensor<8x64x14x14xf32> {
  %y = act.prelu %x, %slope : tensor<8x64x14x14xf32>, tensor<32xf32>
  return %y : tensor<8x64x14x14xf32>
}
