// Process settings for the WebAssembly k-means kernel (analysis/segment/kmeans-wasm.ts), made where a
// segmentation starts on a thread (the job, the side-metrics helper); the analysis layer reads no environment.
import { setFlagsFromString } from 'node:v8';
import { useKernel } from '../../analysis/segment/kmeans-wasm';

let done = false;

export function setUpKernel(): void {
  if (done) return;
  done = true;
  // CXW_KMEANS_WASM=0: the TypeScript passes (same results, bit for bit), for A/B benchmark runs.
  useKernel(process.env.CXW_KMEANS_WASM !== '0');
  // Compile WebAssembly with the optimising compiler straight away. By default V8 first runs new code through its
  // baseline compiler (Liftoff, several times slower on SIMD) and optimises a function only once it is hot; a
  // k-means is over within a few dozen calls per function, so much of the seeding ran unoptimised (kmeans phase at
  // 1M × 10: 584 → 508 ms). The flag is read when a module is compiled (the kernel: ~3 KB, a few ms); the app
  // compiles no other WebAssembly in these threads.
  setFlagsFromString('--no-liftoff');
}
