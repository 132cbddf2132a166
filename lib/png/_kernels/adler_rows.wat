;; Adler-32 summed by the loops that read a scanline anyway (Up's, Sub's and Paeth's, the
;; transcoder's, the patched groups of the conversions and labels), from the bytes that are not
;; zero alone: a byte d at offset k of a row of n bytes adds d to a and (n - k) d to b, so the row
;; adds its bytes' sum S to a and n S - T to b, where T sums each byte times its offset. The loops
;; add the non-zero vectors and pixels they meet to the row's sums below; runs of zeros, most of a
;; mask's filtered rows, cost nothing. A kernel that unfilters a strip (transcodeRows, unfilter,
;; unfilterConvert, unfilterLabels) takes the stream's Adler-32 from its word ($sumsOpen), asks
;; before each row whether the loops sum it ($rowSumBegin: other rows are summed apart, by
;; adler32), carries the Adler-32 over it after ($rowSumFinish) and leaves it in the word
;; ($sumsClose); for other callers the sums run on unread. The 32-bit lanes hold the sums of rows
;; of up to 32768 bytes (2048 vectors: a lane of $rowBlocks stays under 2.2 billion).

;; Lanes: each one's bytes; each one's bytes times their vector's index (offset >> 4); each one's
;; bytes times their offset within 16 (offset & 15).
(global $rowSums (mut v128) (v128.const i64x2 0 0))
(global $rowBlocks (mut v128) (v128.const i64x2 0 0))
(global $rowDots (mut v128) (v128.const i64x2 0 0))
;; The bytes added one at a time: their sum, and the sum of each times its offset.
(global $rowBytes (mut i64) (i64.const 0))
(global $rowPlaces (mut i64) (i64.const 0))
;; The stream's Adler-32 as a and b, reduced modulo 65521 only once they grow large (a row adds
;; less than 2^24 to a and 2^47 to b).
(global $adlerA (mut i64) (i64.const 1))
(global $adlerB (mut i64) (i64.const 0))

;; Sets the stream's Adler-32 (b << 16 | a).
(func $adlerSet (param $adler i32)
  (global.set $adlerA (i64.extend_i32_u (i32.and (local.get $adler) (i32.const 0xffff))))
  (global.set $adlerB (i64.extend_i32_u (i32.shr_u (local.get $adler) (i32.const 16)))))

;; The stream's Adler-32 (b << 16 | a).
(func $adlerGet (result i32)
  (i32.or
    (i32.shl (i32.wrap_i64 (i64.rem_u (global.get $adlerB) (i64.const 65521))) (i32.const 16))
    (i32.wrap_i64 (i64.rem_u (global.get $adlerA) (i64.const 65521)))))

;; Clears the row's sums.
(func $rowSumStart
  (global.set $rowSums (v128.const i64x2 0 0))
  (global.set $rowBlocks (v128.const i64x2 0 0))
  (global.set $rowDots (v128.const i64x2 0 0))
  (global.set $rowBytes (i64.const 0))
  (global.set $rowPlaces (i64.const 0)))

;; Adds the 16 bytes $v at offset $i of the row.
(func $sumAt (param $v v128) (param $i i32)
  (local $sums v128) (local $r v128)
  (local.set $sums
    (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $v))))
  (local.set $r (i16x8.splat (i32.and (local.get $i) (i32.const 15))))
  (global.set $rowSums (i32x4.add (global.get $rowSums) (local.get $sums)))
  (global.set $rowBlocks
    (i32x4.add (global.get $rowBlocks)
      (i32x4.mul (local.get $sums) (i32x4.splat (i32.shr_u (local.get $i) (i32.const 4))))))
  (global.set $rowDots
    (i32x4.add (global.get $rowDots)
      (i32x4.add
        (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_u (local.get $v))
          (i16x8.add (local.get $r) (v128.const i16x8 0 1 2 3 4 5 6 7)))
        (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_u (local.get $v))
          (i16x8.add (local.get $r) (v128.const i16x8 8 9 10 11 12 13 14 15)))))))

;; Adds the 64 bytes $f0 to $f3 at offset $i of the row.
(func $sumGroup (param $f0 v128) (param $f1 v128) (param $f2 v128) (param $f3 v128)
  (param $i i32)
  (call $sumAt (local.get $f0) (local.get $i))
  (call $sumAt (local.get $f1) (i32.add (local.get $i) (i32.const 16)))
  (call $sumAt (local.get $f2) (i32.add (local.get $i) (i32.const 32)))
  (call $sumAt (local.get $f3) (i32.add (local.get $i) (i32.const 48))))

;; Adds a pixel's $bpp bytes (3 or 4, the low bytes of $x) at offset $i of the row.
(func $sumPixel (param $x i32) (param $i i32) (param $bpp i32)
  (local $b0 i64) (local $b1 i64) (local $b2 i64) (local $b3 i64)
  (local.set $b0 (i64.extend_i32_u (i32.and (local.get $x) (i32.const 0xff))))
  (local.set $b1
    (i64.extend_i32_u (i32.and (i32.shr_u (local.get $x) (i32.const 8)) (i32.const 0xff))))
  (local.set $b2
    (i64.extend_i32_u (i32.and (i32.shr_u (local.get $x) (i32.const 16)) (i32.const 0xff))))
  (if (i32.eq (local.get $bpp) (i32.const 4))
    (then (local.set $b3 (i64.extend_i32_u (i32.shr_u (local.get $x) (i32.const 24))))))
  ;; b0 becomes the pixel's sum; its bytes' offsets within it weigh b1 to b3.
  (local.set $b0
    (i64.add (i64.add (local.get $b0) (local.get $b1)) (i64.add (local.get $b2) (local.get $b3))))
  (global.set $rowBytes (i64.add (global.get $rowBytes) (local.get $b0)))
  (global.set $rowPlaces
    (i64.add (global.get $rowPlaces)
      (i64.add
        (i64.mul (i64.extend_i32_u (local.get $i)) (local.get $b0))
        (i64.add (local.get $b1)
          (i64.add (i64.shl (local.get $b2) (i64.const 1))
            (i64.mul (local.get $b3) (i64.const 3))))))))

;; Adds the row's bytes from offset $from to $to, read at $p + offset (not changed yet).
(func $sumBytes (param $p i32) (param $from i32) (param $to i32)
  (local $byte i64)
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $from) (local.get $to)))
      (local.set $byte (i64.load8_u (i32.add (local.get $p) (local.get $from))))
      (global.set $rowBytes (i64.add (global.get $rowBytes) (local.get $byte)))
      (global.set $rowPlaces
        (i64.add (global.get $rowPlaces)
          (i64.mul (i64.extend_i32_u (local.get $from)) (local.get $byte))))
      (local.set $from (i32.add (local.get $from) (i32.const 1)))
      (br $next))))

;; Carries the stream's Adler-32 on over a scanline as it was inflated: its filter-type byte f at
;; $p - 1, then the $n bytes (at most 32768) the row's sums were made of; clears the sums.
(func $rowSumEnd (param $p i32) (param $n i32)
  (local $a i64) (local $b i64) (local $f i64) (local $sum i64) (local $places i64)
  (local $length i64)
  (local.set $a (global.get $adlerA))
  (local.set $b (global.get $adlerB))
  (local.set $f (i64.load8_u (i32.sub (local.get $p) (i32.const 1))))
  (local.set $length (i64.extend_i32_u (local.get $n)))
  ;; A row of zeros after its filter type (a third of a drawn mask's rows) adds nothing else.
  (if (i32.or (v128.any_true (global.get $rowSums))
        (i64.ne (global.get $rowBytes) (i64.const 0)))
    (then
      (local.set $sum (i64.add (call $laneSum64 (global.get $rowSums)) (global.get $rowBytes)))
      (local.set $places
        (i64.add
          (i64.add
            (i64.shl (call $laneSum64 (global.get $rowBlocks)) (i64.const 4))
            (call $laneSum64 (global.get $rowDots)))
          (global.get $rowPlaces)))
      (call $rowSumStart)))
  ;; The n + 1 bytes: b grows by a and f for each, and by the row's n S - T; a by f and S.
  (local.set $b
    (i64.add (local.get $b)
      (i64.add
        (i64.mul (i64.add (local.get $length) (i64.const 1))
          (i64.add (local.get $a) (local.get $f)))
        (i64.sub (i64.mul (local.get $length) (local.get $sum)) (local.get $places)))))
  (local.set $a (i64.add (local.get $a) (i64.add (local.get $f) (local.get $sum))))
  (if (i64.ge_u (local.get $a) (i64.const 0x80000000))
    (then (local.set $a (i64.rem_u (local.get $a) (i64.const 65521)))))
  (if (i64.ge_u (local.get $b) (i64.const 0x4000000000000000))
    (then (local.set $b (i64.rem_u (local.get $b) (i64.const 65521)))))
  (global.set $adlerA (local.get $a))
  (global.set $adlerB (local.get $b)))

;; The sum of the four unsigned 32-bit lanes of $v, in 64 bits.
(func $laneSum64 (param $v v128) (result i64)
  (i64.add
    (i64.add
      (i64.extend_i32_u (i32x4.extract_lane 0 (local.get $v)))
      (i64.extend_i32_u (i32x4.extract_lane 1 (local.get $v))))
    (i64.add
      (i64.extend_i32_u (i32x4.extract_lane 2 (local.get $v)))
      (i64.extend_i32_u (i32x4.extract_lane 3 (local.get $v))))))

;; Unless $sums is 0, takes the stream's Adler-32 from the word at $sums and clears the row's
;; sums, for a kernel about to work on a strip.
(func $sumsOpen (param $sums i32)
  (if (local.get $sums)
    (then (call $adlerSet (i32.load (local.get $sums))) (call $rowSumStart))))

;; Unless $sums is 0, leaves the stream's Adler-32 in the word at $sums.
(func $sumsClose (param $sums i32)
  (if (local.get $sums) (then (i32.store (local.get $sums) (call $adlerGet)))))

;; Before a kernel works on the scanline at $p ($n bytes of pixels of $bpp bytes, its filter
;; type at $p - 1), unless $sums is 0: 1 when the loops that read the row add it to the row's
;; sums (Up, or Sub and Paeth of 3 or 4 bytes a pixel, at most 32768 bytes), else 0, any other
;; row with a valid filter type summed here into the stream's Adler-32 before it changes.
(func $rowSumBegin (param $sums i32) (param $p i32) (param $n i32) (param $bpp i32) (result i32)
  (local $filter i32)
  (if (i32.eqz (local.get $sums)) (then (return (i32.const 0))))
  (local.set $filter (i32.load8_u (i32.sub (local.get $p) (i32.const 1))))
  (if (i32.and (i32.le_u (local.get $n) (i32.const 32768))
        (i32.or (i32.eq (local.get $filter) (i32.const 2))
          (i32.and
            (i32.or (i32.eq (local.get $filter) (i32.const 1))
              (i32.eq (local.get $filter) (i32.const 4)))
            (i32.or (i32.eq (local.get $bpp) (i32.const 3))
              (i32.eq (local.get $bpp) (i32.const 4))))))
    (then (return (i32.const 1))))
  (if (i32.le_u (local.get $filter) (i32.const 4))
    (then
      (call $adlerSet
        (call $adler32 (i32.sub (local.get $p) (i32.const 1)) (i32.add (local.get $n) (i32.const 1))
          (call $adlerGet)))))
  (i32.const 0))

;; After a kernel worked on the scanline at $p ($n bytes), unless $sums is 0: carries the stream's
;; Adler-32 over it when the loops summed it ($inline, from rowSumBegin), and leaves the row's
;; sums clear for the next.
(func $rowSumFinish (param $sums i32) (param $inline i32) (param $p i32) (param $n i32)
  (if (local.get $inline)
    (then (call $rowSumEnd (local.get $p) (local.get $n)))
    (else (if (local.get $sums) (then (call $rowSumStart))))))
