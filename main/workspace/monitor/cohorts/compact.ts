// Four-byte forms of the cohorts log's times and amounts for the column cache (./cache.ts), used only when every
// value comes back bit for bit: a first run spends more time writing the decoded log than computing the cohorts
// (10M events: ~200 MB, 2.5–3 s on the benchmark machine), and most logs hold times to the second and amounts to
// the cent. Each encoder checks every value and returns null when one would not survive, so the cache then keeps
// the 8-byte doubles.

/** Marks a missing amount (NaN) among hundredths; never a real value (the encoder refuses it). */
const MISSING = -0x80000000;

/** Epoch-ms times as whole seconds after the earliest, when every time is a whole second within ~68 years. */
export function asSeconds(ms: Float64Array): { values: Int32Array; base: number } | null {
  const n = ms.length;
  if (n === 0) return null;
  let base = ms[0];
  for (let i = 0; i < n; i++) {
    const t = ms[i];
    if (t !== t || (t === 0 && 1 / t < 0)) return null; // NaN; −0 would come back as +0
    if (t < base) base = t;
  }
  const values = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = (ms[i] - base) / 1000;
    if (s !== Math.floor(s) || s > 0x7fffffff) return null; // a fraction of a second; past ~68 years
    if (base + s * 1000 !== ms[i]) return null; // what the decoder computes must be the time itself
    values[i] = s;
  }
  return { values, base };
}

export function fromSeconds(s: Int32Array, base: number): Float64Array {
  const out = new Float64Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = base + s[i] * 1000;
  return out;
}

/**
 * Amounts as hundredths (NaN kept as a marker), when each one is exactly k / 100 as a double — what reading "12.34"
 * gives — so that dividing by 100 again returns the same double, sign of zero included.
 */
export function asCents(v: Float64Array): Int32Array | null {
  const out = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x !== x) {
      out[i] = MISSING;
      continue;
    }
    const c = Math.round(x * 100);
    if (!(c > MISSING && c <= 0x7fffffff)) return null;
    out[i] = c;
    if (!Object.is(out[i] / 100, x)) return null; // not k / 100, or −0 (an Int32 has no −0)
  }
  return out;
}

export function fromCents(c: Int32Array): Float64Array {
  const out = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) out[i] = c[i] === MISSING ? Number.NaN : c[i] / 100;
  return out;
}
