;; The k-means row passes of kmeans-blocks.ts in WebAssembly (compiled by scripts/build-wasm.mjs into
;; kmeans-kernel.wasm.ts; a unit test checks the two agree). Why by hand: these passes are ~80% of a segmentation's
;; CPU, V8 runs the TypeScript versions as scalar code with a bounds check per element, and WebAssembly's f64x2
;; lanes do the same arithmetic ~6× faster (measured: nearest of 8 centres for 1M × 10 rows, 165–220 ms in
;; TypeScript, 29 ms here). No library offers k-means passes over caller-owned shared memory with a fixed summation
;; order, which the bit-identical results across thread counts need.
;;
;; BIT-IDENTICAL TO THE TYPESCRIPT PASSES. Each squared distance is summed feature by feature from 0, a product
;; then a sum per feature (no fused multiply-add), exactly as distance.ts's sqDist. The SIMD lanes hold two
;; CENTRES (or two seeding candidates), never two features, so each lane's sum has the scalar order. The
;; TypeScript passes stop a distance early once it passes a bound; here it is always finished, which changes no
;; decision (the partial sum already is >= the bound and the full sum is larger still) and no stored value (a
;; stored distance is below its bound, so it was never cut short). tests/unit/analysis/segment-kmeans-wasm.test.ts
;; compares every pass and whole fits bit for bit.
;;
;; Memory: the caller's shared memory (kmeans-wasm.ts lays the state out in it). Every function takes `desc`, the
;; byte offset of an i32 table of the state's array offsets (slot numbers below, the D constants in
;; kmeans-wasm.ts), and the block number. Centres are read from `ct`, a copy interleaved by pairs
;; (ct[(p·d + f)·2 + lane] = centre 2p + lane, feature f; a missing last lane is +Infinity, so its distance is
;; +Infinity and never chosen) that the caller refreshes before each pass; seeding candidates likewise from `candT`,
;; and their triangle-inequality bounds from `quarterT` (quarterT[(owner·pairs + p)·2 + lane], +Infinity padded).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; Descriptor slots (i32 each): sizes, then byte offsets of the state's arrays.
  ;;  0 n  1 d  2 k  3 trials  4 blockRows
  ;;  5 data  6 params  7 centers  8 ct  9 half  10 shift  11 labels  12 upper  13 lower
  ;;  14 quarter  15 candT  16 blockSums  17 blockCounts  18 blockChanged  19 blockPot  20 quarterT
  ;;  21 + 4·set: result set `set`'s labels, nearest, second, secondLabel
  (func $slot (param $desc i32) (param $i i32) (result i32)
    (i32.load (i32.add (local.get $desc) (i32.shl (local.get $i) (i32.const 2)))))
  ;; params[i] (f64) as an integer (saturating: a slot a pass does not use may hold anything, and must not trap)
  (func $param (param $desc i32) (param $i i32) (result i32)
    (i32.trunc_sat_f64_s (f64.load (i32.add (call $slot (local.get $desc) (i32.const 6)) (i32.shl (local.get $i) (i32.const 3))))))
  (func $paramF (param $desc i32) (param $i i32) (result f64)
    (f64.load (i32.add (call $slot (local.get $desc) (i32.const 6)) (i32.shl (local.get $i) (i32.const 3)))))

  ;; Squared distance of one row to the two centres of one pair (lanes 0 and 1), d features.
  (func $pairDist (param $row i32) (param $pair i32) (param $d i32) (result v128)
    (local $acc v128) (local $t v128) (local $end i32)
    (local.set $end (i32.add (local.get $row) (i32.shl (local.get $d) (i32.const 3))))
    (block $done
      (loop $feature
        (br_if $done (i32.ge_u (local.get $row) (local.get $end)))
        (local.set $t (f64x2.sub (v128.load64_splat (local.get $row)) (v128.load (local.get $pair))))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $row (i32.add (local.get $row) (i32.const 8)))
        (local.set $pair (i32.add (local.get $pair) (i32.const 16)))
        (br $feature)))
    (local.get $acc))

  ;; Squared distance of two rows of d features, in feature order (sqDist).
  (func $dist (param $a i32) (param $b i32) (param $d i32) (result f64)
    (local $s f64) (local $t f64) (local $end i32)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $d) (i32.const 3))))
    (block $done
      (loop $feature
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $t (f64.sub (f64.load (local.get $a)) (f64.load (local.get $b))))
        (local.set $s (f64.add (local.get $s) (f64.mul (local.get $t) (local.get $t))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (br $feature)))
    (local.get $s))

  ;; Squared distances of two rows (lanes 0 and 1) to one centre, each in feature order: the two rows' features
  ;; side by side in one vector, so the two sums run together instead of one long chain of dependent additions.
  (func $rowPairDist (param $a i32) (param $b i32) (param $c i32) (param $d i32) (result v128)
    (local $acc v128) (local $t v128) (local $end i32)
    (local.set $end (i32.add (local.get $c) (i32.shl (local.get $d) (i32.const 3))))
    (block $done
      (loop $feature
        (br_if $done (i32.ge_u (local.get $c) (local.get $end)))
        (local.set $t (f64x2.sub
          (v128.load64_lane 1 (local.get $b) (v128.load64_zero (local.get $a)))
          (v128.load64_splat (local.get $c))))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (local.set $c (i32.add (local.get $c) (i32.const 8)))
        (br $feature)))
    (local.get $acc))

  ;; Nearest and second-nearest of k centres (ct) to the row: (nearest, D²₁, D²₂, second), centres taken in index
  ;; order with kmeans-blocks' update rule. Centre `own` counts as `ownSq` instead of its computed distance (the
  ;; Hamerly step's u·u); own = -1 for none.
  (func $near2 (param $row i32) (param $ct i32) (param $d i32) (param $k i32) (param $own i32) (param $ownSq f64)
    (result i32 f64 f64 i32)
    (local $j i32) (local $pairBytes i32) (local $v v128) (local $s f64)
    (local $b i32) (local $b2 i32) (local $d1 f64) (local $d2 f64)
    (local.set $b2 (i32.const -1))
    (local.set $d1 (f64.const inf))
    (local.set $d2 (f64.const inf))
    (local.set $pairBytes (i32.shl (local.get $d) (i32.const 4)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $j) (local.get $k)))
        (local.set $v (call $pairDist (local.get $row) (local.get $ct) (local.get $d)))
        ;; lane 0: centre j
        (local.set $s (f64x2.extract_lane 0 (local.get $v)))
        (if (i32.eq (local.get $j) (local.get $own)) (then (local.set $s (local.get $ownSq))))
        (if (f64.lt (local.get $s) (local.get $d1))
          (then
            (local.set $d2 (local.get $d1)) (local.set $b2 (local.get $b))
            (local.set $d1 (local.get $s)) (local.set $b (local.get $j)))
          (else (if (f64.lt (local.get $s) (local.get $d2))
            (then (local.set $d2 (local.get $s)) (local.set $b2 (local.get $j))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $done (i32.ge_u (local.get $j) (local.get $k)))
        ;; lane 1: centre j + 1
        (local.set $s (f64x2.extract_lane 1 (local.get $v)))
        (if (i32.eq (local.get $j) (local.get $own)) (then (local.set $s (local.get $ownSq))))
        (if (f64.lt (local.get $s) (local.get $d1))
          (then
            (local.set $d2 (local.get $d1)) (local.set $b2 (local.get $b))
            (local.set $d1 (local.get $s)) (local.set $b (local.get $j)))
          (else (if (f64.lt (local.get $s) (local.get $d2))
            (then (local.set $d2 (local.get $s)) (local.set $b2 (local.get $j))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (local.set $ct (i32.add (local.get $ct) (local.get $pairBytes)))
        (br $pair)))
    (local.get $b) (local.get $d1) (local.get $d2) (local.get $b2))

  ;; Each candidate's potential Σ min(D², d²(x, candidate)) over the block, by pairs of candidates (candT) into
  ;; blockPot[b·pairs·2 + t] (the stride rounded up to whole pairs; the +Infinity lane adds to a slot nobody reads).
  ;; A candidate the triangle-inequality test rules out (quarter ≥ D², from quarterT: row `owner`, the pair's two
  ;; entries side by side) adds D², as does a distance ≥ D². Branch-free: both lanes' distances are always
  ;; computed and the term chosen by mask, which costs less than the mispredicted branches it replaces
  ;; (the TypeScript pass skips the distance instead; the terms, and so the sums, are the same).
  (func (export "seedCandidates") (param $desc i32) (param $b i32)
    (local $d i32) (local $pairs i32) (local $i i32) (local $to i32) (local $row i32) (local $rowBytes i32)
    (local $closest i32) (local $owner i32) (local $quarterT i32) (local $candT i32) (local $pot i32)
    (local $ownerRow i32) (local $p i32) (local $pair i32) (local $pp i32) (local $pairBytes i32)
    (local $ci v128) (local $sd v128) (local $use v128)
    (local.set $d (call $slot (local.get $desc) (i32.const 1)))
    (local.set $pairs (i32.shr_u (i32.add (call $slot (local.get $desc) (i32.const 3)) (i32.const 1)) (i32.const 1)))
    (local.set $closest (call $slot (local.get $desc) (i32.const 12)))
    (local.set $owner (call $slot (local.get $desc) (i32.const 11)))
    (local.set $quarterT (call $slot (local.get $desc) (i32.const 20)))
    (local.set $candT (call $slot (local.get $desc) (i32.const 15)))
    (local.set $pot (i32.add (call $slot (local.get $desc) (i32.const 19))
      (i32.shl (i32.mul (local.get $b) (local.get $pairs)) (i32.const 4))))
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $pairBytes (i32.shl (local.get $d) (i32.const 4)))
    (local.set $p (i32.const 0))
    (block $z (loop $zero
      (br_if $z (i32.ge_u (local.get $p) (local.get $pairs)))
      (v128.store (i32.add (local.get $pot) (i32.shl (local.get $p) (i32.const 4))) (v128.const f64x2 0 0))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $zero)))
    (local.set $i (i32.mul (local.get $b) (call $slot (local.get $desc) (i32.const 4))))
    (local.set $to (i32.add (local.get $i) (call $slot (local.get $desc) (i32.const 4))))
    (if (i32.gt_u (local.get $to) (call $slot (local.get $desc) (i32.const 0)))
      (then (local.set $to (call $slot (local.get $desc) (i32.const 0)))))
    (local.set $row (i32.add (call $slot (local.get $desc) (i32.const 5)) (i32.mul (local.get $i) (local.get $rowBytes))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        (local.set $ci (v128.load64_splat (i32.add (local.get $closest) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $ownerRow (i32.add (local.get $quarterT)
          (i32.shl (i32.mul (i32.load (i32.add (local.get $owner) (i32.shl (local.get $i) (i32.const 2)))) (local.get $pairs))
            (i32.const 4))))
        (local.set $p (i32.const 0))
        (local.set $pair (local.get $candT))
        (local.set $pp (local.get $pot))
        (block $pd
          (loop $pairLoop
            (br_if $pd (i32.ge_u (local.get $p) (local.get $pairs)))
            (local.set $sd (call $pairDist (local.get $row) (local.get $pair) (local.get $d)))
            (local.set $use (v128.and
              (f64x2.lt (v128.load (local.get $ownerRow)) (local.get $ci))
              (f64x2.lt (local.get $sd) (local.get $ci))))
            (v128.store (local.get $pp)
              (f64x2.add (v128.load (local.get $pp)) (v128.bitselect (local.get $sd) (local.get $ci) (local.get $use))))
            (local.set $ownerRow (i32.add (local.get $ownerRow) (i32.const 16)))
            (local.set $pair (i32.add (local.get $pair) (local.get $pairBytes)))
            (local.set $pp (i32.add (local.get $pp) (i32.const 16)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $pairLoop)))
        (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; D² and owner updated for the winning candidate (row params[winnerRow], trial params[winnerTrial], centre
  ;; number params[round]) where it is closer, unless the triangle-inequality test rules the row out. Two rows at a
  ;; time, one per lane (rowPairDist), and branch-free: each row's D² and owner are rewritten with the chosen value.
  (func (export "seedWinner") (param $desc i32) (param $b i32)
    (local $d i32) (local $k i32) (local $i i32) (local $to i32) (local $row i32) (local $next i32) (local $rowBytes i32)
    (local $closest i32) (local $owner i32) (local $quarterBest i32) (local $winner i32) (local $round i32)
    (local $ci v128) (local $q v128) (local $sd v128) (local $use v128) (local $o i32) (local $own0 i32) (local $own1 i32)
    (local.set $d (call $slot (local.get $desc) (i32.const 1)))
    (local.set $k (call $slot (local.get $desc) (i32.const 2)))
    (local.set $closest (call $slot (local.get $desc) (i32.const 12)))
    (local.set $owner (call $slot (local.get $desc) (i32.const 11)))
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $quarterBest (i32.add (call $slot (local.get $desc) (i32.const 14))
      (i32.shl (i32.mul (call $param (local.get $desc) (i32.const 3)) (local.get $k)) (i32.const 3))))
    (local.set $winner (i32.add (call $slot (local.get $desc) (i32.const 5))
      (i32.mul (call $param (local.get $desc) (i32.const 2)) (local.get $rowBytes))))
    (local.set $round (call $param (local.get $desc) (i32.const 1)))
    (local.set $i (i32.mul (local.get $b) (call $slot (local.get $desc) (i32.const 4))))
    (local.set $to (i32.add (local.get $i) (call $slot (local.get $desc) (i32.const 4))))
    (if (i32.gt_u (local.get $to) (call $slot (local.get $desc) (i32.const 0)))
      (then (local.set $to (call $slot (local.get $desc) (i32.const 0)))))
    (local.set $row (i32.add (call $slot (local.get $desc) (i32.const 5)) (i32.mul (local.get $i) (local.get $rowBytes))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        ;; the last row of an odd block pairs with itself; only its lane 0 is stored
        (local.set $next (select (i32.add (local.get $row) (local.get $rowBytes)) (local.get $row)
          (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $to))))
        (local.set $sd (call $rowPairDist (local.get $row) (local.get $next) (local.get $winner) (local.get $d)))
        (local.set $o (i32.add (local.get $owner) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $own0 (i32.load (local.get $o)))
        (local.set $ci (v128.load64_splat (i32.add (local.get $closest) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $q (v128.load64_splat (i32.add (local.get $quarterBest) (i32.shl (local.get $own0) (i32.const 3)))))
        (if (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $to))
          (then
            (local.set $own1 (i32.load offset=4 (local.get $o)))
            (local.set $ci (v128.load (i32.add (local.get $closest) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $q (v128.load64_lane 1
              (i32.add (local.get $quarterBest) (i32.shl (local.get $own1) (i32.const 3))) (local.get $q)))))
        (local.set $use (v128.and (f64x2.lt (local.get $q) (local.get $ci)) (f64x2.lt (local.get $sd) (local.get $ci))))
        (local.set $sd (v128.bitselect (local.get $sd) (local.get $ci) (local.get $use)))
        (f64.store (i32.add (local.get $closest) (i32.shl (local.get $i) (i32.const 3))) (f64x2.extract_lane 0 (local.get $sd)))
        (i32.store (local.get $o) (select (local.get $round) (local.get $own0) (i32x4.extract_lane 0 (local.get $use))))
        (if (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $to))
          (then
            (f64.store offset=8 (i32.add (local.get $closest) (i32.shl (local.get $i) (i32.const 3))) (f64x2.extract_lane 1 (local.get $sd)))
            (i32.store offset=4 (local.get $o) (select (local.get $round) (local.get $own1) (i32x4.extract_lane 2 (local.get $use))))))
        (local.set $row (i32.add (local.get $next) (local.get $rowBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rows))))

  ;; One Lloyd iteration's row work for the block (kmeans-blocks' lloyd): the E-step, all distances when `full`,
  ;; else Hamerly's bounds moved by the centres' last shifts; then the block's centre sums and counts (zeroed
  ;; first, rows added in order) and its count of changed labels.
  (func (export "lloyd") (param $desc i32) (param $b i32) (param $full i32)
    (local $d i32) (local $k i32) (local $i i32) (local $to i32) (local $row i32) (local $rowBytes i32)
    (local $ct i32) (local $centers i32) (local $half i32) (local $shift i32) (local $labels i32) (local $upper i32) (local $lower i32)
    (local $sums i32) (local $counts i32) (local $x i32) (local $end i32)
    (local $r1 i32) (local $moveOthers f64) (local $moveFarthest f64) (local $changed i32)
    (local $a i32) (local $label i32) (local $up f64) (local $lo f64) (local $z f64) (local $h f64) (local $u f64)
    (local $best i32) (local $d1 f64) (local $d2 f64) (local $unused i32) (local $s i32)
    (local.set $d (call $slot (local.get $desc) (i32.const 1)))
    (local.set $k (call $slot (local.get $desc) (i32.const 2)))
    (local.set $centers (call $slot (local.get $desc) (i32.const 7)))
    (local.set $ct (call $slot (local.get $desc) (i32.const 8)))
    (local.set $half (call $slot (local.get $desc) (i32.const 9)))
    (local.set $shift (call $slot (local.get $desc) (i32.const 10)))
    (local.set $labels (call $slot (local.get $desc) (i32.const 11)))
    (local.set $upper (call $slot (local.get $desc) (i32.const 12)))
    (local.set $lower (call $slot (local.get $desc) (i32.const 13)))
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $sums (i32.add (call $slot (local.get $desc) (i32.const 16))
      (i32.shl (i32.mul (i32.mul (local.get $b) (local.get $k)) (local.get $d)) (i32.const 3))))
    (local.set $counts (i32.add (call $slot (local.get $desc) (i32.const 17))
      (i32.shl (i32.mul (local.get $b) (local.get $k)) (i32.const 3))))
    (local.set $r1 (call $param (local.get $desc) (i32.const 4)))
    (local.set $moveOthers (call $paramF (local.get $desc) (i32.const 5)))
    (local.set $moveFarthest (call $paramF (local.get $desc) (i32.const 6)))
    ;; zero the block's sums and counts
    (local.set $x (local.get $sums))
    (local.set $end (i32.add (local.get $sums) (i32.shl (i32.mul (local.get $k) (local.get $d)) (i32.const 3))))
    (block $z1 (loop $zs
      (br_if $z1 (i32.ge_u (local.get $x) (local.get $end)))
      (f64.store (local.get $x) (f64.const 0))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (br $zs)))
    (local.set $x (local.get $counts))
    (local.set $end (i32.add (local.get $counts) (i32.shl (local.get $k) (i32.const 3))))
    (block $z2 (loop $zc
      (br_if $z2 (i32.ge_u (local.get $x) (local.get $end)))
      (f64.store (local.get $x) (f64.const 0))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (br $zc)))
    (local.set $i (i32.mul (local.get $b) (call $slot (local.get $desc) (i32.const 4))))
    (local.set $to (i32.add (local.get $i) (call $slot (local.get $desc) (i32.const 4))))
    (if (i32.gt_u (local.get $to) (call $slot (local.get $desc) (i32.const 0)))
      (then (local.set $to (call $slot (local.get $desc) (i32.const 0)))))
    (local.set $row (i32.add (call $slot (local.get $desc) (i32.const 5)) (i32.mul (local.get $i) (local.get $rowBytes))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        (if (local.get $full)
          (then
            (call $near2 (local.get $row) (local.get $ct) (local.get $d) (local.get $k) (i32.const -1) (f64.const 0))
            (local.set $unused) (local.set $d2) (local.set $d1) (local.set $best)
            (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2))) (local.get $best))
            (f64.store (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))) (f64.sqrt (local.get $d1)))
            (f64.store (i32.add (local.get $lower) (i32.shl (local.get $i) (i32.const 3))) (f64.sqrt (local.get $d2)))
            (local.set $label (local.get $best)))
          (else
            (local.set $a (i32.load (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $label (local.get $a))
            (local.set $up (f64.add (f64.load (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))))
              (f64.load (i32.add (local.get $shift) (i32.shl (local.get $a) (i32.const 3))))))
            (local.set $lo (f64.sub (f64.load (i32.add (local.get $lower) (i32.shl (local.get $i) (i32.const 3))))
              (select (local.get $moveFarthest) (local.get $moveOthers) (i32.eq (local.get $a) (local.get $r1)))))
            (f64.store (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))) (local.get $up))
            (f64.store (i32.add (local.get $lower) (i32.shl (local.get $i) (i32.const 3))) (local.get $lo))
            (local.set $h (f64.load (i32.add (local.get $half) (i32.shl (local.get $a) (i32.const 3)))))
            (local.set $z (select (local.get $h) (local.get $lo) (f64.gt (local.get $h) (local.get $lo))))
            (if (f64.gt (local.get $up) (local.get $z))
              (then
                (local.set $u (f64.sqrt (call $dist (local.get $row)
                  (i32.add (local.get $centers) (i32.mul (local.get $a) (local.get $rowBytes))) (local.get $d))))
                (f64.store (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))) (local.get $u))
                (if (f64.gt (local.get $u) (local.get $z))
                  (then
                    (call $near2 (local.get $row) (local.get $ct) (local.get $d) (local.get $k) (local.get $a)
                      (f64.mul (local.get $u) (local.get $u)))
                    (local.set $unused) (local.set $d2) (local.set $d1) (local.set $best)
                    (if (i32.ne (local.get $best) (local.get $a))
                      (then
                        (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2))) (local.get $best))
                        (local.set $changed (i32.add (local.get $changed) (i32.const 1)))
                        (local.set $label (local.get $best))))
                    (f64.store (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))) (f64.sqrt (local.get $d1)))
                    (f64.store (i32.add (local.get $lower) (i32.shl (local.get $i) (i32.const 3))) (f64.sqrt (local.get $d2)))))))))
        ;; counts[label]++ and the row added to its centre's sums
        (local.set $x (i32.add (local.get $counts) (i32.shl (local.get $label) (i32.const 3))))
        (f64.store (local.get $x) (f64.add (f64.load (local.get $x)) (f64.const 1)))
        (local.set $x (i32.add (local.get $sums) (i32.mul (local.get $label) (local.get $rowBytes))))
        (local.set $s (local.get $row))
        (local.set $end (i32.add (local.get $row) (local.get $rowBytes)))
        (block $sd (loop $sum
          (br_if $sd (i32.ge_u (local.get $s) (local.get $end)))
          (f64.store (local.get $x) (f64.add (f64.load (local.get $x)) (f64.load (local.get $s))))
          (local.set $x (i32.add (local.get $x) (i32.const 8)))
          (local.set $s (i32.add (local.get $s) (i32.const 8)))
          (br $sum)))
        (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (f64.store (i32.add (call $slot (local.get $desc) (i32.const 18)) (i32.shl (local.get $b) (i32.const 3)))
      (f64.convert_i32_s (local.get $changed))))

  ;; Per-feature mean and sum of squared deviations (distance.ts's meanFeatureVariance, whose tolerance scale
  ;; k-means needs) at `out`: d means, then d sums; two passes, each feature's sums in row order as there.
  (func (export "featureMoments") (param $data i32) (param $n i32) (param $d i32) (param $out i32)
    (local $ss i32) (local $i i32) (local $row i32) (local $f i32) (local $rowBytes i32) (local $t f64) (local $count f64)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $ss (i32.add (local.get $out) (local.get $rowBytes)))
    (local.set $f (i32.const 0))
    (block $zd (loop $zero
      (br_if $zd (i32.ge_u (local.get $f) (i32.shl (local.get $rowBytes) (i32.const 1))))
      (f64.store (i32.add (local.get $out) (local.get $f)) (f64.const 0))
      (local.set $f (i32.add (local.get $f) (i32.const 8)))
      (br $zero)))
    (local.set $row (local.get $data))
    (block $md (loop $mrows
      (br_if $md (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $f (i32.const 0))
      (block $fd (loop $mf
        (br_if $fd (i32.ge_u (local.get $f) (local.get $rowBytes)))
        (f64.store (i32.add (local.get $out) (local.get $f))
          (f64.add (f64.load (i32.add (local.get $out) (local.get $f))) (f64.load (i32.add (local.get $row) (local.get $f)))))
        (local.set $f (i32.add (local.get $f) (i32.const 8)))
        (br $mf)))
      (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $mrows)))
    (local.set $count (f64.convert_i32_u (local.get $n)))
    (local.set $f (i32.const 0))
    (block $dd (loop $div
      (br_if $dd (i32.ge_u (local.get $f) (local.get $rowBytes)))
      (f64.store (i32.add (local.get $out) (local.get $f)) (f64.div (f64.load (i32.add (local.get $out) (local.get $f))) (local.get $count)))
      (local.set $f (i32.add (local.get $f) (i32.const 8)))
      (br $div)))
    (local.set $i (i32.const 0))
    (local.set $row (local.get $data))
    (block $sd (loop $srows
      (br_if $sd (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $f (i32.const 0))
      (block $gd (loop $sf
        (br_if $gd (i32.ge_u (local.get $f) (local.get $rowBytes)))
        (local.set $t (f64.sub (f64.load (i32.add (local.get $row) (local.get $f))) (f64.load (i32.add (local.get $out) (local.get $f)))))
        (f64.store (i32.add (local.get $ss) (local.get $f))
          (f64.add (f64.load (i32.add (local.get $ss) (local.get $f))) (f64.mul (local.get $t) (local.get $t))))
        (local.set $f (i32.add (local.get $f) (i32.const 8)))
        (br $sf)))
      (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $srows))))

  ;; The PCA's column means and the upper triangle of its cross-product matrix (pca.ts), at `out`: the means (d
  ;; values and a 0), then d + 1 scratch values, then the d × d matrix and one spare value; the caller zeroes it.
  ;; Each entry is summed over the rows in row order, exactly as pca.ts's TypeScript: the means feature by feature,
  ;; then per row the deviations from them and cov[p][q] += dev[p] · dev[q] for q ≥ p, two q to a vector. A pair
  ;; that runs past the row's end writes below the diagonal (or into the spare value), which the caller overwrites
  ;; with the mirror of the upper triangle.
  (func (export "covariance") (param $data i32) (param $n i32) (param $d i32) (param $out i32)
    (local $mean i32) (local $dev i32) (local $cov i32) (local $i i32) (local $row i32) (local $f i32) (local $rowBytes i32)
    (local $p i32) (local $dp v128) (local $at i32) (local $dq i32) (local $end i32) (local $count f64)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $mean (local.get $out))
    (local.set $dev (i32.add (local.get $mean) (i32.add (local.get $rowBytes) (i32.const 8))))
    (local.set $cov (i32.add (local.get $dev) (i32.add (local.get $rowBytes) (i32.const 8))))
    ;; means: Σ rows, then ÷ max(1, n)
    (local.set $row (local.get $data))
    (block $md (loop $mrows
      (br_if $md (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $f (i32.const 0))
      (block $fd (loop $mf
        (br_if $fd (i32.ge_u (local.get $f) (local.get $rowBytes)))
        (f64.store (i32.add (local.get $mean) (local.get $f))
          (f64.add (f64.load (i32.add (local.get $mean) (local.get $f))) (f64.load (i32.add (local.get $row) (local.get $f)))))
        (local.set $f (i32.add (local.get $f) (i32.const 8)))
        (br $mf)))
      (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $mrows)))
    (local.set $count (f64.convert_i32_u (select (local.get $n) (i32.const 1) (i32.gt_u (local.get $n) (i32.const 1)))))
    (local.set $f (i32.const 0))
    (block $dd (loop $div
      (br_if $dd (i32.ge_u (local.get $f) (local.get $rowBytes)))
      (f64.store (i32.add (local.get $mean) (local.get $f)) (f64.div (f64.load (i32.add (local.get $mean) (local.get $f))) (local.get $count)))
      (local.set $f (i32.add (local.get $f) (i32.const 8)))
      (br $div)))
    ;; cross products of the deviations
    (local.set $i (i32.const 0))
    (local.set $row (local.get $data))
    (block $cd (loop $crows
      (br_if $cd (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $f (i32.const 0))
      (block $vd (loop $devs
        (br_if $vd (i32.ge_u (local.get $f) (local.get $rowBytes)))
        (f64.store (i32.add (local.get $dev) (local.get $f))
          (f64.sub (f64.load (i32.add (local.get $row) (local.get $f))) (f64.load (i32.add (local.get $mean) (local.get $f)))))
        (local.set $f (i32.add (local.get $f) (i32.const 8)))
        (br $devs)))
      (local.set $p (i32.const 0))
      (block $pd (loop $ps
        (br_if $pd (i32.ge_u (local.get $p) (local.get $d)))
        (local.set $dp (v128.load64_splat (i32.add (local.get $dev) (i32.shl (local.get $p) (i32.const 3)))))
        ;; &cov[p][p] and &dev[p]; q runs to the row's end two at a time
        (local.set $at (i32.add (local.get $cov) (i32.shl (i32.add (i32.mul (local.get $p) (local.get $d)) (local.get $p)) (i32.const 3))))
        (local.set $dq (i32.add (local.get $dev) (i32.shl (local.get $p) (i32.const 3))))
        (local.set $end (i32.add (local.get $dev) (local.get $rowBytes)))
        (block $qd (loop $qs
          (br_if $qd (i32.ge_u (local.get $dq) (local.get $end)))
          (v128.store (local.get $at)
            (f64x2.add (v128.load (local.get $at)) (f64x2.mul (local.get $dp) (v128.load (local.get $dq)))))
          (local.set $at (i32.add (local.get $at) (i32.const 16)))
          (local.set $dq (i32.add (local.get $dq) (i32.const 16)))
          (br $qs)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $ps)))
      (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $crows))))

  ;; Nearest and second-nearest centre of each row into result set params[resultSet]; D² into `upper` for the
  ;; caller's running inertia sum (kmeans-blocks' assignFinal).
  (func (export "assignFinal") (param $desc i32) (param $b i32)
    (local $d i32) (local $k i32) (local $i i32) (local $to i32) (local $row i32) (local $rowBytes i32)
    (local $ct i32) (local $upper i32) (local $set i32) (local $labels i32) (local $nearest i32) (local $second i32) (local $secondLabel i32)
    (local $best i32) (local $d1 f64) (local $d2 f64) (local $b2 i32)
    (local.set $d (call $slot (local.get $desc) (i32.const 1)))
    (local.set $k (call $slot (local.get $desc) (i32.const 2)))
    (local.set $ct (call $slot (local.get $desc) (i32.const 8)))
    (local.set $upper (call $slot (local.get $desc) (i32.const 12)))
    (local.set $set (i32.add (i32.const 21) (i32.shl (call $param (local.get $desc) (i32.const 7)) (i32.const 2))))
    (local.set $labels (call $slot (local.get $desc) (local.get $set)))
    (local.set $nearest (call $slot (local.get $desc) (i32.add (local.get $set) (i32.const 1))))
    (local.set $second (call $slot (local.get $desc) (i32.add (local.get $set) (i32.const 2))))
    (local.set $secondLabel (call $slot (local.get $desc) (i32.add (local.get $set) (i32.const 3))))
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $i (i32.mul (local.get $b) (call $slot (local.get $desc) (i32.const 4))))
    (local.set $to (i32.add (local.get $i) (call $slot (local.get $desc) (i32.const 4))))
    (if (i32.gt_u (local.get $to) (call $slot (local.get $desc) (i32.const 0)))
      (then (local.set $to (call $slot (local.get $desc) (i32.const 0)))))
    (local.set $row (i32.add (call $slot (local.get $desc) (i32.const 5)) (i32.mul (local.get $i) (local.get $rowBytes))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        (call $near2 (local.get $row) (local.get $ct) (local.get $d) (local.get $k) (i32.const -1) (f64.const 0))
        (local.set $b2) (local.set $d2) (local.set $d1) (local.set $best)
        (if (i32.eq (local.get $k) (i32.const 1)) (then (local.set $b2 (i32.const -1))))
        (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2))) (local.get $best))
        (i32.store (i32.add (local.get $secondLabel) (i32.shl (local.get $i) (i32.const 2))) (local.get $b2))
        (f64.store (i32.add (local.get $nearest) (i32.shl (local.get $i) (i32.const 3))) (f64.sqrt (local.get $d1)))
        (f64.store (i32.add (local.get $second) (i32.shl (local.get $i) (i32.const 3))) (f64.sqrt (local.get $d2)))
        (f64.store (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))) (local.get $d1))
        (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))
)
