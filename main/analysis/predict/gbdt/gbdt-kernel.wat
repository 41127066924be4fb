;; The gradient-boosted trees' row passes (kernel-rows.ts lays out the memory and calls them): histograms of a
;; node's rows and the stable partition of a node's rows into its two children.
;;
;; Hand-written because the fit's wall is these passes (~70% of a 1M-row fit) and JavaScript pays for them twice:
;; a bounds check on every one of a row's 60 histogram updates, and, once a node's rows are scattered over the data,
;; a cache miss per row (~150 ns against ~25 ns for rows that lie together). So here the rows of every node lie
;; together: each split copies its node's rows, in order, into left rows then right rows in a second set of arrays
;; (as LightGBM keeps its data partitioned), and a histogram reads its node's rows front to back. The sums are the
;; same float64 additions, in the same row order, as the TypeScript passes (histogram.ts), so the histograms, and so
;; the model, are the same bits; tests/unit/predict/gbdt-kernel.test.ts compares whole fits.
;;
;; Layouts (all offsets in bytes into the one memory; kernel-rows.ts places them):
;;   bins   row-major, `stride` bytes a row (a multiple of 8), the row's `width` feature bins first
;;   gh     the rows' gradient and hessian as float32 pairs, 8 bytes a row
;;   idx    the rows' indices, u32
;;   out    a histogram: per feature 256 bins × (gradient sum, hessian sum, count) as float64, 6,144 bytes a feature
(module
  (memory (import "env" "memory") 1 65536 shared)

  ;; out := the histogram of rows start..end−1 over features 0..width−1.
  (func (export "histogram") (param $out i32) (param $bins i32) (param $stride i32) (param $width i32) (param $gh i32)
        (param $start i32) (param $end i32)
    (local $p i32) (local $pe i32) (local $row i32) (local $rowEnd i32) (local $ghp i32) (local $o i32) (local $a i32)
    (local $v v128)
    (memory.fill (local.get $out) (i32.const 0) (i32.mul (local.get $width) (i32.const 6144)))
    (if (i32.ge_u (local.get $start) (local.get $end)) (then (return)))
    (local.set $row (i32.add (local.get $bins) (i32.mul (local.get $start) (local.get $stride))))
    (local.set $rowEnd (i32.add (local.get $bins) (i32.mul (local.get $end) (local.get $stride))))
    (local.set $ghp (i32.add (local.get $gh) (i32.shl (local.get $start) (i32.const 3))))
    (loop $rows
      ;; (g, h) as float64 lanes: the same widening as JavaScript's float32 → number.
      (local.set $v (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $ghp))))
      (local.set $p (local.get $row))
      (local.set $pe (i32.add (local.get $row) (local.get $width)))
      (local.set $o (local.get $out))
      (loop $features
        (local.set $a (i32.add (local.get $o) (i32.mul (i32.load8_u (local.get $p)) (i32.const 24))))
        (v128.store (local.get $a) (f64x2.add (v128.load (local.get $a)) (local.get $v)))
        (f64.store offset=16 (local.get $a) (f64.add (f64.load offset=16 (local.get $a)) (f64.const 1)))
        (local.set $o (i32.add (local.get $o) (i32.const 6144)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br_if $features (i32.lt_u (local.get $p) (local.get $pe))))
      (local.set $ghp (i32.add (local.get $ghp) (i32.const 8)))
      (local.set $row (i32.add (local.get $row) (local.get $stride)))
      (br_if $rows (i32.lt_u (local.get $row) (local.get $rowEnd)))))

;; How many of rows start..end−1 go left of a split (the rule of splitRows below): where each part of a node split
  ;; on several threads starts writing.
  (func (export "countLeft") (param $bins i32) (param $stride i32) (param $column i32) (param $start i32) (param $end i32)
        (param $splitBin i32) (param $missingLeft i32) (result i32)
    (local $p i32) (local $pe i32) (local $b i32) (local $count i32)
    (if (i32.ge_u (local.get $start) (local.get $end)) (then (return (i32.const 0))))
    (local.set $p (i32.add (i32.add (local.get $bins) (local.get $column)) (i32.mul (local.get $start) (local.get $stride))))
    (local.set $pe (i32.add (i32.add (local.get $bins) (local.get $column)) (i32.mul (local.get $end) (local.get $stride))))
    (loop $rows
      (local.set $b (i32.load8_u (local.get $p)))
      (local.set $count (i32.add (local.get $count)
        (select (local.get $missingLeft) (i32.le_u (local.get $b) (local.get $splitBin)) (i32.eq (local.get $b) (i32.const 255)))))
      (local.set $p (i32.add (local.get $p) (local.get $stride)))
      (br_if $rows (i32.lt_u (local.get $p) (local.get $pe))))
    (local.get $count))

;; Rows start..end−1 of a node (or of a part of it) split in two: each row's bins (`stride` bytes, a multiple of 8),
  ;; its (g, h) pair and its row index go from the src arrays to the dst arrays, reordered stably: the rows going left
  ;; (bin at byte `column` <= splitBin; the missing bin 255 as missingLeft says) to positions leftAt.., the others to
  ;; rightAt... Returns how many went left, which the caller checks. Branch-free: the destination is chosen by
  ;; `select`, not by a branch, since a left/right branch is mispredicted about half the time; every row is written
  ;; once.
  (func (export "splitRows") (param $srcBins i32) (param $dstBins i32) (param $stride i32) (param $column i32)
        (param $srcGh i32) (param $dstGh i32) (param $srcIdx i32) (param $dstIdx i32)
        (param $start i32) (param $end i32) (param $leftAt i32) (param $rightAt i32) (param $splitBin i32)
        (param $missingLeft i32) (result i32)
    (local $s i32) (local $se i32) (local $sg i32) (local $si i32)
    (local $wl i32) (local $wr i32) (local $gl i32) (local $gr i32) (local $il i32) (local $ir i32)
    (local $b i32) (local $left i32) (local $right i32) (local $to i32) (local $k i32) (local $count i32)
    (if (i32.ge_u (local.get $start) (local.get $end)) (then (return (i32.const 0))))
    (local.set $s (i32.add (local.get $srcBins) (i32.mul (local.get $start) (local.get $stride))))
    (local.set $se (i32.add (local.get $srcBins) (i32.mul (local.get $end) (local.get $stride))))
    (local.set $sg (i32.add (local.get $srcGh) (i32.shl (local.get $start) (i32.const 3))))
    (local.set $si (i32.add (local.get $srcIdx) (i32.shl (local.get $start) (i32.const 2))))
    (local.set $wl (i32.add (local.get $dstBins) (i32.mul (local.get $leftAt) (local.get $stride))))
    (local.set $wr (i32.add (local.get $dstBins) (i32.mul (local.get $rightAt) (local.get $stride))))
    (local.set $gl (i32.add (local.get $dstGh) (i32.shl (local.get $leftAt) (i32.const 3))))
    (local.set $gr (i32.add (local.get $dstGh) (i32.shl (local.get $rightAt) (i32.const 3))))
    (local.set $il (i32.add (local.get $dstIdx) (i32.shl (local.get $leftAt) (i32.const 2))))
    (local.set $ir (i32.add (local.get $dstIdx) (i32.shl (local.get $rightAt) (i32.const 2))))
    (loop $rows
      (local.set $b (i32.load8_u (i32.add (local.get $s) (local.get $column))))
      (local.set $left
        (select (local.get $missingLeft) (i32.le_u (local.get $b) (local.get $splitBin)) (i32.eq (local.get $b) (i32.const 255))))
      (local.set $right (i32.xor (local.get $left) (i32.const 1)))
      (local.set $count (i32.add (local.get $count) (local.get $left)))
      ;; The bins: 16 bytes at a time, then the last 8 when the stride is an odd number of 8-byte words.
      (local.set $to (select (local.get $wl) (local.get $wr) (local.get $left)))
      (local.set $k (i32.const 0))
      (block $whole
        (br_if $whole (i32.lt_u (local.get $stride) (i32.const 16)))
        (loop $words
          (v128.store (i32.add (local.get $to) (local.get $k)) (v128.load (i32.add (local.get $s) (local.get $k))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $words (i32.le_u (i32.add (local.get $k) (i32.const 16)) (local.get $stride)))))
      (if (i32.lt_u (local.get $k) (local.get $stride))
        (then (i64.store (i32.add (local.get $to) (local.get $k)) (i64.load (i32.add (local.get $s) (local.get $k))))))
      (i64.store (select (local.get $gl) (local.get $gr) (local.get $left)) (i64.load (local.get $sg)))
      (i32.store (select (local.get $il) (local.get $ir) (local.get $left)) (i32.load (local.get $si)))
      (local.set $wl (i32.add (local.get $wl) (i32.mul (local.get $left) (local.get $stride))))
      (local.set $wr (i32.add (local.get $wr) (i32.mul (local.get $right) (local.get $stride))))
      (local.set $gl (i32.add (local.get $gl) (i32.shl (local.get $left) (i32.const 3))))
      (local.set $gr (i32.add (local.get $gr) (i32.shl (local.get $right) (i32.const 3))))
      (local.set $il (i32.add (local.get $il) (i32.shl (local.get $left) (i32.const 2))))
      (local.set $ir (i32.add (local.get $ir) (i32.shl (local.get $right) (i32.const 2))))
      (local.set $sg (i32.add (local.get $sg) (i32.const 8)))
      (local.set $si (i32.add (local.get $si) (i32.const 4)))
      (local.set $s (i32.add (local.get $s) (local.get $stride)))
      (br_if $rows (i32.lt_u (local.get $s) (local.get $se))))
    (local.get $count))
)
