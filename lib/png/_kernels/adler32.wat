;; Adler-32, summed with SIMD (a run of zero blocks in one step, the sums kept in vectors).

;; Adler-32 (RFC 1950) of the $len bytes at $ptr, going on from $adler (b << 16 | a), as zlib
;; checks an inflated stream but with a step per run of zero 64-byte blocks (b grows by a for
;; each of their bytes, a stays): the filtered rows of a mask inflate mostly to zeros. Other
;; blocks are summed 16 bytes at a time in vectors, reduced to a and b once a chunk: per block,
;; the lanes' byte sums so far are added to $before (b grows by 16 a for each block, a being the
;; sum before it), then the block's bytes to $sums and its bytes weighted 16 down to 1 to
;; $weighted. A chunk is 5504 bytes, under zlib's 5552: no lane, nor the reduced b, overflows 32
;; unsigned bits (344 blocks: $before's lanes stay under 61 million).
(func $adler32 (export "adler32") (param $ptr i32) (param $len i32) (param $adler i32) (result i32)
  (local $a i32) (local $b i32) (local $end i32) (local $stop i32) (local $from i32)
  (local $blocks i32) (local $skipped i32) (local $k i32) (local $v v128)
  (local $sums v128) (local $before v128) (local $weighted v128)
  (local.set $a (i32.and (local.get $adler) (i32.const 0xffff)))
  (local.set $b (i32.shr_u (local.get $adler) (i32.const 16)))
  (local.set $end (i32.add (local.get $ptr) (local.get $len)))
  (block $done
    (loop $chunk
      (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
      (local.set $stop
        (select (local.get $end) (i32.add (local.get $ptr) (i32.const 5504))
          (i32.lt_u (i32.sub (local.get $end) (local.get $ptr)) (i32.const 5504))))
      (local.set $blocks (i32.const 0))
      (local.set $sums (v128.const i32x4 0 0 0 0))
      (local.set $before (v128.const i32x4 0 0 0 0))
      (local.set $weighted (v128.const i32x4 0 0 0 0))
      (block $wide
        (loop $blocks
          (local.set $from (local.get $ptr))
          (block $found
            (loop $zeros
              (br_if $found (i32.gt_u (i32.add (local.get $ptr) (i32.const 64)) (local.get $stop)))
              (br_if $found
                (v128.any_true
                  (v128.or
                    (v128.or (v128.load (local.get $ptr)) (v128.load offset=16 (local.get $ptr)))
                    (v128.or
                      (v128.load offset=32 (local.get $ptr))
                      (v128.load offset=48 (local.get $ptr))))))
              (local.set $ptr (i32.add (local.get $ptr) (i32.const 64)))
              (br $zeros)))
          ;; Zero blocks add nothing but the sums before them, once a block.
          (local.set $skipped (i32.shr_u (i32.sub (local.get $ptr) (local.get $from)) (i32.const 4)))
          (local.set $blocks (i32.add (local.get $blocks) (local.get $skipped)))
          (local.set $before
            (i32x4.add (local.get $before)
              (i32x4.mul (local.get $sums) (i32x4.splat (local.get $skipped)))))
          (br_if $wide (i32.gt_u (i32.add (local.get $ptr) (i32.const 64)) (local.get $stop)))
          (local.set $k (i32.const 4))
          (loop $four
            (local.set $v (v128.load (local.get $ptr)))
            (local.set $before (i32x4.add (local.get $before) (local.get $sums)))
            (local.set $sums
              (i32x4.add (local.get $sums)
                (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $v)))))
            (local.set $weighted
              (i32x4.add (local.get $weighted)
                (i32x4.add
                  (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_u (local.get $v))
                    (v128.const i16x8 16 15 14 13 12 11 10 9))
                  (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_u (local.get $v))
                    (v128.const i16x8 8 7 6 5 4 3 2 1)))))
            (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
            (br_if $four (local.get $k)))
          (local.set $blocks (i32.add (local.get $blocks) (i32.const 4)))
          (br $blocks)))
      ;; b grows by 16 a (a as the chunk began) for each block, by 16 times the sums before each
      ;; block, and by the weighted bytes; a by the bytes.
      (local.set $b
        (i32.add
          (i32.add (local.get $b)
            (i32.mul (i32.shl (local.get $a) (i32.const 4)) (local.get $blocks)))
          (i32.add
            (i32.shl
              (i32.rem_u (i32.wrap_i64 (call $laneSum64 (local.get $before))) (i32.const 65521))
              (i32.const 4))
            (i32.wrap_i64 (call $laneSum64 (local.get $weighted))))))
      (local.set $a (i32.add (local.get $a) (i32.wrap_i64 (call $laneSum64 (local.get $sums)))))
      (local.set $a (i32.rem_u (local.get $a) (i32.const 65521)))
      (local.set $b (i32.rem_u (local.get $b) (i32.const 65521)))
      (block $bytes
        (loop $byte
          (br_if $bytes (i32.ge_u (local.get $ptr) (local.get $stop)))
          (local.set $a (i32.add (local.get $a) (i32.load8_u (local.get $ptr))))
          (local.set $b (i32.add (local.get $b) (local.get $a)))
          (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
          (br $byte)))
      (local.set $a (i32.rem_u (local.get $a) (i32.const 65521)))
      (local.set $b (i32.rem_u (local.get $b) (i32.const 65521)))
      (br $chunk)))
  (i32.or (i32.shl (local.get $b) (i32.const 16)) (local.get $a)))
