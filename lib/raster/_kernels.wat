;; Pixel kernels of the PNG codec, in WebAssembly with 128-bit SIMD. Compiled by
;; `deno run -A tools/build_kernels.ts` into `_kernels_wasm.ts`; `_kernels.ts` is the TypeScript
;; side. Every buffer lives in this module's memory; the caller leaves 16 spare bytes after each
;; one, because the vector loops read and write up to 15 bytes past a row's end.
(module
  (memory (export "memory") 1)

  ;; Reverses PNG's scanline filters in place. $ptr is row 0's filter-type byte, rows are
  ;; $n + 1 bytes apart, $bpp is the left-pixel distance, $zero points at $n zero bytes (the row
  ;; above row 0). Returns -1, or the first row whose filter type is not 0 to 4.
  (func (export "unfilter")
    (param $ptr i32) (param $rows i32) (param $n i32) (param $bpp i32) (param $zero i32)
    (result i32)
    (local $r i32) (local $p i32) (local $q i32)
    (local.set $q (local.get $zero))
    (local.set $p (i32.add (local.get $ptr) (i32.const 1)))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (if (call $unfilterRow (local.get $p) (local.get $q) (local.get $n) (local.get $bpp))
          (then (return (local.get $r))))
        (local.set $q (local.get $p))
        (local.set $p (i32.add (local.get $p) (i32.add (local.get $n) (i32.const 1))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
    (i32.const -1))

  ;; The whole transcode of 8-bit RGB ($channels 3) or RGBA (4) scanlines at $input, row by row
  ;; while each row is in cache: unfilter it, drop alpha, and write it Up-filtered against the
  ;; row above as an RGB scanline at $output. Returns -1, or the first row with a bad filter type.
  (func (export "transcodeRows")
    (param $input i32) (param $rows i32) (param $width i32) (param $channels i32)
    (param $zero i32) (param $output i32) (result i32)
    (local $r i32) (local $p i32) (local $q i32) (local $o i32) (local $n i32)
    (local $s i32) (local $t i32) (local $d i32) (local $end i32)
    (local.set $n (i32.mul (local.get $width) (local.get $channels)))
    (local.set $q (local.get $zero))
    (local.set $p (i32.add (local.get $input) (i32.const 1)))
    (local.set $o (i32.add (local.get $output) (i32.const 1)))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (if (call $unfilterRow (local.get $p) (local.get $q) (local.get $n) (local.get $channels))
          (then (return (local.get $r))))
        (i32.store8 (i32.sub (local.get $o) (i32.const 1)) (i32.const 2))
        (local.set $s (local.get $p))
        (local.set $t (local.get $q))
        (local.set $d (local.get $o))
        (local.set $end (i32.add (local.get $p) (local.get $n)))
        ;; Vectors may run past the row: the extra bytes land where the next row goes later.
        (if (i32.eq (local.get $channels) (i32.const 4))
          (then
            (loop $vector
              (v128.store (local.get $d)
                (i8x16.sub
                  (i8x16.shuffle 0 1 2 4 5 6 8 9 10 12 13 14 15 15 15 15
                    (v128.load (local.get $s)) (v128.load (local.get $s)))
                  (i8x16.shuffle 0 1 2 4 5 6 8 9 10 12 13 14 15 15 15 15
                    (v128.load (local.get $t)) (v128.load (local.get $t)))))
              (local.set $s (i32.add (local.get $s) (i32.const 16)))
              (local.set $t (i32.add (local.get $t) (i32.const 16)))
              (local.set $d (i32.add (local.get $d) (i32.const 12)))
              (br_if $vector (i32.lt_u (local.get $s) (local.get $end)))))
          (else
            (loop $vector
              (v128.store (local.get $d)
                (i8x16.sub (v128.load (local.get $s)) (v128.load (local.get $t))))
              (local.set $s (i32.add (local.get $s) (i32.const 16)))
              (local.set $t (i32.add (local.get $t) (i32.const 16)))
              (local.set $d (i32.add (local.get $d) (i32.const 16)))
              (br_if $vector (i32.lt_u (local.get $s) (local.get $end))))))
        (local.set $q (local.get $p))
        (local.set $p (i32.add (local.get $p) (i32.add (local.get $n) (i32.const 1))))
        (local.set $o
          (i32.add (local.get $o) (i32.add (i32.mul (local.get $width) (i32.const 3)) (i32.const 1))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
    (i32.const -1))

  ;; Unfilters one row at $p (the filter-type byte is at $p - 1) against the raw row $q above.
  ;; Returns 1 when the filter type is not 0 to 4, else 0.
  (func $unfilterRow (param $p i32) (param $q i32) (param $n i32) (param $bpp i32) (result i32)
    (local $f i32)
    (local.set $f (i32.load8_u (i32.sub (local.get $p) (i32.const 1))))
    (if (i32.eqz (local.get $f)) (then (return (i32.const 0))))
    (if (i32.eq (local.get $f) (i32.const 1))
      (then (call $sub (local.get $p) (local.get $n) (local.get $bpp)) (return (i32.const 0))))
    (if (i32.eq (local.get $f) (i32.const 2))
      (then (call $up (local.get $p) (local.get $q) (local.get $n)) (return (i32.const 0))))
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

  (func $sub (param $p i32) (param $n i32) (param $bpp i32)
    (local $i i32) (local $x i32)
    (local.set $i (local.get $bpp))
    (if (i32.eq (local.get $bpp) (i32.const 4))
      (then
        (block $end
          (loop $pixel
            (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
            (i32.store (i32.add (local.get $p) (local.get $i))
              (call $add4
                (i32.load (i32.add (local.get $p) (local.get $i)))
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
            (local.set $x (i32.load (i32.add (local.get $p) (local.get $i))))
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

  (func $up (param $p i32) (param $q i32) (param $n i32)
    (local $i i32) (local $vectors i32)
    (local.set $vectors (i32.and (local.get $n) (i32.const -16)))
    (block $end
      (loop $vector
        (br_if $end (i32.ge_u (local.get $i) (local.get $vectors)))
        (v128.store (i32.add (local.get $p) (local.get $i))
          (i8x16.add
            (v128.load (i32.add (local.get $p) (local.get $i)))
            (v128.load (i32.add (local.get $q) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vector)))
    (block $end
      (loop $byte
        (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (local.get $p) (local.get $i))
          (i32.add
            (i32.load8_u (i32.add (local.get $p) (local.get $i)))
            (i32.load8_u (i32.add (local.get $q) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $byte))))

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

  (func $abs (param $x i32) (result i32)
    (select (i32.sub (i32.const 0) (local.get $x)) (local.get $x)
      (i32.lt_s (local.get $x) (i32.const 0))))

  (func $paeth (param $p i32) (param $q i32) (param $n i32) (param $bpp i32)
    (local $i i32) (local $a i32) (local $b i32) (local $c i32)
    (local $pa i32) (local $pb i32) (local $pc i32)
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

  ;; Copies $rows rows of $width pixels from $src to $dst as RGB, dropping the fourth byte of
  ;; each pixel when $channels is 4. Rows start $srcStride and $dstStride bytes apart.
  (func (export "packRgb")
    (param $src i32) (param $srcStride i32) (param $dst i32) (param $dstStride i32)
    (param $rows i32) (param $width i32) (param $channels i32)
    (local $r i32) (local $s i32) (local $d i32) (local $end i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $s (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $srcStride))))
        (local.set $d (i32.add (local.get $dst) (i32.mul (local.get $r) (local.get $dstStride))))
        (if (i32.eq (local.get $channels) (i32.const 3))
          (then (memory.copy (local.get $d) (local.get $s) (i32.mul (local.get $width) (i32.const 3))))
          (else
            (local.set $end (i32.add (local.get $s) (i32.shl (local.get $width) (i32.const 2))))
            (block $rowDone
              (loop $vector
                (br_if $rowDone (i32.ge_u (local.get $s) (local.get $end)))
                (v128.store (local.get $d)
                  (i8x16.shuffle 0 1 2 4 5 6 8 9 10 12 13 14 15 15 15 15
                    (v128.load (local.get $s)) (v128.load (local.get $s))))
                (local.set $s (i32.add (local.get $s) (i32.const 16)))
                (local.set $d (i32.add (local.get $d) (i32.const 12)))
                (br $vector)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; Recolours RGB rows in place: a pixel with R >= 1 whose B has a non-zero flag in $table
  ;; (four bytes per B value: flag, r, g, b) takes that colour.
  (func (export "mapColours")
    (param $ptr i32) (param $stride i32) (param $rows i32) (param $width i32) (param $table i32)
    (local $r i32) (local $p i32) (local $end i32) (local $e i32) (local $stop i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $p (i32.add (local.get $ptr) (i32.mul (local.get $r) (local.get $stride))))
        (local.set $end (i32.add (local.get $p) (i32.mul (local.get $width) (i32.const 3))))
        (block $rowDone
          (loop $pixels
            (br_if $rowDone (i32.ge_u (local.get $p) (local.get $end)))
            ;; Sixteen zero bytes: five background pixels skipped at once.
            (if (i32.eqz (v128.any_true (v128.load (local.get $p))))
              (then (local.set $p (i32.add (local.get $p) (i32.const 15))) (br $pixels)))
            (local.set $stop (i32.add (local.get $p) (i32.const 15)))
            (if (i32.gt_u (local.get $stop) (local.get $end)) (then (local.set $stop (local.get $end))))
            (loop $pixel
              (if (i32.load8_u (local.get $p))
                (then
                  (local.set $e
                    (i32.add (local.get $table)
                      (i32.shl (i32.load8_u offset=2 (local.get $p)) (i32.const 2))))
                  (if (i32.load8_u (local.get $e))
                    (then
                      (i32.store8 (local.get $p) (i32.load8_u offset=1 (local.get $e)))
                      (i32.store8 offset=1 (local.get $p) (i32.load8_u offset=2 (local.get $e)))
                      (i32.store8 offset=2 (local.get $p) (i32.load8_u offset=3 (local.get $e)))))))
              (local.set $p (i32.add (local.get $p) (i32.const 3)))
              (br_if $pixel (i32.lt_u (local.get $p) (local.get $stop))))
            (br $pixels)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; Applies PNG's Up filter in place to $rows scanlines of $n bytes starting at $ptr (row 0's
  ;; filter-type byte), bottom row first so each row is still raw when the one below reads it.
  (func (export "filterUp") (param $ptr i32) (param $rows i32) (param $n i32)
    (local $r i32) (local $p i32) (local $q i32) (local $i i32) (local $vectors i32)
    (local.set $vectors (i32.and (local.get $n) (i32.const -16)))
    (local.set $r (local.get $rows))
    (block $done
      (loop $row
        (br_if $done (i32.eqz (local.get $r)))
        (local.set $r (i32.sub (local.get $r) (i32.const 1)))
        (local.set $p
          (i32.add (local.get $ptr)
            (i32.mul (local.get $r) (i32.add (local.get $n) (i32.const 1)))))
        (i32.store8 (local.get $p) (i32.const 2))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $q (i32.sub (local.get $p) (i32.add (local.get $n) (i32.const 1))))
        (if (i32.eqz (local.get $r)) (then (br $done)))
        (local.set $i (i32.const 0))
        (block $end
          (loop $vector
            (br_if $end (i32.ge_u (local.get $i) (local.get $vectors)))
            (v128.store (i32.add (local.get $p) (local.get $i))
              (i8x16.sub
                (v128.load (i32.add (local.get $p) (local.get $i)))
                (v128.load (i32.add (local.get $q) (local.get $i)))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $vector)))
        (block $end
          (loop $byte
            (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
            (i32.store8 (i32.add (local.get $p) (local.get $i))
              (i32.sub
                (i32.load8_u (i32.add (local.get $p) (local.get $i)))
                (i32.load8_u (i32.add (local.get $q) (local.get $i)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $byte)))
        (br $row))))
)
