// The gradient-boosting kernel (gbdt-kernel.wat) as this thread calls it: compiled once per thread, instantiated
// once per memory (the fitting thread and each of its helpers instantiate it over the fit's one shared memory).
import { GBDT_KERNEL_WASM } from './gbdt-kernel.wasm';

export interface KernelExports {
  histogram: (out: number, bins: number, stride: number, width: number, gh: number, start: number, end: number) => void;
  countLeft: (bins: number, stride: number, column: number, start: number, end: number, splitBin: number, missingLeft: number) => number;
  splitRows: (
    srcBins: number, dstBins: number, stride: number, column: number, srcGh: number, dstGh: number, srcIdx: number, dstIdx: number,
    start: number, end: number, leftAt: number, rightAt: number, splitBin: number, missingLeft: number,
  ) => number;
}

let compiled: WebAssembly.Module | null = null;
let unavailable = false;
const instances = new WeakMap<WebAssembly.Memory, KernelExports>();

/** The compiled kernel, or null when this runtime cannot compile it (no WebAssembly SIMD or threads). */
export function kernelModule(): WebAssembly.Module | null {
  if (compiled || unavailable) return compiled;
  try {
    compiled = new WebAssembly.Module(Uint8Array.from(atob(GBDT_KERNEL_WASM), (c) => c.charCodeAt(0)));
  } catch {
    unavailable = true;
  }
  return compiled;
}

/** This thread's instance of the kernel over `memory`. */
export function kernelExports(memory: WebAssembly.Memory): KernelExports {
  let k = instances.get(memory);
  if (!k) {
    const mod = kernelModule();
    if (!mod) throw new Error('the gradient-boosting kernel cannot be compiled in this runtime');
    k = new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as KernelExports;
    instances.set(memory, k);
  }
  return k;
}
