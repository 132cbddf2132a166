;; PNG's Paeth filter reversed, and its runs of filtered zeros taken 16 bytes at a time.

(func $abs (param $x i32) (result i32)
  (select (i32.sub (i32.const 0) (local.get $x)) (local.get $x)
    (i32.lt_s (local.get $x) (i32.const 0))))

;; Paeth, a pixel at a time for 8-bit RGB and RGBA: the three predictors of a pixel's bytes
;; in 16-bit lanes at once (each pixel needs the one before it, so pixels cannot go in
;; parallel). Four bytes are written per pixel; for RGB the fourth keeps its own value. The
;; filtered bytes of the pixels taken one at a time, the only ones not zero, are added to the
;; row's sums (see adler_rows.wat).
(func $paeth (param $p i32) (param $q i32) (param $n i32) (param $bpp i32)
  (local $i i32) (local $a i32) (local $b i32) (local $c i32)
  (local $pa i32) (local $pb i32) (local $pc i32)
  (local $left v128) (local $up v128) (local $upLeft v128) (local $x i32)
  (local $da v128) (local $db v128) (local $dc v128) (local $predicted v128) (local $flat i32)
  (if (i32.or (i32.eq (local.get $bpp) (i32.const 3)) (i32.eq (local.get $bpp) (i32.const 4)))
    (then
      (block $end
        (loop $pixel
          (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
          ;; 16 filtered bytes of zeros whose prediction is known without a pixel at a time
          ;; (see $flatPaeth): the row above there, or the pixel on their left repeated.
          (local.set $flat
            (call $flatPaeth (local.get $p) (local.get $q) (local.get $i) (local.get $n)
              (local.get $bpp)))
          (if (local.get $flat)
            (then
              (local.set $i
                (call $paethRun (local.get $p) (local.get $q) (local.get $i) (local.get $n)
                  (local.get $bpp) (local.get $flat)))
              (local.set $left
                (i16x8.extend_low_i8x16_u
                  (v128.load32_zero
                    (i32.add (local.get $p) (i32.sub (local.get $i) (local.get $bpp))))))
              (local.set $upLeft
                (i16x8.extend_low_i8x16_u
                  (v128.load32_zero
                    (i32.add (local.get $q) (i32.sub (local.get $i) (local.get $bpp))))))
              (br $pixel)))
          (local.set $up
            (i16x8.extend_low_i8x16_u
              (v128.load32_zero (i32.add (local.get $q) (local.get $i)))))
          (local.set $x (i32.load (i32.add (local.get $p) (local.get $i))))
          (call $sumPixel (local.get $x) (local.get $i) (local.get $bpp))
          ;; pa = |b - c|, pb = |a - c|, pc = |a + b - 2c|
          (local.set $da (i16x8.abs (i16x8.sub (local.get $up) (local.get $upLeft))))
          (local.set $db (i16x8.abs (i16x8.sub (local.get $left) (local.get $upLeft))))
          (local.set $dc
            (i16x8.abs
              (i16x8.sub
                (i16x8.add (local.get $left) (local.get $up))
                (i16x8.add (local.get $upLeft) (local.get $upLeft)))))
          (local.set $predicted
            (v128.bitselect
              (local.get $left)
              (v128.bitselect (local.get $up) (local.get $upLeft)
                (i16x8.le_s (local.get $db) (local.get $dc)))
              (v128.and
                (i16x8.le_s (local.get $da) (local.get $db))
                (i16x8.le_s (local.get $da) (local.get $dc)))))
          ;; The raw pixel: filtered + predicted, bytewise.
          (local.set $left
            (i16x8.extend_low_i8x16_u
              (i8x16.add
                (v128.load32_zero (i32.add (local.get $p) (local.get $i)))
                (i8x16.narrow_i16x8_u (local.get $predicted) (local.get $predicted)))))
          (i32.store (i32.add (local.get $p) (local.get $i))
            (select
              (i32x4.extract_lane 0 (i8x16.narrow_i16x8_u (local.get $left) (local.get $left)))
              (i32.or
                (i32.and
                  (i32x4.extract_lane 0 (i8x16.narrow_i16x8_u (local.get $left) (local.get $left)))
                  (i32.const 0x00ffffff))
                (i32.and (local.get $x) (i32.const 0xff000000)))
              (i32.eq (local.get $bpp) (i32.const 4))))
          (local.set $upLeft (local.get $up))
          (local.set $i (i32.add (local.get $i) (local.get $bpp)))
          (br $pixel)))
      (return)))
  (block $end
    (loop $byte
      (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $b (i32.load8_u (i32.add (local.get $q) (local.get $i))))
      (if (i32.ge_u (local.get $i) (local.get $bpp))
        (then
          (local.set $a
            (i32.load8_u (i32.add (local.get $p) (i32.sub (local.get $i) (local.get $bpp)))))
          (local.set $c
            (i32.load8_u (i32.add (local.get $q) (i32.sub (local.get $i) (local.get $bpp))))))
        (else (local.set $a (i32.const 0)) (local.set $c (i32.const 0))))
      (local.set $pa (call $abs (i32.sub (local.get $b) (local.get $c))))
      (local.set $pb (call $abs (i32.sub (local.get $a) (local.get $c))))
      (local.set $pc
        (call $abs
          (i32.sub (i32.add (local.get $a) (local.get $b)) (i32.shl (local.get $c) (i32.const 1)))))
      (i32.store8 (i32.add (local.get $p) (local.get $i))
        (i32.add
          (i32.load8_u (i32.add (local.get $p) (local.get $i)))
          (if (result i32)
            (i32.and
              (i32.le_u (local.get $pa) (local.get $pb))
              (i32.le_u (local.get $pa) (local.get $pc)))
            (then (local.get $a))
            (else
              (select (local.get $b) (local.get $c)
                (i32.le_u (local.get $pb) (local.get $pc)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $byte))))

;; Unfilters Paeth's filtered zeros from $p + $i, 16 bytes at a time while they last, as
;; $flatPaeth found them ($flat 1: the row above; 2: the left pixel repeated, while the row
;; above repeats its own); returns where it stopped. Each block leaves what made it so for
;; the next: a copy of the row above ends on a pixel equal to the one above it.
(func $paethRun (param $p i32) (param $q i32) (param $i i32) (param $n i32) (param $bpp i32)
  (param $flat i32) (result i32)
  (local $step i32) (local $splat v128)
  (local.set $step (select (i32.const 16) (i32.const 15) (i32.eq (local.get $bpp) (i32.const 4))))
  (local.set $splat
    (i8x16.swizzle
      (v128.load32_zero (i32.add (local.get $p) (i32.sub (local.get $i) (local.get $bpp))))
      (select (v128.const i8x16 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3)
        (v128.const i8x16 0 1 2 0 1 2 0 1 2 0 1 2 0 1 2 0)
        (i32.eq (local.get $bpp) (i32.const 4)))))
  ;; The row above copied 16 pixels at a time while their 64 filtered bytes are zeros: each
  ;; byte's left byte is then the one above its left, so Paeth predicts the byte above it.
  (if (i32.eq (local.get $flat) (i32.const 1))
    (then
      (block $copied
        (loop $wide
          (br_if $copied (i32.gt_u (i32.add (local.get $i) (i32.const 64)) (local.get $n)))
          (br_if $copied
            (v128.any_true
              (v128.or
                (v128.or (v128.load (i32.add (local.get $p) (local.get $i)))
                  (v128.load offset=16 (i32.add (local.get $p) (local.get $i))))
                (v128.or (v128.load offset=32 (i32.add (local.get $p) (local.get $i)))
                  (v128.load offset=48 (i32.add (local.get $p) (local.get $i)))))))
          ;; Sixteen pixels (RGB: 48 bytes), so that each step ends where a pixel does: the
          ;; caller's pixel loop goes on from there, the bytes after them still filtered.
          (v128.store (i32.add (local.get $p) (local.get $i))
            (v128.load (i32.add (local.get $q) (local.get $i))))
          (v128.store offset=16 (i32.add (local.get $p) (local.get $i))
            (v128.load offset=16 (i32.add (local.get $q) (local.get $i))))
          (v128.store offset=32 (i32.add (local.get $p) (local.get $i))
            (v128.load offset=32 (i32.add (local.get $q) (local.get $i))))
          (if (i32.eq (local.get $bpp) (i32.const 4))
            (then
              (v128.store offset=48 (i32.add (local.get $p) (local.get $i))
                (v128.load offset=48 (i32.add (local.get $q) (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.mul (local.get $bpp) (i32.const 16))))
          (br $wide)))
      ;; The 16 bytes there may be zeros no more, or run past the row: the loop below looks.
      (if (i32.or
            (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $n))
            (v128.any_true (v128.load (i32.add (local.get $p) (local.get $i)))))
        (then (return (local.get $i))))))
  (loop $block
    (v128.store (i32.add (local.get $p) (local.get $i))
      (select (v128.load (i32.add (local.get $q) (local.get $i))) (local.get $splat)
        (i32.eq (local.get $flat) (i32.const 1))))
    ;; RGB: the sixteenth byte is the next pixel's, still to be unfiltered: it was 0.
    (if (i32.eq (local.get $bpp) (i32.const 3))
      (then (i32.store8 offset=15 (i32.add (local.get $p) (local.get $i)) (i32.const 0))))
    (local.set $i (i32.add (local.get $i) (local.get $step)))
    (br_if $block
      (i32.and
        (i32.and
          (i32.le_u (i32.add (local.get $i) (i32.const 16)) (local.get $n))
          (i32.eqz (v128.any_true (v128.load (i32.add (local.get $p) (local.get $i))))))
        (i32.or
          (i32.eq (local.get $flat) (i32.const 1))
          (i8x16.all_true
            (i8x16.eq
              (v128.load (i32.add (local.get $q) (local.get $i)))
              (v128.load (i32.add (local.get $q) (i32.sub (local.get $i) (local.get $bpp))))))))))
  (local.get $i))

;; Where Paeth's 16 filtered bytes at $p + $i are zeros, their raw bytes are known at once: 1
;; when the pixel left of them is the one above it (each predicts the byte above: a = c gives
;; pb = 0, so b, and the next pixel's left is again the one above it), so they are the row
;; above there; 2 when the row above repeats its pixels there ($q + $i the same as
;; $q + $i - $bpp: b = c gives pa = 0, so a), so they repeat the pixel on their left. Else 0,
;; and always 0 at a row's first pixel or within 16 bytes of its end.
(func $flatPaeth (param $p i32) (param $q i32) (param $i i32) (param $n i32) (param $bpp i32)
  (result i32)
  (local $mask i32)
  (if (i32.or
        (i32.lt_u (local.get $i) (local.get $bpp))
        (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $n)))
    (then (return (i32.const 0))))
  (if (v128.any_true (v128.load (i32.add (local.get $p) (local.get $i))))
    (then (return (i32.const 0))))
  (local.set $mask (select (i32.const -1) (i32.const 0x00ffffff) (i32.eq (local.get $bpp) (i32.const 4))))
  (if (i32.eq
        (i32.and (i32.load (i32.add (local.get $p) (i32.sub (local.get $i) (local.get $bpp))))
          (local.get $mask))
        (i32.and (i32.load (i32.add (local.get $q) (i32.sub (local.get $i) (local.get $bpp))))
          (local.get $mask)))
    (then (return (i32.const 1))))
  (select (i32.const 2) (i32.const 0)
    (i8x16.all_true
      (i8x16.eq
        (v128.load (i32.add (local.get $q) (local.get $i)))
        (v128.load (i32.add (local.get $q) (i32.sub (local.get $i) (local.get $bpp))))))))
