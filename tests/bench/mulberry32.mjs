// The seeded PRNG of main/analysis/random.ts (mulberry32) for the bench scripts, which are plain .mjs and cannot
// import the TypeScript module: one copy here, so every bench draws the same data from the same seed.
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
