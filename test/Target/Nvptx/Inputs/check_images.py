"""Checks the device images relu-cc --target=nvptx put in a host object.

Reads the object's symbols (<prefix>imageN) and .rodata with llvm-nm and
llvm-objcopy, and the shim's image table; every cubin must be a CUDA ELF of
the listed architecture defining every kernel of the shim's kernel table, and
the PTX must be NUL-terminated text with an .entry per kernel."""
import os
import re
import struct
import subprocess
import sys
import tempfile

obj, shim = sys.argv[1], sys.argv[2]
shim_text = open(shim).read()
table = re.findall(r"\{(\d+), (RELU_RT_CUDA_\w+), (\w+), (\d+)u\}", shim_text)
kernels = re.findall(r'\{"(\w+)", \d+, \d+\}', shim_text)

nm = subprocess.run(["llvm-nm", "--print-size", "--radix=d", obj], capture_output=True,
                    text=True, check=True).stdout
symbols = {}
for line in nm.splitlines():
    fields = line.split()
    if len(fields) == 4:
        symbols[fields[3]] = (int(fields[0]), int(fields[1]))
with tempfile.TemporaryDirectory() as tmp:
    rodata = os.path.join(tmp, "rodata")
    subprocess.run(["llvm-objcopy", "-O", "binary", "--only-section=.rodata", obj, rodata],
                   check=True)
    data = open(rodata, "rb").read()

def elf_symbols(image):
    shoff, = struct.unpack_from("<Q", image, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", image, 0x3A)
    names = set()
    for i in range(shnum):
        sh = shoff + i * shentsize
        kind, = struct.unpack_from("<I", image, sh + 4)
        if kind != 2:
            continue
        offset, size = struct.unpack_from("<QQ", image, sh + 0x18)
        link, = struct.unpack_from("<I", image, sh + 0x28)
        entsize, = struct.unpack_from("<Q", image, sh + 0x38)
        strtab, = struct.unpack_from("<Q", image, shoff + link * shentsize + 0x18)
        for s in range(size // entsize):
            name_offset, = struct.unpack_from("<I", image, offset + s * entsize)
            end = image.index(b"\0", strtab + name_offset)
            names.add(image[strtab + name_offset:end].decode())
    return names

ok = True
for index, (sm, kind, symbol, size) in enumerate(table):
    offset, symbol_size = symbols[symbol]
    if symbol_size != int(size):
        print(f"{symbol}: size {symbol_size} in the object, {size} in the shim")
        ok = False
    image = data[offset:offset + symbol_size]
    if kind == "RELU_RT_CUDA_CUBIN":
        machine, = struct.unpack_from("<H", image, 0x12)
        flags, = struct.unpack_from("<I", image, 0x30)
        arch = (flags >> 8) & 0xFF
        defined = elf_symbols(image)
        missing = [k for k in kernels if k not in defined]
        print(f"image{index}: cubin sm_{arch}, {len(kernels) - len(missing)} kernels")
        ok &= image[:4] == b"\x7fELF" and machine == 190 and arch == int(sm) and not missing
    else:
        text = image.decode()
        entries = [k for k in kernels if f".entry {k}(" in text]
        terminated = text.endswith("\0") and "\0" not in text[:-1]
        target = re.search(r"\.target sm_(\d+)", text).group(1)
        print(f"image{index}: PTX sm_{target}, {len(entries)} kernels" +
              (", NUL-terminated" if terminated else ""))
        ok &= terminated and target == sm and len(entries) == len(kernels)
print("ok" if ok else "FAILED")
sys.exit(0 if ok else 1)
