#!/usr/bin/env python3
"""Convert the 8 kHz branch of Silero VAD's ONNX graph into Undertone's flat weight file.

usage: convert_silero.py silero_vad.onnx OUT.bin

The graph (silero-vad 6.2.3, `silero_vad/data/silero_vad.onnx`) is an `If` on `sr == 16000`; its else branch is the
8 kHz model. Before writing anything this script checks that the branch is exactly the network Undertone's Swift
forward pass (`SileroVoiceModel`) computes, so that a different model version fails here instead of giving wrong
probabilities:

  input 288 samples (32 carried from the previous chunk + 256 new), reflection-padded by 32 on the right → 320
  STFT: Conv1d with a fixed basis of 130 × 128 (65 cos + 65 sin rows of a periodic-Hann-windowed 128-point DFT),
        stride 64, no padding → 4 frames; magnitude sqrt(re² + im²) → 65 × 4
  encoder: 4 × (Conv1d kernel 3, padding 1, + ReLU), strides 1, 2, 2, 1, channels 65→128→64→64→128 → 128 × 1
  decoder: LSTMCell(128, 128) on the one remaining time step (state h, c carried), ReLU, Conv1d 128→1 kernel 1,
           sigmoid, mean over the (single) time step

The output file (format in Models/vad/README.md): 8-byte magic "UTSVAD8K", uint32 little-endian count of the float32
values that follow, then those values (little-endian) in this order:
  encoder.0.weight (128,65,3) encoder.0.bias (128) encoder.1.weight (64,128,3) encoder.1.bias (64)
  encoder.2.weight (64,64,3) encoder.2.bias (64) encoder.3.weight (128,64,3) encoder.3.bias (128)
  lstm.weight_ih (512,128) lstm.weight_hh (512,128) lstm.bias_ih (512) lstm.bias_hh (512)   gates in PyTorch order i, f, g, o
  decoder.weight (128) decoder.bias (1)
The STFT basis is not stored: it is checked to equal the windowed DFT, which the Swift side computes with FFTW.
"""
import struct
import sys

import numpy as np
import onnx
from onnx import numpy_helper

LAYOUT = [
    ("encoder.0.reparam_conv.weight", (128, 65, 3)), ("encoder.0.reparam_conv.bias", (128,)),
    ("encoder.1.reparam_conv.weight", (64, 128, 3)), ("encoder.1.reparam_conv.bias", (64,)),
    ("encoder.2.reparam_conv.weight", (64, 64, 3)), ("encoder.2.reparam_conv.bias", (64,)),
    ("encoder.3.reparam_conv.weight", (128, 64, 3)), ("encoder.3.reparam_conv.bias", (128,)),
    ("decoder.rnn.weight_ih", (512, 128)), ("decoder.rnn.weight_hh", (512, 128)),
    ("decoder.rnn.bias_ih", (512,)), ("decoder.rnn.bias_hh", (512,)),
    ("decoder.decoder.2.weight", (1, 128, 1)), ("decoder.decoder.2.bias", (1,)),
]


def fail(message):
    sys.exit(f"convert_silero: {message}")


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute
            if a.type not in (onnx.AttributeProto.GRAPH, onnx.AttributeProto.TENSOR)}


def main():
    if len(sys.argv) != 3:
        fail("usage: convert_silero.py silero_vad.onnx OUT.bin")
    model = onnx.load(sys.argv[1])
    top = model.graph.node
    if numpy_helper.to_array(top[0].attribute[0].t) != 16000 or top[2].op_type != "If":
        fail("expected the graph to start with If(sr == 16000)")
    branch = {a.name: a.g for a in top[2].attribute}["else_branch"]

    constants, convs, ops = {}, [], []
    for node in branch.node:
        ops.append(node.op_type)
        if node.op_type == "Constant" and node.attribute[0].type == onnx.AttributeProto.TENSOR:
            constants[node.output[0].split("Inline_0__")[-1]] = numpy_helper.to_array(node.attribute[0].t)
        if node.op_type == "Conv":
            convs.append(attrs(node))
        if node.op_type == "Pad" and attrs(node).get("mode") != b"reflect":
            fail("the STFT padding is no longer reflection")
    # Right-only padding by 32: torch-style (left, right) = (0, 32).
    if list(constants["/stft/padding/Constant_1_output_0"]) != [0, 32]:
        fail("the STFT padding is no longer (0, 32)")
    expected = [([128], [64], [0, 0]), ([3], [1], [1, 1]), ([3], [2], [1, 1]), ([3], [2], [1, 1]), ([3], [1], [1, 1]),
                ([1], [1], [0, 0])]
    got = [(c["kernel_shape"], c["strides"], c["pads"]) for c in convs]
    if got != expected:
        fail(f"unexpected convolutions (kernel, stride, pads): {got}")
    for op in ("Sqrt", "Sigmoid", "ReduceMean"):
        if op not in ops:
            fail(f"the 8 kHz branch has no {op}")
    # The LSTM sits in nested Ifs (on whether a state was passed); every copy must have 128 units.
    hidden = [attrs(m)["hidden_size"] for n in branch.node if n.op_type == "If" for a in n.attribute
              for m in a.g.node if m.op_type == "LSTM"]
    if not hidden or set(hidden) != {128}:
        fail(f"expected an LSTM with 128 units, found {hidden}")

    basis = constants["stft.forward_basis_buffer"][:, 0, :]
    n = np.arange(128)
    window = 0.5 - 0.5 * np.cos(2 * np.pi * n / 128)
    k = np.arange(65)[:, None]
    dft = np.concatenate([np.cos(2 * np.pi * k * n / 128) * window, -np.sin(2 * np.pi * k * n / 128) * window])
    if basis.shape != (130, 128) or np.abs(np.abs(basis) - np.abs(dft)).max() > 1e-6:
        fail("the STFT basis is not a periodic-Hann-windowed 128-point DFT")

    values = []
    for name, shape in LAYOUT:
        array = constants.get(name)
        if array is None or tuple(array.shape) != shape:
            fail(f"{name}: expected shape {shape}, found {None if array is None else array.shape}")
        values.append(array.astype("<f4").ravel())
    flat = np.concatenate(values)
    with open(sys.argv[2], "wb") as out:
        out.write(b"UTSVAD8K")
        out.write(struct.pack("<I", flat.size))
        out.write(flat.tobytes())
    print(f"convert_silero: wrote {flat.size} weights to {sys.argv[2]}")


if __name__ == "__main__":
    main()
