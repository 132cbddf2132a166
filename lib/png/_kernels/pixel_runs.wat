;; The runs of equal pixels in each row.

;; The runs of equal 3-byte pixels in each of $rows rows of $width pixels, $stride bytes apart
;; from $ptr: per row, at $out, the number of runs n (32 bits), then n pairs of 32-bit numbers,
;; the run's first column and its pixel (R + 256 G + 65536 B); 15 bytes the same as the 15
;; before are passed over at once. Returns the end of what it wrote (4-byte aligned as $out is).
(func (export "pixelRuns") (param $ptr i32) (param $stride i32) (param $rows i32)
  (param $width i32) (param $out i32) (result i32)
  (local $r i32) (local $p i32) (local $x i32) (local $n i32) (local $counted i32)
  (local $pixel i32) (local $previous i32)
  (block $done
    (loop $row
      (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $p (i32.add (local.get $ptr) (i32.mul (local.get $r) (local.get $stride))))
      (local.set $counted (local.get $out))
      (local.set $previous
        (i32.and (i32.load (local.get $p)) (i32.const 0x00ffffff)))
      (i32.store offset=4 (local.get $out) (i32.const 0))
      (i32.store offset=8 (local.get $out) (local.get $previous))
      (local.set $out (i32.add (local.get $out) (i32.const 12)))
      (local.set $n (i32.const 1))
      (local.set $x (i32.const 1))
      (block $end
        (loop $column
          (br_if $end (i32.ge_u (local.get $x) (local.get $width)))
          ;; Sixteen pixels the same as the pixel before each (48 bytes against 48 bytes 3
          ;; bytes before): passed over at once, as the parts of a row without an edge are.
          (if (i32.le_u (i32.add (local.get $x) (i32.const 16)) (local.get $width))
            (then
              (if (call $sameAsLeft
                    (i32.add (local.get $p) (i32.mul (local.get $x) (i32.const 3))))
                (then
                  (local.set $x (i32.add (local.get $x) (i32.const 16)))
                  (br $column)))))
          (if (i32.le_u (i32.add (local.get $x) (i32.const 5)) (local.get $width))
            (then
              (if (i8x16.all_true
                    (i8x16.eq
                      (v128.load (i32.add (local.get $p) (i32.mul (local.get $x) (i32.const 3))))
                      (v128.load (i32.add (local.get $p)
                        (i32.mul (i32.sub (local.get $x) (i32.const 1)) (i32.const 3))))))
                (then
                  (local.set $x (i32.add (local.get $x) (i32.const 5)))
                  (br $column)))))
          (local.set $pixel
            (i32.and
              (i32.load (i32.add (local.get $p) (i32.mul (local.get $x) (i32.const 3))))
              (i32.const 0x00ffffff)))
          (if (i32.ne (local.get $pixel) (local.get $previous))
            (then
              (i32.store (local.get $out) (local.get $x))
              (i32.store offset=4 (local.get $out) (local.get $pixel))
              (local.set $out (i32.add (local.get $out) (i32.const 8)))
              (local.set $n (i32.add (local.get $n) (i32.const 1)))
              (local.set $previous (local.get $pixel))))
          (local.set $x (i32.add (local.get $x) (i32.const 1)))
          (br $column)))
      (i32.store (local.get $counted) (local.get $n))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $row)))
  (local.get $out))

;; Whether the 48 bytes at $p equal the 48 bytes 3 bytes before them: 16 pixels of 3 bytes,
;; each the same as the pixel on its left.
(func $sameAsLeft (param $p i32) (result i32)
  (i8x16.all_true
    (v128.and
      (v128.and
        (i8x16.eq (v128.load (local.get $p)) (v128.load (i32.sub (local.get $p) (i32.const 3))))
        (i8x16.eq (v128.load offset=16 (local.get $p)) (v128.load offset=13 (local.get $p))))
      (i8x16.eq (v128.load offset=32 (local.get $p)) (v128.load offset=29 (local.get $p))))))
