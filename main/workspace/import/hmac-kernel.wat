;; HMAC-SHA256 of many short values at once, four per pass in the lanes of i32x4 (WebAssembly SIMD), for the
;; import's pseudonymisation (pii.ts, pii-batch.ts). Hand-written because no library does what this needs: Node's
;; crypto hashes one value per call (~0.4 µs of call overhead each, and createHmac allocates a native object),
;; and the JavaScript SHA-256 in pii.ts runs one message at a time (~0.4 µs per compression): with e-mails and
;; phones pseudonymised, that was over a third of the parse thread's work on a 1M-row import. Here each lane
;; runs its own message through the same FIPS 180-4 rounds, so four tokens cost about one. Rotations are written
;; out as shift, shift, or (WebAssembly has no vector rotate, and a helper function was not inlined).
;;
;; Only single-block messages: the inner hash H((K^ipad) || m) continues from the precomputed K^ipad state with
;; one padded block, which holds m when it is at most 55 bytes. Longer values go to the one-at-a-time path.
;;
;; Memory (this module's own, 4 pages):
;;   0      inner state, 8 × i32 (the compressed K^ipad block), written once by the caller
;;   32     outer state, 8 × i32 (the compressed K^opad block)
;;   1024   the 64 round constants, each splatted to four lanes (v128), written by init()
;;   2048   message schedule W[0..64), v128 each
;;   3072   the state after a compression, 8 × v128
;;   4096   input: message m is lane m % 4 of group m / 4 (256 bytes a group); word i of a lane is the i32 at
;;          group + 16 i + 4 lane, holding the block's big-endian word as a native (little-endian) value. The
;;          caller writes each message's bytes, 0x80 and its bit length; everything else must be zero, and
;;          hmac() zeroes every group it reads, so the next call starts from zeros again.
;;   INPUT_END (4096 + 256 × MAX_GROUPS) output: message m's token "p_" + 16 hex digits at OUT + 18 m
(module
  (memory (export "memory") 4)
  (global $STATE_IN i32 (i32.const 0))
  (global $STATE_OUT i32 (i32.const 32))
  (global $K i32 (i32.const 1024))
  (global $W i32 (i32.const 2048))
  (global $S i32 (i32.const 3072))
  (global $IN i32 (i32.const 4096))
  ;; 512 groups = 2048 messages; output 2048 × 18 = 36,864 bytes from 135,168: ends at 172,032 < 262,144.
  (global $MAX_MESSAGES (export "MAX_MESSAGES") i32 (i32.const 2048))
  (global $OUT (export "OUT") i32 (i32.const 135168))

  ;; The round constants, splatted; called once after instantiation with the 64 constants at 1024 as i32s.
  (func (export "init")
    (local $i i32)
    ;; Expand in place from the top down: constant i (i32 at 1024 + 4 i) becomes the v128 at 1024 + 16 i.
    (local.set $i (i32.const 63))
    (loop $l
      (v128.store (i32.add (global.get $K) (i32.shl (local.get $i) (i32.const 4)))
        (i32x4.splat (i32.load (i32.add (global.get $K) (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br_if $l (i32.ge_s (local.get $i) (i32.const 0)))))

  ;; W[16..64) from W[0..16) (FIPS 180-4, 6.2.2 step 1).
  (func $schedule
    (local $p i32) (local $x v128) (local $y v128)
    (local.set $p (i32.add (global.get $W) (i32.const 256)))
    (loop $l
      (local.set $x (v128.load (i32.sub (local.get $p) (i32.const 240))))
      (local.set $y (v128.load (i32.sub (local.get $p) (i32.const 32))))
      (v128.store (local.get $p)
        (i32x4.add
          (i32x4.add (v128.load (i32.sub (local.get $p) (i32.const 256))) (v128.load (i32.sub (local.get $p) (i32.const 112))))
          (i32x4.add
            (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $x) (i32.const 7)) (i32x4.shl (local.get $x) (i32.const 25))) (v128.or (i32x4.shr_u (local.get $x) (i32.const 18)) (i32x4.shl (local.get $x) (i32.const 14)))) (i32x4.shr_u (local.get $x) (i32.const 3)))
            (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $y) (i32.const 17)) (i32x4.shl (local.get $y) (i32.const 15))) (v128.or (i32x4.shr_u (local.get $y) (i32.const 19)) (i32x4.shl (local.get $y) (i32.const 13)))) (i32x4.shr_u (local.get $y) (i32.const 10))))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br_if $l (i32.lt_u (local.get $p) (i32.add (global.get $W) (i32.const 1024))))))

  ;; One compression of W from the state at $st (8 × i32, the same in every lane) into S (8 × v128).
  (func $compress (param $st i32)
    (local $a v128) (local $b v128) (local $c v128) (local $d v128)
    (local $e v128) (local $f v128) (local $g v128) (local $h v128)
    (local $t1 v128) (local $t2 v128) (local $q i32)
    (local.set $a (i32x4.splat (i32.load offset=0 (local.get $st))))
    (local.set $b (i32x4.splat (i32.load offset=4 (local.get $st))))
    (local.set $c (i32x4.splat (i32.load offset=8 (local.get $st))))
    (local.set $d (i32x4.splat (i32.load offset=12 (local.get $st))))
    (local.set $e (i32x4.splat (i32.load offset=16 (local.get $st))))
    (local.set $f (i32x4.splat (i32.load offset=20 (local.get $st))))
    (local.set $g (i32x4.splat (i32.load offset=24 (local.get $st))))
    (local.set $h (i32x4.splat (i32.load offset=28 (local.get $st))))
    (local.set $q (i32.const 0))
    (loop $round
      ;; t1 = h + Σ1(e) + Ch(e, f, g) + K[i] + W[i]; Ch is a bit select of f and g by e.
      (local.set $t1
        (i32x4.add
          (i32x4.add
            (i32x4.add (local.get $h)
              (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $e) (i32.const 6)) (i32x4.shl (local.get $e) (i32.const 26))) (v128.or (i32x4.shr_u (local.get $e) (i32.const 11)) (i32x4.shl (local.get $e) (i32.const 21)))) (v128.or (i32x4.shr_u (local.get $e) (i32.const 25)) (i32x4.shl (local.get $e) (i32.const 7)))))
            (v128.bitselect (local.get $f) (local.get $g) (local.get $e)))
          (i32x4.add (v128.load offset=1024 (local.get $q)) (v128.load offset=2048 (local.get $q)))))
      ;; t2 = Σ0(a) + Maj(a, b, c); Maj is c where a and b differ, else a.
      (local.set $t2
        (i32x4.add
          (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $a) (i32.const 2)) (i32x4.shl (local.get $a) (i32.const 30))) (v128.or (i32x4.shr_u (local.get $a) (i32.const 13)) (i32x4.shl (local.get $a) (i32.const 19)))) (v128.or (i32x4.shr_u (local.get $a) (i32.const 22)) (i32x4.shl (local.get $a) (i32.const 10))))
          (v128.bitselect (local.get $c) (local.get $a) (v128.xor (local.get $a) (local.get $b)))))
      (local.set $h (local.get $g))
      (local.set $g (local.get $f))
      (local.set $f (local.get $e))
      (local.set $e (i32x4.add (local.get $d) (local.get $t1)))
      (local.set $d (local.get $c))
      (local.set $c (local.get $b))
      (local.set $b (local.get $a))
      (local.set $a (i32x4.add (local.get $t1) (local.get $t2)))
      (local.set $q (i32.add (local.get $q) (i32.const 16)))
      (br_if $round (i32.lt_u (local.get $q) (i32.const 1024))))
    (v128.store offset=3072 (i32.const 0) (i32x4.add (local.get $a) (i32x4.splat (i32.load offset=0 (local.get $st)))))
    (v128.store offset=3088 (i32.const 0) (i32x4.add (local.get $b) (i32x4.splat (i32.load offset=4 (local.get $st)))))
    (v128.store offset=3104 (i32.const 0) (i32x4.add (local.get $c) (i32x4.splat (i32.load offset=8 (local.get $st)))))
    (v128.store offset=3120 (i32.const 0) (i32x4.add (local.get $d) (i32x4.splat (i32.load offset=12 (local.get $st)))))
    (v128.store offset=3136 (i32.const 0) (i32x4.add (local.get $e) (i32x4.splat (i32.load offset=16 (local.get $st)))))
    (v128.store offset=3152 (i32.const 0) (i32x4.add (local.get $f) (i32x4.splat (i32.load offset=20 (local.get $st)))))
    (v128.store offset=3168 (i32.const 0) (i32x4.add (local.get $g) (i32x4.splat (i32.load offset=24 (local.get $st)))))
    (v128.store offset=3184 (i32.const 0) (i32x4.add (local.get $h) (i32x4.splat (i32.load offset=28 (local.get $st))))))

  ;; Eight lowercase hex digits of x at $out.
  (func $hex8 (param $x i32) (param $out i32)
    (local $i i32) (local $n i32)
    (local.set $i (i32.const 0))
    (loop $l
      (local.set $n (i32.and (i32.shr_u (local.get $x) (i32.sub (i32.const 28) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 15)))
      ;; '0' + n, or 'a' + n − 10 for n ≥ 10.
      (i32.store8 (i32.add (local.get $out) (local.get $i))
        (i32.add (i32.add (local.get $n) (i32.const 48)) (select (i32.const 39) (i32.const 0) (i32.ge_u (local.get $n) (i32.const 10)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 8)))))

  ;; Tokens for messages 0..count (count ≤ MAX_MESSAGES) into OUT: "p_" and the first 64 bits of each HMAC in hex.
  (func (export "hmac") (param $count i32)
    (local $g i32) (local $groups i32) (local $in i32) (local $q i32) (local $lane i32) (local $m i32) (local $out i32)
    (local.set $groups (i32.shr_u (i32.add (local.get $count) (i32.const 3)) (i32.const 2)))
    (local.set $g (i32.const 0))
    (block $done
      (loop $group
        (br_if $done (i32.ge_u (local.get $g) (local.get $groups)))
        (local.set $in (i32.add (global.get $IN) (i32.shl (local.get $g) (i32.const 8))))
        ;; Inner: the padded message block after K^ipad. Copy it into W[0..16) and leave zeros behind.
        (local.set $q (i32.const 0))
        (loop $copy
          (v128.store offset=2048 (local.get $q) (v128.load (i32.add (local.get $in) (local.get $q))))
          (v128.store (i32.add (local.get $in) (local.get $q)) (v128.const i64x2 0 0))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (br_if $copy (i32.lt_u (local.get $q) (i32.const 256))))
        (call $schedule)
        (call $compress (global.get $STATE_IN))
        ;; Outer: the 32-byte inner digest, 0x80, zeros and the length (64 + 32 bytes = 768 bits) after K^opad.
        (local.set $q (i32.const 0))
        (loop $digest
          (v128.store offset=2048 (local.get $q) (v128.load offset=3072 (local.get $q)))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (br_if $digest (i32.lt_u (local.get $q) (i32.const 128))))
        (v128.store offset=2176 (i32.const 0) (i32x4.splat (i32.const 0x80000000)))
        (v128.store offset=2192 (i32.const 0) (v128.const i64x2 0 0))
        (v128.store offset=2208 (i32.const 0) (v128.const i64x2 0 0))
        (v128.store offset=2224 (i32.const 0) (v128.const i64x2 0 0))
        (v128.store offset=2240 (i32.const 0) (v128.const i64x2 0 0))
        (v128.store offset=2256 (i32.const 0) (v128.const i64x2 0 0))
        (v128.store offset=2272 (i32.const 0) (v128.const i64x2 0 0))
        (v128.store offset=2288 (i32.const 0) (i32x4.splat (i32.const 768)))
        (call $schedule)
        (call $compress (global.get $STATE_OUT))
        ;; Each lane's token: state words 0 and 1 (at S + 4 lane and S + 16 + 4 lane).
        (local.set $lane (i32.const 0))
        (loop $lanes
          (local.set $m (i32.add (i32.shl (local.get $g) (i32.const 2)) (local.get $lane)))
          (if (i32.lt_u (local.get $m) (local.get $count))
            (then
              (local.set $out (i32.add (global.get $OUT) (i32.mul (local.get $m) (i32.const 18))))
              (i32.store16 (local.get $out) (i32.const 0x5f70)) ;; "p_"
              (call $hex8 (i32.load offset=3072 (i32.shl (local.get $lane) (i32.const 2))) (i32.add (local.get $out) (i32.const 2)))
              (call $hex8 (i32.load offset=3088 (i32.shl (local.get $lane) (i32.const 2))) (i32.add (local.get $out) (i32.const 10)))))
          (local.set $lane (i32.add (local.get $lane) (i32.const 1)))
          (br_if $lanes (i32.lt_u (local.get $lane) (i32.const 4))))
        (local.set $g (i32.add (local.get $g) (i32.const 1)))
        (br $group)))))
