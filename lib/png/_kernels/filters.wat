;; PNG's scanline filters reversed one row at a time: Sub, Up and Average (Paeth: paeth.wat).

;; Unfilters one row at $p (the filter-type byte is at $p - 1) against the raw row $q above.
;; Returns 1 when the filter type is not 0 to 4, 2 when the row is known to repeat the row
;; above (Up-filtered zeros), else 0.
(func $unfilterRow (param $p i32) (param $q i32) (param $n i32) (param $bpp i32) (result i32)
  (local $f i32)
  (local.set $f (i32.load8_u (i32.sub (local.get $p) (i32.const 1))))
  (if (i32.eqz (local.get $f)) (then (return (i32.const 0))))
  (if (i32.eq (local.get $f) (i32.const 1))
    (then (call $sub (local.get $p) (local.get $n) (local.get $bpp)) (return (i32.const 0))))
  (if (i32.eq (local.get $f) (i32.const 2))
    (then
      (return
        (select (i32.const 0) (i32.const 2)
          (call $up (local.get $p) (local.get $q) (local.get $n) (i32.const 0))))))
  (if (i32.eq (local.get $f) (i32.const 3))
    (then
      (call $average (local.get $p) (local.get $q) (local.get $n) (local.get $bpp))
      (return (i32.const 0))))
  (if (i32.eq (local.get $f) (i32.const 4))
    (then
      (call $paeth (local.get $p) (local.get $q) (local.get $n) (local.get $bpp))
      (return (i32.const 0))))
  (i32.const 1))

;; Bytewise a + b without carries between bytes, four bytes at once.
(func $add4 (param $a i32) (param $b i32) (result i32)
  (i32.xor
    (i32.add
      (i32.and (local.get $a) (i32.const 0x7f7f7f7f))
      (i32.and (local.get $b) (i32.const 0x7f7f7f7f)))
    (i32.and (i32.xor (local.get $a) (local.get $b)) (i32.const 0x80808080))))

;; Sub. For RGB and RGBA, the bytes that are not zero are added to the row's sums on the way
;; (see adler_rows.wat).
(func $sub (param $p i32) (param $n i32) (param $bpp i32)
  (local $i i32) (local $x i32) (local $splat v128)
  (local.set $i (local.get $bpp))
  (if (i32.or (i32.eq (local.get $bpp) (i32.const 3)) (i32.eq (local.get $bpp) (i32.const 4)))
    (then (call $sumPixel (i32.load (local.get $p)) (i32.const 0) (local.get $bpp))))
  (if (i32.eq (local.get $bpp) (i32.const 4))
    (then
      (block $end
        (loop $pixel
          (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
          ;; 64 bytes of zeros repeat the pixel on their left sixteen times.
          (if (i32.le_u (i32.add (local.get $i) (i32.const 64)) (local.get $n))
            (then
              (if (i32.eqz
                    (v128.any_true
                      (v128.or
                        (v128.or (v128.load (i32.add (local.get $p) (local.get $i)))
                          (v128.load offset=16 (i32.add (local.get $p) (local.get $i))))
                        (v128.or (v128.load offset=32 (i32.add (local.get $p) (local.get $i)))
                          (v128.load offset=48 (i32.add (local.get $p) (local.get $i)))))))
                (then
                  (local.set $splat
                    (i32x4.splat
                      (i32.load (i32.add (local.get $p) (i32.sub (local.get $i) (i32.const 4))))))
                  (v128.store (i32.add (local.get $p) (local.get $i)) (local.get $splat))
                  (v128.store offset=16 (i32.add (local.get $p) (local.get $i)) (local.get $splat))
                  (v128.store offset=32 (i32.add (local.get $p) (local.get $i)) (local.get $splat))
                  (v128.store offset=48 (i32.add (local.get $p) (local.get $i)) (local.get $splat))
                  (local.set $i (i32.add (local.get $i) (i32.const 64)))
                  (br $pixel)))))
          ;; 16 bytes of zeros repeat the pixel on their left four times.
          (if (i32.and
                (i32.le_u (i32.add (local.get $i) (i32.const 16)) (local.get $n))
                (i32.eqz (v128.any_true (v128.load (i32.add (local.get $p) (local.get $i))))))
            (then
              (v128.store (i32.add (local.get $p) (local.get $i))
                (i32x4.splat
                  (i32.load (i32.add (local.get $p) (i32.sub (local.get $i) (i32.const 4))))))
              (local.set $i (i32.add (local.get $i) (i32.const 16)))
              (br $pixel)))
          ;; Four pixels at once: each adds the sums of the pixels before it in the vector
          ;; (shifted by one pixel, then two), then the raw pixel on their left.
          (if (i32.le_u (i32.add (local.get $i) (i32.const 16)) (local.get $n))
            (then
              (local.set $splat (v128.load (i32.add (local.get $p) (local.get $i))))
              (call $sumAt (local.get $splat) (local.get $i))
              (local.set $splat
                (i8x16.add (local.get $splat)
                  (i8x16.shuffle 16 16 16 16 0 1 2 3 4 5 6 7 8 9 10 11
                    (local.get $splat) (v128.const i64x2 0 0))))
              (local.set $splat
                (i8x16.add (local.get $splat)
                  (i8x16.shuffle 16 16 16 16 16 16 16 16 0 1 2 3 4 5 6 7
                    (local.get $splat) (v128.const i64x2 0 0))))
              (v128.store (i32.add (local.get $p) (local.get $i))
                (i8x16.add (local.get $splat)
                  (i32x4.splat
                    (i32.load (i32.add (local.get $p) (i32.sub (local.get $i) (i32.const 4)))))))
              (local.set $i (i32.add (local.get $i) (i32.const 16)))
              (br $pixel)))
          (local.set $x (i32.load (i32.add (local.get $p) (local.get $i))))
          (call $sumPixel (local.get $x) (local.get $i) (i32.const 4))
          (i32.store (i32.add (local.get $p) (local.get $i))
            (call $add4
              (local.get $x)
              (i32.load (i32.add (local.get $p) (i32.sub (local.get $i) (i32.const 4))))))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br $pixel)))
      (return)))
  (if (i32.eq (local.get $bpp) (i32.const 3))
    (then
      ;; Four bytes are written per pixel; the fourth keeps its own (next pixel's) value.
      (block $end
        (loop $pixel
          (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
          ;; 16 bytes of zeros repeat the pixel on their left (five times and a byte).
          (if (i32.and
                (i32.le_u (i32.add (local.get $i) (i32.const 16)) (local.get $n))
                (i32.eqz (v128.any_true (v128.load (i32.add (local.get $p) (local.get $i))))))
            (then
              (v128.store (i32.add (local.get $p) (local.get $i))
                (i8x16.swizzle
                  (v128.load32_zero (i32.add (local.get $p) (i32.sub (local.get $i) (i32.const 3))))
                  (v128.const i8x16 0 1 2 0 1 2 0 1 2 0 1 2 0 1 2 0)))
              ;; The sixteenth byte is the next pixel's, still to be unfiltered: it was 0.
              (i32.store8 offset=15 (i32.add (local.get $p) (local.get $i)) (i32.const 0))
              (local.set $i (i32.add (local.get $i) (i32.const 15)))
              (br $pixel)))
          (local.set $x (i32.load (i32.add (local.get $p) (local.get $i))))
          (call $sumPixel (local.get $x) (local.get $i) (i32.const 3))
          (i32.store (i32.add (local.get $p) (local.get $i))
            (i32.or
              (i32.and
                (call $add4
                  (local.get $x)
                  (i32.load (i32.add (local.get $p) (i32.sub (local.get $i) (i32.const 3)))))
                (i32.const 0x00ffffff))
              (i32.and (local.get $x) (i32.const 0xff000000))))
          (local.set $i (i32.add (local.get $i) (i32.const 3)))
          (br $pixel)))
      (return)))
  (block $end
    (loop $byte
      (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store8 (i32.add (local.get $p) (local.get $i))
        (i32.add
          (i32.load8_u (i32.add (local.get $p) (local.get $i)))
          (i32.load8_u (i32.add (local.get $p) (i32.sub (local.get $i) (local.get $bpp))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $byte))))

;; Up, the $n bytes at $p added to those at $q. Unless $base is -1, the filtered bytes that are
;; not zero are added to the row's sums (see adler_rows.wat), $p being at offset $base of its
;; row. Returns 1 when a filtered byte is not zero (the row differs from the row above), else 0.
(func $up (param $p i32) (param $q i32) (param $n i32) (param $base i32) (result i32)
  (local $i i32) (local $vectors i32) (local $filtered v128) (local $changed v128)
  (local $byte i32) (local $changedBytes i32)
  (local.set $vectors (i32.and (local.get $n) (i32.const -16)))
  (block $end
    (loop $vector
      (br_if $end (i32.ge_u (local.get $i) (local.get $vectors)))
      (local.set $filtered (v128.load (i32.add (local.get $p) (local.get $i))))
      (if (i32.and (i32.ge_s (local.get $base) (i32.const 0)) (v128.any_true (local.get $filtered)))
        (then (call $sumAt (local.get $filtered) (i32.add (local.get $base) (local.get $i)))))
      (local.set $changed (v128.or (local.get $changed) (local.get $filtered)))
      (v128.store (i32.add (local.get $p) (local.get $i))
        (i8x16.add
          (local.get $filtered)
          (v128.load (i32.add (local.get $q) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $vector)))
  (if (i32.ge_s (local.get $base) (i32.const 0))
    (then
      (call $sumBytes (i32.sub (local.get $p) (local.get $base))
        (i32.add (local.get $base) (local.get $vectors))
        (i32.add (local.get $base) (local.get $n)))))
  (block $end
    (loop $bytes
      (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $byte (i32.load8_u (i32.add (local.get $p) (local.get $i))))
      (local.set $changedBytes (i32.or (local.get $changedBytes) (local.get $byte)))
      (i32.store8 (i32.add (local.get $p) (local.get $i))
        (i32.add (local.get $byte) (i32.load8_u (i32.add (local.get $q) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $bytes)))
  (i32.or
    (v128.any_true (local.get $changed))
    (i32.ne (local.get $changedBytes) (i32.const 0))))

(func $average (param $p i32) (param $q i32) (param $n i32) (param $bpp i32)
  (local $i i32) (local $left i32)
  (block $end
    (loop $byte
      (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $left
        (if (result i32) (i32.ge_u (local.get $i) (local.get $bpp))
          (then (i32.load8_u (i32.add (local.get $p) (i32.sub (local.get $i) (local.get $bpp)))))
          (else (i32.const 0))))
      (i32.store8 (i32.add (local.get $p) (local.get $i))
        (i32.add
          (i32.load8_u (i32.add (local.get $p) (local.get $i)))
          (i32.shr_u
            (i32.add (local.get $left) (i32.load8_u (i32.add (local.get $q) (local.get $i))))
            (i32.const 1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $byte))))
