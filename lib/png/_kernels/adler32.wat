;; Adler-32, summed with SIMD (a run of zero blocks in one step).

;; Adler-32 (RFC 1950) of the $len bytes at $ptr, going on from $adler (b << 16 | a), as zlib
;; checks an inflated stream but with a step per run of zero 64-byte blocks (b grows by a for
;; each of their bytes, a stays): the filtered rows of a mask inflate mostly to zeros. Other
;; blocks are summed 16 bytes at a time as vectors (b grows by 16 a and the bytes weighted 16
;; down to 1, a by their sum). The sums are reduced every 5504 bytes, under zlib's 5552, so an
;; unsigned 32-bit b never overflows.
(func (export "adler32") (param $ptr i32) (param $len i32) (param $adler i32) (result i32)
  (local $a i32) (local $b i32) (local $end i32) (local $stop i32) (local $from i32)
  (local $v v128) (local $k i32)
  (local.set $a (i32.and (local.get $adler) (i32.const 0xffff)))
  (local.set $b (i32.shr_u (local.get $adler) (i32.const 16)))
  (local.set $end (i32.add (local.get $ptr) (local.get $len)))
  (block $done
    (loop $chunk
      (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
      (local.set $stop
        (select (local.get $end) (i32.add (local.get $ptr) (i32.const 5504))
          (i32.lt_u (i32.sub (local.get $end) (local.get $ptr)) (i32.const 5504))))
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
          (local.set $b
            (i32.add (local.get $b)
              (i32.mul (local.get $a) (i32.sub (local.get $ptr) (local.get $from)))))
          (br_if $wide (i32.gt_u (i32.add (local.get $ptr) (i32.const 64)) (local.get $stop)))
          (local.set $k (i32.const 4))
          (loop $four
            (local.set $v (v128.load (local.get $ptr)))
            (local.set $b
              (i32.add (i32.add (local.get $b) (i32.shl (local.get $a) (i32.const 4)))
                (call $weightedSum (local.get $v))))
            (local.set $a (i32.add (local.get $a) (call $byteSum (local.get $v))))
            (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
            (br_if $four (local.get $k)))
          (br $blocks)))
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

;; The sum of the 16 bytes of $v.
(func $byteSum (param $v v128) (result i32)
  (call $laneSum (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $v)))))

;; The bytes of $v weighted 16 (the first) down to 1 (the last), summed.
(func $weightedSum (param $v v128) (result i32)
  (call $laneSum
    (i32x4.add
      (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_u (local.get $v))
        (v128.const i16x8 16 15 14 13 12 11 10 9))
      (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_u (local.get $v))
        (v128.const i16x8 8 7 6 5 4 3 2 1)))))

;; The sum of the four 32-bit lanes of $v.
(func $laneSum (param $v v128) (result i32)
  (i32.add
    (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
    (i32.add (i32x4.extract_lane 2 (local.get $v)) (i32x4.extract_lane 3 (local.get $v)))))
