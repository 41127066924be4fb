// The binary a hand-written WebAssembly kernel compiles to today (scripts/build-wasm.mjs, wabt), as the base64 its
// generated *.wasm.ts module holds: each kernel's test compares the two, so an edited .wat whose module was not
// regenerated fails.
// @ts-expect-error the build script is plain JavaScript (no declaration file)
import { generatedModule, KERNELS } from '../../scripts/build-wasm.mjs';

/** The base64 of the compiled .wat behind the generated module whose path ends with `out`. */
export async function compiledKernelBase64(out: string): Promise<string> {
  const kernel = (KERNELS as { out: string }[]).find((k) => k.out.endsWith(out));
  if (!kernel) throw new Error(`no kernel generates ${out} (scripts/build-wasm.mjs KERNELS)`);
  const text: string = await generatedModule(kernel);
  return text
    .split('\n')
    .filter((l) => l.startsWith("  '"))
    .map((l) => l.replace(/^ {2}'|'( \+|;)$/g, ''))
    .join('');
}
