// A growable Float64Array: amortised O(1) push without boxing numbers in a JS array.
export class GrowableFloat64 {
  private data = new Float64Array(16);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }

  /** The pushed values (a view; the buffer may be reused by the caller's quantile selection). */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
