;; Pixel kernels of the PNG codec, in WebAssembly with 128-bit SIMD. Compiled by
;; `deno run -A tools/build_kernels.ts` into `_kernels_wasm.ts`; `_kernels.ts` is the TypeScript
;; side. Every buffer lives in this module's memory; the caller leaves 16 spare bytes after each
;; one, because the vector loops read and write up to 15 bytes past a row's end.
(module
  (memory (export "memory") 1)

  ;; Reverses PNG's scanline filters in place. $ptr is row 0's filter-type byte, rows are
  ;; $n + 1 bytes apart, $bpp is the left-pixel distance, $zero points at $n zero bytes (the row
  ;; above row 0). Unless $census is 0, the census of 8-bit RGB or RGBA pixels ($bpp bytes) is
  ;; counted too, as in transcodeRows, while each row is in cache. Returns -1, or the first row
  ;; whose filter type is not 0 to 4.
  (func (export "unfilter")
    (param $ptr i32) (param $rows i32) (param $n i32) (param $bpp i32) (param $zero i32)
    (param $census i32) (result i32)
    (local $r i32) (local $p i32) (local $q i32) (local $status i32)
    (local.set $q (local.get $zero))
    (local.set $p (i32.add (local.get $ptr) (i32.const 1)))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $status
          (call $unfilterRow (local.get $p) (local.get $q) (local.get $n) (local.get $bpp)))
        (if (i32.eq (local.get $status) (i32.const 1)) (then (return (local.get $r))))
        ;; A row that repeats the row above holds nothing new to count.
        (if (i32.and (i32.ne (local.get $census) (i32.const 0)) (i32.eqz (local.get $status)))
          (then
            (call $censusRow (local.get $p) (local.get $q) (i32.add (local.get $p) (local.get $n))
              (local.get $bpp) (local.get $census) (i32.add (local.get $census) (i32.const 256)))))
        (local.set $q (local.get $p))
        (local.set $p (i32.add (local.get $p) (i32.add (local.get $n) (i32.const 1))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
    (i32.const -1))

  ;; The whole transcode of 8-bit RGB ($channels 3) or RGBA (4) scanlines at $input, row by row
  ;; while each row is in cache: unfilter it, drop alpha, and write it Up-filtered against the
  ;; row above as an RGB scanline at $output. Unless $census is 0, the census of the pixels is
  ;; counted too (tables at $census and $census + 256), of the rows that differ from the row
  ;; above. Unless $flags is 0, byte $flags + r becomes 0 when output row r is all zeros (the
  ;; row repeats the one above), else 1. Unless $form is 0, the canonical form of the output rows'
  ;; differences (see digestPieces) is written from $form as they are made, and the census, if
  ;; asked, is of the pixels under each row's pieces. Unless $patch or $form is 0, an
  ;; Up-filtered RGBA row after the strip's first is not unfiltered where it is: its differences
  ;; go out as they are and are added to the raw row above, which becomes its raw row; the
  ;; strip's last row is made raw at the end (the rows between are then not all raw). Returns the
  ;; first row with a bad filter type, or else -1 - the form's end (-1 when $form is 0).
  (func (export "transcodeRows")
    (param $input i32) (param $rows i32) (param $width i32) (param $channels i32)
    (param $zero i32) (param $output i32) (param $census i32) (param $flags i32) (param $form i32)
    (param $patch i32) (result i32)
    (local $r i32) (local $p i32) (local $q i32) (local $o i32) (local $n i32)
    (local $s i32) (local $t i32) (local $d i32) (local $end i32) (local $changed v128)
    (local $diff v128) (local $filtered v128) (local $vectorsEnd i32) (local $lastChanged i32)
    (local $f0 v128) (local $f1 v128) (local $f2 v128) (local $f3 v128) (local $v0 v128)
    (local $v1 v128) (local $v2 v128) (local $formAt i32) (local $any v128) (local $patching i32)
    (local $patched i32) (local $rowForm i32)
    (local.set $n (i32.mul (local.get $width) (local.get $channels)))
    (local.set $q (local.get $zero))
    (local.set $p (i32.add (local.get $input) (i32.const 1)))
    (local.set $o (i32.add (local.get $output) (i32.const 1)))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (i32.store8 (i32.sub (local.get $o) (i32.const 1)) (i32.const 2))
        (local.set $s (local.get $p))
        (local.set $t (local.get $q))
        (local.set $d (local.get $o))
        (local.set $end (i32.add (local.get $p) (local.get $n)))
        (local.set $formAt (i32.const 0))
        (local.set $rowForm (local.get $form))
        (local.set $patched (i32.const 0))
        ;; Patching needs the form, which the census then reads its pixels from.
        (local.set $patching
          (i32.and
            (i32.and
              (i32.ne (local.get $patch) (i32.const 0)) (i32.ne (local.get $form) (i32.const 0)))
            (i32.and
              (i32.ne (local.get $r) (i32.const 0)) (i32.eq (local.get $channels) (i32.const 4)))))
        ;; The differences written are gathered too: none means the row repeats the one above
        ;; (bytes past the row only ever make a row count as changed).
        (local.set $changed (v128.const i64x2 0 0))
        (block $differences
        ;; A row that repeats the row above has no differences to write: an Up-filtered one is
        ;; made whole with one copy of the row above, an unfiltered one is whole already. Up
        ;; rows are looked at for zeros only after a row that repeated its own row above: in a
        ;; drawn mask, rows that change follow each other, and the look would find a difference
        ;; only after reading much of the row (the fused loop below takes rows of zeros too).
        (if (i32.and
              (i32.eq (i32.load8_u (i32.sub (local.get $p) (i32.const 1))) (i32.const 2))
              (i32.eqz (local.get $lastChanged)))
          (then
            (if (call $allZero (local.get $p) (local.get $n))
              (then
                ;; Patching, the row above is this row's raw row already.
                (if (local.get $patching)
                  (then (local.set $patched (i32.const 1)))
                  (else (memory.copy (local.get $p) (local.get $q) (local.get $n))))
                (br $differences)))))
        (if (i32.eqz (i32.load8_u (i32.sub (local.get $p) (i32.const 1))))
          (then
            (if (call $sameBytes (local.get $p) (local.get $q) (local.get $n))
              (then (br $differences)))))
        ;; Patching, an Up-filtered row's differences go out and its pieces into the row above.
        (if (i32.and (local.get $patching)
              (i32.eq (i32.load8_u (i32.sub (local.get $p) (i32.const 1))) (i32.const 2)))
          (then
            (call $upPatchRgba (local.get $p) (local.get $q) (local.get $o) (local.get $end)
              (local.get $form))
            (local.set $formAt)
            (local.set $form)
            (local.set $changed)
            (local.set $patched (i32.const 1))
            (br $differences)))
        (if (i32.eq (i32.load8_u (i32.sub (local.get $p) (i32.const 1))) (i32.const 2))
          (then
            ;; An Up-filtered row already holds its differences with the row above: they are
            ;; written as they are (alpha dropped) while the row is unfiltered, in one pass.
            (local.set $vectorsEnd
              (i32.add (local.get $p) (i32.and (local.get $n) (i32.const -16))))
            (if (i32.eq (local.get $channels) (i32.const 4))
              (then
                ;; Sixteen pixels at a time: four vectors in, their differences packed in three.
                (block $fusedWide
                  (loop $four
                    (br_if $fusedWide
                      (i32.gt_u (i32.add (local.get $s) (i32.const 64)) (local.get $vectorsEnd)))
                    (local.set $f0 (v128.load (local.get $s)))
                    (local.set $f1 (v128.load offset=16 (local.get $s)))
                    (local.set $f2 (v128.load offset=32 (local.get $s)))
                    (local.set $f3 (v128.load offset=48 (local.get $s)))
                    (v128.store (local.get $s)
                      (i8x16.add (local.get $f0) (v128.load (local.get $t))))
                    (v128.store offset=16 (local.get $s)
                      (i8x16.add (local.get $f1) (v128.load offset=16 (local.get $t))))
                    (v128.store offset=32 (local.get $s)
                      (i8x16.add (local.get $f2) (v128.load offset=32 (local.get $t))))
                    (v128.store offset=48 (local.get $s)
                      (i8x16.add (local.get $f3) (v128.load offset=48 (local.get $t))))
                    (local.set $v0
                      (i8x16.shuffle 0 1 2 4 5 6 8 9 10 12 13 14 16 17 18 20
                        (local.get $f0) (local.get $f1)))
                    (local.set $v1
                      (i8x16.shuffle 5 6 8 9 10 12 13 14 16 17 18 20 21 22 24 25
                        (local.get $f1) (local.get $f2)))
                    (local.set $v2
                      (i8x16.shuffle 10 12 13 14 16 17 18 20 21 22 24 25 26 28 29 30
                        (local.get $f2) (local.get $f3)))
                    (v128.store (local.get $d) (local.get $v0))
                    (v128.store offset=16 (local.get $d) (local.get $v1))
                    (v128.store offset=32 (local.get $d) (local.get $v2))
                    (local.set $any (v128.or (local.get $v0) (v128.or (local.get $v1) (local.get $v2))))
                    (local.set $changed (v128.or (local.get $changed) (local.get $any)))
                    ;; The row's next three pieces, when the pieces so far reach them.
                    (if (i32.and (i32.ne (local.get $form) (i32.const 0))
                          (i32.eq (i32.sub (local.get $d) (local.get $o)) (local.get $formAt)))
                      (then
                        (if (v128.any_true (local.get $any))
                          (then
                            (local.set $form
                              (call $piece (local.get $form) (local.get $formAt) (local.get $v0)))
                            (local.set $form
                              (call $piece (local.get $form)
                                (i32.add (local.get $formAt) (i32.const 16)) (local.get $v1)))
                            (local.set $form
                              (call $piece (local.get $form)
                                (i32.add (local.get $formAt) (i32.const 32)) (local.get $v2)))))
                        (local.set $formAt (i32.add (local.get $formAt) (i32.const 48)))))
                    (local.set $s (i32.add (local.get $s) (i32.const 64)))
                    (local.set $t (i32.add (local.get $t) (i32.const 64)))
                    (local.set $d (i32.add (local.get $d) (i32.const 48)))
                    (br $four)))
                (block $fused
                  (loop $vector
                    (br_if $fused (i32.ge_u (local.get $s) (local.get $vectorsEnd)))
                    (local.set $filtered (v128.load (local.get $s)))
                    (v128.store (local.get $s)
                      (i8x16.add (local.get $filtered) (v128.load (local.get $t))))
                    (local.set $diff
                      (i8x16.shuffle 0 1 2 4 5 6 8 9 10 12 13 14 15 15 15 15
                        (local.get $filtered) (local.get $filtered)))
                    (v128.store (local.get $d) (local.get $diff))
                    (local.set $changed (v128.or (local.get $changed) (local.get $diff)))
                    (local.set $s (i32.add (local.get $s) (i32.const 16)))
                    (local.set $t (i32.add (local.get $t) (i32.const 16)))
                    (local.set $d (i32.add (local.get $d) (i32.const 12)))
                    (br $vector))))
              (else
                (block $fused
                  (loop $vector
                    (br_if $fused (i32.ge_u (local.get $s) (local.get $vectorsEnd)))
                    (local.set $filtered (v128.load (local.get $s)))
                    (v128.store (local.get $s)
                      (i8x16.add (local.get $filtered) (v128.load (local.get $t))))
                    (v128.store (local.get $d) (local.get $filtered))
                    (local.set $changed (v128.or (local.get $changed) (local.get $filtered)))
                    (local.set $s (i32.add (local.get $s) (i32.const 16)))
                    (local.set $t (i32.add (local.get $t) (i32.const 16)))
                    (local.set $d (i32.add (local.get $d) (i32.const 16)))
                    (br $vector)))))
            ;; The last bytes are unfiltered alone; the loop below writes their differences.
            (drop (call $up (local.get $s) (local.get $t) (i32.sub (local.get $end) (local.get $s)))))
          (else
            (if (i32.eq
                  (call $unfilterRow
                    (local.get $p) (local.get $q) (local.get $n) (local.get $channels))
                  (i32.const 1))
              (then (return (local.get $r))))))
        ;; Vectors may run past the row: the extra bytes land where the next row goes later.
        (if (i32.eq (local.get $channels) (i32.const 4))
          (then
            ;; Sixteen pixels at a time: the differences of four vectors, packed in three.
            (block $packedWide
              (loop $four
                (br_if $packedWide
                  (i32.gt_u (i32.add (local.get $s) (i32.const 64)) (local.get $end)))
                (local.set $f0
                  (i8x16.sub (v128.load (local.get $s)) (v128.load (local.get $t))))
                (local.set $f1
                  (i8x16.sub
                    (v128.load offset=16 (local.get $s)) (v128.load offset=16 (local.get $t))))
                (local.set $f2
                  (i8x16.sub
                    (v128.load offset=32 (local.get $s)) (v128.load offset=32 (local.get $t))))
                (local.set $f3
                  (i8x16.sub
                    (v128.load offset=48 (local.get $s)) (v128.load offset=48 (local.get $t))))
                ;; Sixteen pixels the same as above (most of a drawn row): zeros out, no piece.
                (if (i32.eqz
                      (v128.any_true
                        (v128.or (v128.or (local.get $f0) (local.get $f1))
                          (v128.or (local.get $f2) (local.get $f3)))))
                  (then
                    (v128.store (local.get $d) (v128.const i64x2 0 0))
                    (v128.store offset=16 (local.get $d) (v128.const i64x2 0 0))
                    (v128.store offset=32 (local.get $d) (v128.const i64x2 0 0))
                    (if (i32.and (i32.ne (local.get $form) (i32.const 0))
                          (i32.eq (i32.sub (local.get $d) (local.get $o)) (local.get $formAt)))
                      (then (local.set $formAt (i32.add (local.get $formAt) (i32.const 48)))))
                    (local.set $s (i32.add (local.get $s) (i32.const 64)))
                    (local.set $t (i32.add (local.get $t) (i32.const 64)))
                    (local.set $d (i32.add (local.get $d) (i32.const 48)))
                    (br $four)))
                (local.set $v0
                  (i8x16.shuffle 0 1 2 4 5 6 8 9 10 12 13 14 16 17 18 20
                    (local.get $f0) (local.get $f1)))
                (local.set $v1
                  (i8x16.shuffle 5 6 8 9 10 12 13 14 16 17 18 20 21 22 24 25
                    (local.get $f1) (local.get $f2)))
                (local.set $v2
                  (i8x16.shuffle 10 12 13 14 16 17 18 20 21 22 24 25 26 28 29 30
                    (local.get $f2) (local.get $f3)))
                (v128.store (local.get $d) (local.get $v0))
                (v128.store offset=16 (local.get $d) (local.get $v1))
                (v128.store offset=32 (local.get $d) (local.get $v2))
                (local.set $any (v128.or (local.get $v0) (v128.or (local.get $v1) (local.get $v2))))
                (local.set $changed (v128.or (local.get $changed) (local.get $any)))
                ;; The row's next three pieces, when the pieces so far reach them.
                (if (i32.and (i32.ne (local.get $form) (i32.const 0))
                      (i32.eq (i32.sub (local.get $d) (local.get $o)) (local.get $formAt)))
                  (then
                    (if (v128.any_true (local.get $any))
                      (then
                        (local.set $form
                          (call $piece (local.get $form) (local.get $formAt) (local.get $v0)))
                        (local.set $form
                          (call $piece (local.get $form)
                            (i32.add (local.get $formAt) (i32.const 16)) (local.get $v1)))
                        (local.set $form
                          (call $piece (local.get $form)
                            (i32.add (local.get $formAt) (i32.const 32)) (local.get $v2)))))
                    (local.set $formAt (i32.add (local.get $formAt) (i32.const 48)))))
                (local.set $s (i32.add (local.get $s) (i32.const 64)))
                (local.set $t (i32.add (local.get $t) (i32.const 64)))
                (local.set $d (i32.add (local.get $d) (i32.const 48)))
                (br $four)))
            (block $packed
              (loop $vector
                (br_if $packed (i32.ge_u (local.get $s) (local.get $end)))
                (local.set $diff
                  (i8x16.sub
                    (i8x16.shuffle 0 1 2 4 5 6 8 9 10 12 13 14 15 15 15 15
                      (v128.load (local.get $s)) (v128.load (local.get $s)))
                    (i8x16.shuffle 0 1 2 4 5 6 8 9 10 12 13 14 15 15 15 15
                      (v128.load (local.get $t)) (v128.load (local.get $t)))))
                (v128.store (local.get $d) (local.get $diff))
                (local.set $changed (v128.or (local.get $changed) (local.get $diff)))
                (local.set $s (i32.add (local.get $s) (i32.const 16)))
                (local.set $t (i32.add (local.get $t) (i32.const 16)))
                (local.set $d (i32.add (local.get $d) (i32.const 12)))
                (br $vector))))
          (else
            (block $packed
              (loop $vector
                (br_if $packed (i32.ge_u (local.get $s) (local.get $end)))
                (local.set $diff (i8x16.sub (v128.load (local.get $s)) (v128.load (local.get $t))))
                (v128.store (local.get $d) (local.get $diff))
                (local.set $changed (v128.or (local.get $changed) (local.get $diff)))
                (local.set $s (i32.add (local.get $s) (i32.const 16)))
                (local.set $t (i32.add (local.get $t) (i32.const 16)))
                (local.set $d (i32.add (local.get $d) (i32.const 16)))
                (br $vector)))))
        )
        (local.set $lastChanged (v128.any_true (local.get $changed)))
        ;; The canonical form of the row's differences: the pieces not written yet, then its end.
        (if (local.get $form)
          (then
            (if (local.get $lastChanged)
              (then
                (local.set $form
                  (call $piecesFrom (local.get $o) (local.get $formAt)
                    (i32.mul (local.get $width) (i32.const 3)) (local.get $form))))
              (else
                (i32.store (local.get $form) (i32.const 0))
                (local.set $form (i32.add (local.get $form) (i32.const 4)))))))
        (if (local.get $flags)
          (then (i32.store8 (i32.add (local.get $flags) (local.get $r)) (local.get $lastChanged))))
        ;; Row 0 is compared with the zero row: all background, it holds nothing to count. With a
        ;; form, the pixels under the row's pieces are counted, in the row above when patched.
        (if (local.get $census)
          (then
            (if (local.get $form)
              (then
                (drop
                  (call $censusOfForm (local.get $rowForm)
                    (select (local.get $q) (local.get $p) (local.get $patched))
                    (i32.mul (local.get $width) (i32.const 3)) (i32.const 3) (local.get $channels)
                    (local.get $census))))
              (else
                (if (v128.any_true (local.get $changed))
                  (then
                    (call $censusRow (local.get $p) (local.get $q) (local.get $end)
                      (local.get $channels) (local.get $census)
                      (i32.add (local.get $census) (i32.const 256)))))))))
        (if (i32.eqz (local.get $patched)) (then (local.set $q (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.add (local.get $n) (i32.const 1))))
        (local.set $o
          (i32.add (local.get $o) (i32.add (i32.mul (local.get $width) (i32.const 3)) (i32.const 1))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
    ;; The strip's last row raw, where the next strip looks for the row above its first.
    (local.set $p (i32.sub (local.get $p) (i32.add (local.get $n) (i32.const 1))))
    (if (i32.and (i32.ne (local.get $rows) (i32.const 0)) (i32.ne (local.get $q) (local.get $p)))
      (then (memory.copy (local.get $p) (local.get $q) (local.get $n))))
    (i32.sub (i32.const -1) (local.get $form)))

  ;; An Up-filtered RGBA row at $p (ending at $end) whose raw row above is at $q: writes its
  ;; differences, alpha dropped, as an RGB row at $o and adds its own differences to the row at
  ;; $q, which becomes its raw row (the row at $p stays filtered); unless $form is 0, the row's
  ;; pieces are written from $form (see transcodeRows). Returns the differences written, OR-ed
  ;; together (bytes past the row's end included), the form's end, and the output bytes its
  ;; pieces cover.
  (func $upPatchRgba (param $p i32) (param $q i32) (param $o i32) (param $end i32) (param $form i32)
    (result v128 i32 i32)
    (local $s i32) (local $t i32) (local $d i32) (local $changed v128) (local $any v128)
    (local $f0 v128) (local $f1 v128) (local $f2 v128) (local $f3 v128) (local $v0 v128)
    (local $v1 v128) (local $v2 v128) (local $formAt i32)
    (local.set $s (local.get $p))
    (local.set $t (local.get $q))
    (local.set $d (local.get $o))
    ;; Sixteen pixels at a time: four vectors in, their differences packed in three.
    (block $wideDone
      (loop $wide
        (br_if $wideDone (i32.gt_u (i32.add (local.get $s) (i32.const 64)) (local.get $end)))
        (local.set $f0 (v128.load (local.get $s)))
        (local.set $f1 (v128.load offset=16 (local.get $s)))
        (local.set $f2 (v128.load offset=32 (local.get $s)))
        (local.set $f3 (v128.load offset=48 (local.get $s)))
        ;; Sixteen pixels the same as above: zeros out, nothing to add to the row above.
        (if (i32.eqz
              (v128.any_true
                (v128.or (v128.or (local.get $f0) (local.get $f1))
                  (v128.or (local.get $f2) (local.get $f3)))))
          (then
            (v128.store (local.get $d) (v128.const i64x2 0 0))
            (v128.store offset=16 (local.get $d) (v128.const i64x2 0 0))
            (v128.store offset=32 (local.get $d) (v128.const i64x2 0 0))
            (local.set $formAt (i32.add (local.get $formAt) (i32.const 48)))
            (local.set $s (i32.add (local.get $s) (i32.const 64)))
            (local.set $t (i32.add (local.get $t) (i32.const 64)))
            (local.set $d (i32.add (local.get $d) (i32.const 48)))
            (br $wide)))
        (local.set $v0
          (i8x16.shuffle 0 1 2 4 5 6 8 9 10 12 13 14 16 17 18 20
            (local.get $f0) (local.get $f1)))
        (local.set $v1
          (i8x16.shuffle 5 6 8 9 10 12 13 14 16 17 18 20 21 22 24 25
            (local.get $f1) (local.get $f2)))
        (local.set $v2
          (i8x16.shuffle 10 12 13 14 16 17 18 20 21 22 24 25 26 28 29 30
            (local.get $f2) (local.get $f3)))
        (v128.store (local.get $d) (local.get $v0))
        (v128.store offset=16 (local.get $d) (local.get $v1))
        (v128.store offset=32 (local.get $d) (local.get $v2))
        (local.set $any (v128.or (local.get $v0) (v128.or (local.get $v1) (local.get $v2))))
        (local.set $changed (v128.or (local.get $changed) (local.get $any)))
        (if (v128.any_true (local.get $any))
          (then
            (if (local.get $form)
              (then
                (local.set $form
                  (call $piece (local.get $form) (local.get $formAt) (local.get $v0)))
                (local.set $form
                  (call $piece (local.get $form)
                    (i32.add (local.get $formAt) (i32.const 16)) (local.get $v1)))
                (local.set $form
                  (call $piece (local.get $form)
                    (i32.add (local.get $formAt) (i32.const 32)) (local.get $v2)))))))
        ;; Alpha alone may change too: the raw row keeps it.
        (if (v128.any_true
              (v128.or (v128.or (local.get $f0) (local.get $f1))
                (v128.or (local.get $f2) (local.get $f3))))
          (then
            (v128.store (local.get $t) (i8x16.add (local.get $f0) (v128.load (local.get $t))))
            (v128.store offset=16 (local.get $t)
              (i8x16.add (local.get $f1) (v128.load offset=16 (local.get $t))))
            (v128.store offset=32 (local.get $t)
              (i8x16.add (local.get $f2) (v128.load offset=32 (local.get $t))))
            (v128.store offset=48 (local.get $t)
              (i8x16.add (local.get $f3) (v128.load offset=48 (local.get $t))))))
        (local.set $formAt (i32.add (local.get $formAt) (i32.const 48)))
        (local.set $s (i32.add (local.get $s) (i32.const 64)))
        (local.set $t (i32.add (local.get $t) (i32.const 64)))
        (local.set $d (i32.add (local.get $d) (i32.const 48)))
        (br $wide)))
    ;; Four pixels at a time; the last vector may read past the row's end, whose bytes only go
    ;; where the next row goes later, and is added to the row above byte by byte.
    (block $narrowDone
      (loop $narrow
        (br_if $narrowDone (i32.ge_u (local.get $s) (local.get $end)))
        (local.set $f0 (v128.load (local.get $s)))
        (local.set $v0
          (i8x16.shuffle 0 1 2 4 5 6 8 9 10 12 13 14 15 15 15 15
            (local.get $f0) (local.get $f0)))
        (v128.store (local.get $d) (local.get $v0))
        (local.set $changed (v128.or (local.get $changed) (local.get $v0)))
        (if (i32.le_u (i32.add (local.get $s) (i32.const 16)) (local.get $end))
          (then
            (v128.store (local.get $t) (i8x16.add (local.get $f0) (v128.load (local.get $t)))))
          (else
            (drop (call $up (local.get $t) (local.get $s)
              (i32.sub (local.get $end) (local.get $s))))))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $t (i32.add (local.get $t) (i32.const 16)))
        (local.set $d (i32.add (local.get $d) (i32.const 12)))
        (br $narrow)))
    (local.get $changed)
    (if (result i32) (local.get $form)
      (then (local.get $form))
      (else (i32.const 0)))
    (local.get $formAt))

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
            (call $up (local.get $p) (local.get $q) (local.get $n))))))
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
    (local $i i32) (local $x i32) (local $splat v128)
    (local.set $i (local.get $bpp))
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

;; Returns 1 when a filtered byte is not zero (the row differs from the row above), else 0.
  (func $up (param $p i32) (param $q i32) (param $n i32) (result i32)
    (local $i i32) (local $vectors i32) (local $filtered v128) (local $changed v128)
    (local $byte i32) (local $changedBytes i32)
    (local.set $vectors (i32.and (local.get $n) (i32.const -16)))
    (block $end
      (loop $vector
        (br_if $end (i32.ge_u (local.get $i) (local.get $vectors)))
        (local.set $filtered (v128.load (i32.add (local.get $p) (local.get $i))))
        (local.set $changed (v128.or (local.get $changed) (local.get $filtered)))
        (v128.store (i32.add (local.get $p) (local.get $i))
          (i8x16.add
            (local.get $filtered)
            (v128.load (i32.add (local.get $q) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vector)))
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

  (func $abs (param $x i32) (result i32)
    (select (i32.sub (i32.const 0) (local.get $x)) (local.get $x)
      (i32.lt_s (local.get $x) (i32.const 0))))

  ;; Paeth, a pixel at a time for 8-bit RGB and RGBA: the three predictors of a pixel's bytes
  ;; in 16-bit lanes at once (each pixel needs the one before it, so pixels cannot go in
  ;; parallel). Four bytes are written per pixel; for RGB the fourth keeps its own value.
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

  ;; The census of a mask's pixels in raster order, for its statistics: $bSeen[B] becomes 1 for
  ;; every B of a labelled pixel (R >= 1), and $firstB[R] (16 bits each) becomes B + 1 for the
  ;; first pixel of each instance R, where it is still 0. Rows of $width pixels of $channels bytes
  ;; (3 or 4; R first, B third) start $stride bytes apart; $zero points at a row of zero bytes
  ;; (the row above row 0).
  (func (export "census")
    (param $ptr i32) (param $stride i32) (param $rows i32) (param $width i32)
    (param $channels i32) (param $zero i32) (param $bSeen i32) (param $firstB i32)
    (local $r i32) (local $p i32) (local $q i32) (local $n i32)
    (local.set $n (i32.mul (local.get $width) (local.get $channels)))
    (local.set $p (local.get $ptr))
    (local.set $q (local.get $zero))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (call $censusRow (local.get $p) (local.get $q) (i32.add (local.get $p) (local.get $n))
          (local.get $channels) (local.get $bSeen) (local.get $firstB))
        (local.set $q (local.get $p))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; The census of one row, $p to $end, whose row above is at $q. A pixel equal to the one above
  ;; it, or with the R and B of the pixel counted before it, adds nothing: masks are mostly such
  ;; pixels, so blocks of five RGB or four RGBA pixels equal to the block above are skipped
  ;; whole, and only the pixels of the other blocks are looked at. The 16 bytes after $end (and
  ;; after the row above) are read; they only ever make a block be looked at.
  (func $censusRow
    (param $p i32) (param $q i32) (param $end i32) (param $channels i32) (param $bSeen i32)
    (param $firstB i32)
    (local $step i32) (local $stop i32) (local $previous i32) (local $wide i32)
    ;; A key (R | B << 16) never has its top byte set, so the first pixel looked at counts.
    (local.set $previous (i32.const -1))
    (local.set $step (select (i32.const 16) (i32.const 15)
      (i32.eq (local.get $channels) (i32.const 4))))
    (local.set $wide (i32.shl (local.get $step) (i32.const 2)))
    (block $rowDone
      (loop $block
        (br_if $rowDone (i32.ge_u (local.get $p) (local.get $end)))
        ;; Four blocks equal to those above are passed over at once.
        (if (i32.le_u (i32.add (local.get $p) (local.get $wide)) (local.get $end))
          (then
            (if (i32.eqz
                  (v128.any_true
                    (v128.or
                      (v128.or
                        (v128.xor (v128.load (local.get $p)) (v128.load (local.get $q)))
                        (v128.xor
                          (v128.load (i32.add (local.get $p) (local.get $step)))
                          (v128.load (i32.add (local.get $q) (local.get $step)))))
                      (v128.or
                        (v128.xor
                          (v128.load (i32.add (local.get $p) (i32.shl (local.get $step) (i32.const 1))))
                          (v128.load (i32.add (local.get $q) (i32.shl (local.get $step) (i32.const 1)))))
                        (v128.xor
                          (v128.load
                            (i32.add (local.get $p) (i32.mul (local.get $step) (i32.const 3))))
                          (v128.load
                            (i32.add (local.get $q) (i32.mul (local.get $step) (i32.const 3)))))))))
              (then
                (local.set $p (i32.add (local.get $p) (local.get $wide)))
                (local.set $q (i32.add (local.get $q) (local.get $wide)))
                (br $block)))))
        (if (v128.any_true (v128.xor (v128.load (local.get $p)) (v128.load (local.get $q))))
          (then
            (local.set $stop (i32.add (local.get $p) (local.get $step)))
            (if (i32.gt_u (local.get $stop) (local.get $end))
              (then (local.set $stop (local.get $end))))
            (local.set $previous
              (call $censusPixels (local.get $p) (local.get $stop) (local.get $channels)
                (local.get $bSeen) (local.get $firstB) (local.get $previous)))
            (local.set $q (i32.add (local.get $q) (i32.sub (local.get $stop) (local.get $p))))
            (local.set $p (local.get $stop)))
          (else
            (local.set $p (i32.add (local.get $p) (local.get $step)))
            (local.set $q (i32.add (local.get $q) (local.get $step)))))
        (br $block))))

;; The census of the pixels of $channels bytes from $p to $stop (see censusRow); $previous is
  ;; the key (R | B << 16) of the pixel looked at before them, or -1. Returns the last one's key.
  (func $censusPixels (param $p i32) (param $stop i32) (param $channels i32) (param $bSeen i32)
    (param $firstB i32) (param $previous i32) (result i32)
    (local $key i32) (local $id i32) (local $entry i32)
    (block $done
      (loop $pixel
        (br_if $done (i32.ge_u (local.get $p) (local.get $stop)))
        (local.set $key (i32.and (i32.load (local.get $p)) (i32.const 0x00ff00ff)))
        (if (i32.ne (local.get $key) (local.get $previous))
          (then
            (local.set $previous (local.get $key))
            (local.set $id (i32.and (local.get $key) (i32.const 0xff)))
            (if (local.get $id)
              (then
                (i32.store8
                  (i32.add (local.get $bSeen) (i32.shr_u (local.get $key) (i32.const 16)))
                  (i32.const 1))
                (local.set $entry
                  (i32.add (local.get $firstB) (i32.shl (local.get $id) (i32.const 1))))
                (if (i32.eqz (i32.load16_u (local.get $entry)))
                  (then
                    (i32.store16 (local.get $entry)
                      (i32.add (i32.shr_u (local.get $key) (i32.const 16)) (i32.const 1)))))))))
        (local.set $p (i32.add (local.get $p) (local.get $channels)))
        (br $pixel)))
    (local.get $previous))

  ;; The census of one row of pixels of $channels bytes at $p from its form at $form (its
  ;; differences with the row above, $rowBytes bytes of pixels of $formBpp bytes, cut into
  ;; pieces): the pixels whose bytes a piece holds, from the first to the last. Returns the end
  ;; of the row's form.
  (func $censusOfForm (param $form i32) (param $p i32) (param $rowBytes i32) (param $formBpp i32)
    (param $channels i32) (param $census i32) (result i32)
    (local $index i32) (local $start i32) (local $length i32) (local $previous i32)
    (local.set $previous (i32.const -1))
    (block $done
      (loop $piece
        (local.set $index (i32.load (local.get $form)))
        (local.set $form (i32.add (local.get $form) (i32.const 4)))
        (br_if $done (i32.eqz (local.get $index)))
        (local.set $start (i32.shl (i32.sub (local.get $index) (i32.const 1)) (i32.const 4)))
        (local.set $length (i32.sub (local.get $rowBytes) (local.get $start)))
        (if (i32.gt_u (local.get $length) (i32.const 16)) (then (local.set $length (i32.const 16))))
        (local.set $form (i32.add (local.get $form) (local.get $length)))
        (local.set $previous
          (call $censusPixels
            (i32.add (local.get $p)
              (i32.mul (i32.div_u (local.get $start) (local.get $formBpp)) (local.get $channels)))
            (i32.add (local.get $p)
              (i32.mul
                (i32.add
                  (i32.div_u (i32.add (local.get $start) (i32.sub (local.get $length) (i32.const 1)))
                    (local.get $formBpp))
                  (i32.const 1))
                (local.get $channels)))
            (local.get $channels) (local.get $census) (i32.add (local.get $census) (i32.const 256))
            (local.get $previous)))
        (br $piece)))
    (local.get $form))

  ;; Applies PNG's Up filter in place to $rows scanlines of $n bytes starting at $ptr (row 0's
  ;; filter-type byte), bottom row first so each row is still raw when the one below reads it.
  ;; Unless $flags is 0, byte $flags + r - 1 becomes 0 when row r (from 1) is Up-filtered to
  ;; zeros (it repeats the row above), else 1.
  (func (export "filterUp") (param $ptr i32) (param $rows i32) (param $n i32) (param $flags i32)
    (local $r i32) (local $p i32) (local $q i32) (local $i i32) (local $vectors i32)
    (local $diff v128) (local $changed v128) (local $changedBytes i32) (local $byte i32)
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
        (local.set $changed (v128.const i64x2 0 0))
        (local.set $changedBytes (i32.const 0))
        (block $end
          (loop $vector
            (br_if $end (i32.ge_u (local.get $i) (local.get $vectors)))
            (local.set $diff
              (i8x16.sub
                (v128.load (i32.add (local.get $p) (local.get $i)))
                (v128.load (i32.add (local.get $q) (local.get $i)))))
            (v128.store (i32.add (local.get $p) (local.get $i)) (local.get $diff))
            (local.set $changed (v128.or (local.get $changed) (local.get $diff)))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $vector)))
        (block $end
          (loop $bytes
            (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $byte
              (i32.and
                (i32.sub
                  (i32.load8_u (i32.add (local.get $p) (local.get $i)))
                  (i32.load8_u (i32.add (local.get $q) (local.get $i))))
                (i32.const 0xff)))
            (i32.store8 (i32.add (local.get $p) (local.get $i)) (local.get $byte))
            (local.set $changedBytes (i32.or (local.get $changedBytes) (local.get $byte)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $bytes)))
        (if (local.get $flags)
          (then
            (i32.store8 (i32.add (local.get $flags) (i32.sub (local.get $r) (i32.const 1)))
              (i32.or
                (v128.any_true (local.get $changed))
                (i32.ne (local.get $changedBytes) (i32.const 0))))))
        (br $row))))

  ;; The position of the first nonzero byte in [$ptr, $end), or $end: the run-length deflater
  ;; skips the zero bytes of Up-filtered mask rows 64 at a time. Reads nothing past $end.
  (func $skipZeros (export "skipZeros") (param $ptr i32) (param $end i32) (result i32)
    (block $wide
      (loop $four
        (br_if $wide (i32.gt_u (i32.add (local.get $ptr) (i32.const 64)) (local.get $end)))
        (br_if $wide
          (v128.any_true
            (v128.or
              (v128.or (v128.load (local.get $ptr)) (v128.load offset=16 (local.get $ptr)))
              (v128.or (v128.load offset=32 (local.get $ptr)) (v128.load offset=48 (local.get $ptr))))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 64)))
        (br $four)))
    (block $narrow
      (loop $one
        (br_if $narrow (i32.gt_u (i32.add (local.get $ptr) (i32.const 16)) (local.get $end)))
        (br_if $narrow (v128.any_true (v128.load (local.get $ptr))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
        (br $one)))
    (block $found
      (loop $byte
        (br_if $found (i32.ge_u (local.get $ptr) (local.get $end)))
        (br_if $found (i32.load8_u (local.get $ptr)))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (br $byte)))
    (local.get $ptr))

  ;; The run-length deflater's tokens for the bytes at [$from, $to): what `RunDeflate.write`
  ;; (lib/flate/run_deflate.ts) finds there in TypeScript, without a call per run of zeros. At
  ;; each byte: a zero after a zero starts a run of zeros (one match at distance 1, or literal
  ;; zeros when under 3); else the longer run (3 to 258 bytes) repeating the byte before or the
  ;; byte $pixel before, or a literal. $state holds the stream, read and updated: Adler-32's a
  ;; (i32 at +0) and b (+4), how many bytes were taken before, at most 3 (+8), the last three
  ;; bytes taken, latest first (+12 to +14), and, unless +28 is 0, a cursor in the bytes'
  ;; canonical form (see $formSkip) that finds their zeros without reading them. Token k's
  ;; length goes to $lengths + 4k (u32) and its value to $values + 2k (u16), as in
  ;; `DeflateTokens`. Stops once at least $room tokens are written (a run of one or two zeros
  ;; writes two tokens: room for $room + 1) or the bytes end; returns the position reached, the
  ;; tokens' count at $state + 16. The three bytes before $from ($from >= 3) hold the last bytes
  ;; taken while it works and are put back.
  (func (export "runTokens")
    (param $from i32) (param $to i32) (param $pixel i32) (param $state i32)
    (param $lengths i32) (param $values i32) (param $room i32) (result i32)
    (local $i i32) (local $a i32) (local $b i32) (local $taken i32) (local $count i32)
    (local $byte i32) (local $end i32) (local $one i32) (local $three i32) (local $length i32)
    (local $max i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local.set $a (i32.load (local.get $state)))
    (local.set $b (i32.load offset=4 (local.get $state)))
    (local.set $taken (i32.load offset=8 (local.get $state)))
    (local.set $s1 (i32.load8_u (i32.sub (local.get $from) (i32.const 1))))
    (local.set $s2 (i32.load8_u (i32.sub (local.get $from) (i32.const 2))))
    (local.set $s3 (i32.load8_u (i32.sub (local.get $from) (i32.const 3))))
    (i32.store8 (i32.sub (local.get $from) (i32.const 1))
      (i32.load8_u offset=12 (local.get $state)))
    (i32.store8 (i32.sub (local.get $from) (i32.const 2))
      (i32.load8_u offset=13 (local.get $state)))
    (i32.store8 (i32.sub (local.get $from) (i32.const 3))
      (i32.load8_u offset=14 (local.get $state)))
    (local.set $i (local.get $from))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        (br_if $done (i32.ge_u (local.get $count) (local.get $room)))
        (local.set $byte (i32.load8_u (local.get $i)))
        (if (i32.and
              (i32.eqz
                (i32.or (local.get $byte) (i32.load8_u (i32.sub (local.get $i) (i32.const 1)))))
              (i32.ne (local.get $taken) (i32.const 0)))
          (then
            (local.set $end
              (if (result i32) (i32.load offset=28 (local.get $state))
                (then (call $formSkip (local.get $i) (local.get $to) (local.get $state)))
                (else (call $skipZeros (local.get $i) (local.get $to)))))
            (local.set $length (i32.sub (local.get $end) (local.get $i)))
            (local.set $b
              (i32.wrap_i64
                (i64.rem_u
                  (i64.add
                    (i64.extend_i32_u (local.get $b))
                    (i64.mul
                      (i64.extend_i32_u (local.get $length)) (i64.extend_i32_u (local.get $a))))
                  (i64.const 65521))))
            (local.set $taken (i32.add (local.get $taken) (local.get $length)))
            (local.set $i (local.get $end))
            (if (i32.ge_u (local.get $length) (i32.const 3))
              (then
                (local.set $count
                  (call $token (local.get $lengths) (local.get $values) (local.get $count)
                    (local.get $length) (i32.const 1)))
                (br $step)))
            (local.set $count
              (call $token (local.get $lengths) (local.get $values) (local.get $count)
                (i32.const 0) (i32.const 0)))
            (if (i32.eq (local.get $length) (i32.const 2))
              (then
                (local.set $count
                  (call $token (local.get $lengths) (local.get $values) (local.get $count)
                    (i32.const 0) (i32.const 0)))))
            (br $step)))
        (local.set $max (i32.sub (local.get $to) (local.get $i)))
        (if (i32.gt_u (local.get $max) (i32.const 258)) (then (local.set $max (i32.const 258))))
        (local.set $one (i32.const 0))
        (if (i32.and
              (i32.ne (local.get $taken) (i32.const 0))
              (i32.eq (local.get $byte) (i32.load8_u (i32.sub (local.get $i) (i32.const 1)))))
          (then (local.set $one (call $runLength (local.get $i) (local.get $max) (i32.const 1)))))
        (local.set $three (i32.const 0))
        (if (i32.and
              (i32.and
                (i32.gt_u (local.get $pixel) (i32.const 1))
                (i32.ge_u (local.get $taken) (local.get $pixel)))
              (i32.eq
                (local.get $byte)
                (i32.load8_u (i32.sub (local.get $i) (local.get $pixel)))))
          (then
            (local.set $three
              (call $runLength (local.get $i) (local.get $max) (local.get $pixel)))))
        (if (i32.and
              (i32.lt_u (local.get $one) (i32.const 3))
              (i32.lt_u (local.get $three) (i32.const 3)))
          (then
            (local.set $a (i32.rem_u (i32.add (local.get $a) (local.get $byte)) (i32.const 65521)))
            (local.set $b (i32.rem_u (i32.add (local.get $b) (local.get $a)) (i32.const 65521)))
            (local.set $taken (i32.add (local.get $taken) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (local.set $count
              (call $token (local.get $lengths) (local.get $values) (local.get $count)
                (i32.const 0) (local.get $byte)))
            (br $step)))
        (local.set $length
          (select (local.get $one) (local.get $three)
            (i32.ge_u (local.get $one) (local.get $three))))
        (local.set $count
          (call $token (local.get $lengths) (local.get $values) (local.get $count)
            (local.get $length)
            (select (i32.const 1) (local.get $pixel)
              (i32.ge_u (local.get $one) (local.get $three)))))
        ;; At most 258 bytes: a and b stay far below 2^31 until reduced once at the run's end.
        (local.set $end (i32.add (local.get $i) (local.get $length)))
        (block $summed
          (loop $sum
            (br_if $summed (i32.ge_u (local.get $i) (local.get $end)))
            (local.set $a (i32.add (local.get $a) (i32.load8_u (local.get $i))))
            (local.set $b (i32.add (local.get $b) (local.get $a)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $sum)))
        (local.set $a (i32.rem_u (local.get $a) (i32.const 65521)))
        (local.set $b (i32.rem_u (local.get $b) (i32.const 65521)))
        (local.set $taken (i32.add (local.get $taken) (local.get $length)))
        (br $step)))
    (i32.store (local.get $state) (local.get $a))
    (i32.store offset=4 (local.get $state) (local.get $b))
    (i32.store offset=16 (local.get $state) (local.get $count))
    (i32.store8 offset=12 (local.get $state) (i32.load8_u (i32.sub (local.get $i) (i32.const 1))))
    (i32.store8 offset=13 (local.get $state) (i32.load8_u (i32.sub (local.get $i) (i32.const 2))))
    (i32.store8 offset=14 (local.get $state) (i32.load8_u (i32.sub (local.get $i) (i32.const 3))))
    (i32.store8 (i32.sub (local.get $from) (i32.const 1)) (local.get $s1))
    (i32.store8 (i32.sub (local.get $from) (i32.const 2)) (local.get $s2))
    (i32.store8 (i32.sub (local.get $from) (i32.const 3)) (local.get $s3))
    (local.get $i))

  ;; The first nonzero byte in [$i, $to) of Up-filtered scanlines whose canonical form (see
  ;; digestPieces) is known, reading only the filter-type bytes and the bytes under pieces. The
  ;; cursor, moved on: the form's next entry at $state + 20, the row it is in (its first byte
  ;; after the filter type) at +24, the rows' bytes at +28; the row holds $i or is before it.
  (func $formSkip (param $i i32) (param $to i32) (param $state i32) (result i32)
    (local $fp i32) (local $row i32) (local $n i32) (local $k i32) (local $start i32)
    (local $end i32)
    (local.set $fp (i32.load offset=20 (local.get $state)))
    (local.set $row (i32.load offset=24 (local.get $state)))
    (local.set $n (i32.load offset=28 (local.get $state)))
    (block $found
      (loop $next
        (br_if $found (i32.ge_u (local.get $i) (local.get $to)))
        ;; Past the row's end: its other pieces and its end are passed.
        (if (i32.ge_u (local.get $i) (i32.add (local.get $row) (local.get $n)))
          (then
            (block $ended
              (loop $entry
                (local.set $k (i32.load (local.get $fp)))
                (br_if $ended (i32.eqz (local.get $k)))
                (local.set $fp (call $entryEnd (local.get $fp) (local.get $k) (local.get $n)))
                (br $entry)))
            (local.set $fp (i32.add (local.get $fp) (i32.const 4)))
            (local.set $row (i32.add (local.get $row) (i32.add (local.get $n) (i32.const 1))))
            (br $next)))
        ;; The filter-type byte before the row.
        (if (i32.lt_u (local.get $i) (local.get $row))
          (then
            (br_if $found (i32.load8_u (local.get $i)))
            (local.set $i (local.get $row))
            (br $next)))
        (local.set $k (i32.load (local.get $fp)))
        ;; No piece left: zeros up to the next row's filter-type byte.
        (if (i32.eqz (local.get $k))
          (then
            (local.set $i (i32.add (local.get $row) (local.get $n)))
            (br $next)))
        (local.set $start
          (i32.add (local.get $row) (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 4))))
        (local.set $end (i32.add (local.get $start) (i32.const 16)))
        (if (i32.gt_u (local.get $end) (i32.add (local.get $row) (local.get $n)))
          (then (local.set $end (i32.add (local.get $row) (local.get $n)))))
        (if (i32.lt_u (local.get $i) (local.get $start)) (then (local.set $i (local.get $start))))
        (block $passed
          (loop $byte
            (br_if $passed (i32.ge_u (local.get $i) (local.get $end)))
            (br_if $found (i32.ge_u (local.get $i) (local.get $to)))
            (br_if $found (i32.load8_u (local.get $i)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $byte)))
        (local.set $fp (call $entryEnd (local.get $fp) (local.get $k) (local.get $n)))
        (br $next)))
    (i32.store offset=20 (local.get $state) (local.get $fp))
    (i32.store offset=24 (local.get $state) (local.get $row))
    (select (local.get $to) (local.get $i) (i32.gt_u (local.get $i) (local.get $to))))

  ;; The end of the form's entry at $fp, piece $k of a row of $n bytes: 16 bytes and its number,
  ;; or fewer bytes for the row's last, shorter piece.
  (func $entryEnd (param $fp i32) (param $k i32) (param $n i32) (result i32)
    (local $left i32)
    (local.set $left
      (i32.sub (local.get $n) (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 4))))
    (i32.add (local.get $fp)
      (i32.add (i32.const 4)
        (select (i32.const 16) (local.get $left) (i32.ge_u (local.get $left) (i32.const 16))))))

  ;; A deflate block's symbols for the run-length deflater's $count tokens (`DeflateTokens`:
  ;; lengths at $lengths, u32, values at $values, u16), written as `writeSymbols` in
  ;; lib/flate/_deflate_block.ts writes them: a literal (length 0); a match of any length at
  ;; distance 1 to 3, cut into pieces of 258 and less (258 + 1 or 2 as 256 or 257, then 3); a run
  ;; of zero rows (value 256 + filter type, rows less one from bit 9, the zeros as length): per row
  ;; its filter type, a literal 0, the other zeros as a match at distance 1. The block's codes at
  ;; $codes: the literal/length codes (u16) at +0, their lengths (u8) at +576, the distance codes
  ;; (u16) at +864, their lengths at +928, then, fixed, each match length's code (u8, 0 to 258)
  ;; at +960, each code's extra bits (u8) at +1220 and base length (u16) at +1250. Bits go least
  ;; significant first from $out (8 bytes past the end may be written), after the bits pending
  ;; at $state (+0, fewer than 8; their count at +4). Returns the end of the whole bytes written;
  ;; the bits left over go back to $state.
  (func (export "writeSymbols")
    (param $lengths i32) (param $values i32) (param $count i32) (param $codes i32)
    (param $out i32) (param $state i32) (result i32)
    (local $t i32) (local $length i32) (local $value i32) (local $rows i32) (local $distance i32)
    (local $fulls i32) (local $rest i32) (local $split i32) (local $full i64) (local $bits i64)
    (local $pending i32) (local $at i32)
    (local.set $bits (i64.extend_i32_u (i32.load (local.get $state))))
    (local.set $pending (i32.load offset=4 (local.get $state)))
    (local.set $at (local.get $out))
    (block $done
      (loop $token
        (br_if $done (i32.ge_u (local.get $t) (local.get $count)))
        (local.set $length
          (i32.load (i32.add (local.get $lengths) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $value
          (i32.load16_u (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const 1)))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (if (i32.eqz (local.get $length))
          (then
            (call $put (local.get $bits) (local.get $pending) (local.get $at)
              (call $literalCode (local.get $codes) (local.get $value)))
            (local.set $at)
            (local.set $pending)
            (local.set $bits)
            (br $token)))
        (local.set $rows (i32.const 0))
        (local.set $distance (i32.sub (local.get $value) (i32.const 1)))
        ;; A run of zero rows: each row's match is its zeros but the first, at distance 1.
        (if (i32.ge_u (local.get $value) (i32.const 256))
          (then
            (local.set $rows (i32.add (i32.shr_u (local.get $value) (i32.const 9)) (i32.const 1)))
            (local.set $distance (i32.const 0))
            (local.set $length (i32.sub (local.get $length) (i32.const 1)))))
        (local.set $full
          (call $matchPiece (local.get $codes) (i32.const 258) (local.get $distance)))
        (loop $row
          (if (local.get $rows)
            (then
              ;; The row's filter type and its first zero, as literals.
              (call $put (local.get $bits) (local.get $pending) (local.get $at)
                (call $twoLiterals (local.get $codes) (i32.and (local.get $value) (i32.const 255))))
              (local.set $at)
              (local.set $pending)
              (local.set $bits)))
          (local.set $fulls (i32.div_u (local.get $length) (i32.const 258)))
          (local.set $rest
            (i32.sub (local.get $length) (i32.mul (local.get $fulls) (i32.const 258))))
          (local.set $split (i32.const 0))
          ;; 258 + 1 or 2 bytes: 256 or 257, then 3.
          (if (i32.and
                (i32.ne (local.get $rest) (i32.const 0))
                (i32.lt_u (local.get $rest) (i32.const 3)))
            (then
              (local.set $fulls (i32.sub (local.get $fulls) (i32.const 1)))
              (local.set $split (i32.add (local.get $rest) (i32.const 255)))
              (local.set $rest (i32.const 3))))
          (block $pieces
            (loop $piece
              (call $put (local.get $bits) (local.get $pending) (local.get $at)
                (if (result i64) (local.get $split)
                  (then
                    (call $matchPiece (local.get $codes) (local.get $split) (local.get $distance))
                    (local.set $split (i32.const 0)))
                  (else
                    (if (result i64) (local.get $rest)
                      (then
                        (call $matchPiece
                          (local.get $codes) (local.get $rest) (local.get $distance))
                        (local.set $rest (i32.const 0)))
                      (else
                        (br_if $pieces (i32.eqz (local.get $fulls)))
                        (local.set $fulls (i32.sub (local.get $fulls) (i32.const 1)))
                        (local.get $full))))))
              (local.set $at)
              (local.set $pending)
              (local.set $bits)
              (br $piece)))
          (br_if $row
            (i32.gt_s (local.tee $rows (i32.sub (local.get $rows) (i32.const 1))) (i32.const 0))))
        (br $token)))
    (i64.store (local.get $at) (local.get $bits))
    (i32.store (local.get $state) (i32.wrap_i64 (local.get $bits)))
    (i32.store offset=4 (local.get $state) (local.get $pending))
    (local.get $at))

  ;; Counts the symbols of a block's $count tokens (as writeSymbols takes them) into the u32
  ;; counts of the literal/length symbols at $literals and of the distance codes at $distances,
  ;; as `countSymbols` in lib/flate/_deflate_block.ts does; the match lengths' codes are at
  ;; $codes + 960, as writeSymbols has them.
  (func (export "countSymbols")
    (param $lengths i32) (param $values i32) (param $count i32) (param $codes i32)
    (param $literals i32) (param $distances i32)
    (local $t i32) (local $length i32) (local $value i32) (local $times i32) (local $fulls i32)
    (local $rest i32) (local $distance i32)
    (block $done
      (loop $token
        (br_if $done (i32.ge_u (local.get $t) (local.get $count)))
        (local.set $length
          (i32.load (i32.add (local.get $lengths) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $value
          (i32.load16_u (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const 1)))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (if (i32.eqz (local.get $length))
          (then
            (call $addCount (local.get $literals) (local.get $value) (i32.const 1))
            (br $token)))
        (local.set $times (i32.const 1))
        (local.set $distance (i32.sub (local.get $value) (i32.const 1)))
        (if (i32.ge_u (local.get $value) (i32.const 256))
          (then
            (local.set $times (i32.add (i32.shr_u (local.get $value) (i32.const 9)) (i32.const 1)))
            (call $addCount (local.get $literals)
              (i32.and (local.get $value) (i32.const 255)) (local.get $times))
            (call $addCount (local.get $literals) (i32.const 0) (local.get $times))
            (local.set $distance (i32.const 0))
            (local.set $length (i32.sub (local.get $length) (i32.const 1)))))
        (local.set $fulls (i32.div_u (local.get $length) (i32.const 258)))
        (local.set $rest (i32.sub (local.get $length) (i32.mul (local.get $fulls) (i32.const 258))))
        (if (i32.and
              (i32.ne (local.get $rest) (i32.const 0))
              (i32.lt_u (local.get $rest) (i32.const 3)))
          (then
            (local.set $fulls (i32.sub (local.get $fulls) (i32.const 1)))
            (call $countPiece (local.get $codes) (local.get $literals) (local.get $distances)
              (i32.add (local.get $rest) (i32.const 255)) (local.get $distance) (local.get $times))
            (local.set $rest (i32.const 3))))
        (if (local.get $rest)
          (then
            (call $countPiece (local.get $codes) (local.get $literals) (local.get $distances)
              (local.get $rest) (local.get $distance) (local.get $times))))
        (call $countPiece (local.get $codes) (local.get $literals) (local.get $distances)
          (i32.const 258) (local.get $distance) (i32.mul (local.get $fulls) (local.get $times)))
        (br $token))))

  ;; Counts $times matches of $length bytes (3 to 258) at distance code $distance.
  (func $countPiece (param $codes i32) (param $literals i32) (param $distances i32)
    (param $length i32) (param $distance i32) (param $times i32)
    (call $addCount (local.get $literals)
      (i32.add (i32.load8_u offset=960 (i32.add (local.get $codes) (local.get $length)))
        (i32.const 257))
      (local.get $times))
    (call $addCount (local.get $distances) (local.get $distance) (local.get $times)))

  ;; Adds $times to the u32 count $index at $counts.
  (func $addCount (param $counts i32) (param $index i32) (param $times i32)
    (local $at i32)
    (local.set $at (i32.add (local.get $counts) (i32.shl (local.get $index) (i32.const 2))))
    (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (local.get $times))))

  ;; Appends a pattern to the bits pending ($pending of them at most 7, $bits), its bit count
  ;; (56 at most) in bits 56 to 63: stores 8 bytes at $at, of which the whole ones are kept.
  ;; Returns the bits, their count and where the next bytes go.
  (func $put (param $bits i64) (param $pending i32) (param $at i32) (param $pattern i64)
    (result i64 i32 i32)
    (local.set $bits
      (i64.or (local.get $bits)
        (i64.shl
          (i64.and (local.get $pattern) (i64.const 0x00ffffffffffffff))
          (i64.extend_i32_u (local.get $pending)))))
    (local.set $pending
      (i32.add (local.get $pending) (i32.wrap_i64 (i64.shr_u (local.get $pattern) (i64.const 56)))))
    (i64.store (local.get $at) (local.get $bits))
    (i64.shr_u (local.get $bits) (i64.extend_i32_u (i32.and (local.get $pending) (i32.const 56))))
    (i32.and (local.get $pending) (i32.const 7))
    (i32.add (local.get $at) (i32.shr_u (local.get $pending) (i32.const 3))))

  ;; Literal/length symbol $symbol's code as a pattern, its bit count in bits 56 to 63.
  (func $literalCode (param $codes i32) (param $symbol i32) (result i64)
    (i64.or
      (i64.extend_i32_u
        (i32.load16_u (i32.add (local.get $codes) (i32.shl (local.get $symbol) (i32.const 1)))))
      (i64.shl
        (i64.extend_i32_u (i32.load8_u offset=576 (i32.add (local.get $codes) (local.get $symbol))))
        (i64.const 56))))

  ;; A literal $first, then a literal 0, as one pattern.
  (func $twoLiterals (param $codes i32) (param $first i32) (result i64)
    (local $a i64) (local $b i64) (local $bits i64)
    (local.set $a (call $literalCode (local.get $codes) (local.get $first)))
    (local.set $b (call $literalCode (local.get $codes) (i32.const 0)))
    (local.set $bits (i64.shr_u (local.get $a) (i64.const 56)))
    (i64.add
      (i64.or
        (i64.and (local.get $a) (i64.const 0x00ffffffffffffff))
        (i64.shl (i64.and (local.get $b) (i64.const 0x00ffffffffffffff)) (local.get $bits)))
      (i64.shl
        (i64.add (local.get $bits) (i64.shr_u (local.get $b) (i64.const 56)))
        (i64.const 56))))

  ;; One match of $length bytes (3 to 258) at distance code $distance: its length's code and
  ;; extra bits, then its distance's code, as one pattern, its bit count in bits 56 to 63.
  (func $matchPiece (param $codes i32) (param $length i32) (param $distance i32) (result i64)
    (local $code i32) (local $symbol i32) (local $literalBits i32) (local $extraBits i32)
    (local $distanceBits i32)
    (local.set $code (i32.load8_u offset=960 (i32.add (local.get $codes) (local.get $length))))
    (local.set $symbol (i32.add (local.get $code) (i32.const 257)))
    (local.set $literalBits
      (i32.load8_u offset=576 (i32.add (local.get $codes) (local.get $symbol))))
    (local.set $extraBits (i32.load8_u offset=1220 (i32.add (local.get $codes) (local.get $code))))
    (local.set $distanceBits
      (i32.load8_u offset=928 (i32.add (local.get $codes) (local.get $distance))))
    (i64.or
      (i64.or
        (i64.extend_i32_u
          (i32.load16_u (i32.add (local.get $codes) (i32.shl (local.get $symbol) (i32.const 1)))))
        (i64.shl
          (i64.extend_i32_u
            (i32.sub (local.get $length)
              (i32.load16_u offset=1250
                (i32.add (local.get $codes) (i32.shl (local.get $code) (i32.const 1))))))
          (i64.extend_i32_u (local.get $literalBits))))
      (i64.or
        (i64.shl
          (i64.extend_i32_u
            (i32.load16_u offset=864
              (i32.add (local.get $codes) (i32.shl (local.get $distance) (i32.const 1)))))
          (i64.extend_i32_u (i32.add (local.get $literalBits) (local.get $extraBits))))
        (i64.shl
          (i64.extend_i32_u
            (i32.add (local.get $literalBits)
              (i32.add (local.get $extraBits) (local.get $distanceBits))))
          (i64.const 56)))))

  ;; Writes token $count (length $length, value $value) and returns the count after it.
  (func $token (param $lengths i32) (param $values i32) (param $count i32) (param $length i32)
    (param $value i32) (result i32)
    (i32.store (i32.add (local.get $lengths) (i32.shl (local.get $count) (i32.const 2)))
      (local.get $length))
    (i32.store16 (i32.add (local.get $values) (i32.shl (local.get $count) (i32.const 1)))
      (local.get $value))
    (i32.add (local.get $count) (i32.const 1)))

  ;; How many of the $max bytes from $p repeat the byte $distance before each.
  (func $runLength (param $p i32) (param $max i32) (param $distance i32) (result i32)
    (local $n i32)
    (block $end
      (loop $byte
        (br_if $end (i32.ge_u (local.get $n) (local.get $max)))
        (br_if $end
          (i32.ne
            (i32.load8_u (i32.add (local.get $p) (local.get $n)))
            (i32.load8_u (i32.sub (i32.add (local.get $p) (local.get $n)) (local.get $distance)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $byte)))
    (local.get $n))

  ;; The canonical form of $rows rows of $n bytes, $stride bytes apart from $ptr (row 0's first
  ;; byte), as the pixel digest hashes it: per row, its Up difference (the row minus the row
  ;; above, bytewise) cut into 16-byte pieces from the row's start; each piece that is not all
  ;; zeros as its number counted from 1 (4 bytes, little-endian) and its bytes (the last piece
  ;; holds $n mod 16 bytes when that is not 0), then 4 zero bytes. $above is the row above row 0
  ;; (each other row's is the row before it), or -1 when the rows hold their Up differences
  ;; already (PNG's Up-filtered scanlines, filter-type byte left out). Unless $flags is 0, a row
  ;; whose byte at $flags is 0 is known to have no difference. Writes from $out, at most
  ;; $rows * (4 + 20 * ceil($n / 16)) bytes; returns the end of what it wrote.
  (func (export "digestPieces")
    (param $ptr i32) (param $stride i32) (param $rows i32) (param $n i32) (param $above i32)
    (param $flags i32) (param $out i32) (result i32)
    (local $r i32) (local $p i32) (local $q i32)
    (local.set $p (local.get $ptr))
    (local.set $q (local.get $above))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (if (i32.and (i32.ne (local.get $flags) (i32.const 0))
              (i32.eqz (i32.load8_u (i32.add (local.get $flags) (local.get $r)))))
          (then
            (i32.store (local.get $out) (i32.const 0))
            (local.set $out (i32.add (local.get $out) (i32.const 4))))
          (else
            (local.set $out
              (call $formRow (local.get $p)
                (select (i32.const -1) (local.get $q) (i32.eq (local.get $above) (i32.const -1)))
                (local.get $n) (local.get $out)))))
        (local.set $q (local.get $p))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
    (local.get $out))

  ;; One row's canonical form at $out (see digestPieces): the row of $n bytes at $p minus the row
  ;; at $q, or as it is when $q is -1 (Up differences already). Returns the end of what it wrote.
  (func $formRow (param $p i32) (param $q i32) (param $n i32) (param $out i32) (result i32)
    (local $vectors i32)
    (local.set $vectors (i32.and (local.get $n) (i32.const -16)))
    (local.set $out
      (if (result i32) (i32.eq (local.get $q) (i32.const -1))
        (then (call $differencePieces (local.get $p) (local.get $vectors) (local.get $out)))
        (else
          (call $rowPieces (local.get $p) (local.get $q) (local.get $vectors) (local.get $out)))))
    (call $tailPiece (local.get $p) (local.get $q) (local.get $vectors) (local.get $n)
      (local.get $out)))

  ;; Ends a row's form at $out: the last, shorter piece of the row at $p (bytes $vectors to $n,
  ;; minus those of the row at $q unless $q is -1) when one of its differences is not zero, then
  ;; 4 zero bytes. Returns the end of what it wrote.
  (func $tailPiece (param $p i32) (param $q i32) (param $vectors i32) (param $n i32)
    (param $out i32) (result i32)
    (local $k i32) (local $any i32) (local $byte i32)
    (if (i32.lt_u (local.get $vectors) (local.get $n))
      (then
        (i32.store (local.get $out)
          (i32.add (i32.shr_u (local.get $vectors) (i32.const 4)) (i32.const 1)))
        (local.set $k (local.get $vectors))
        (block $end
          (loop $bytes
            (br_if $end (i32.ge_u (local.get $k) (local.get $n)))
            (local.set $byte (i32.load8_u (i32.add (local.get $p) (local.get $k))))
            (if (i32.ne (local.get $q) (i32.const -1))
              (then
                (local.set $byte
                  (i32.and
                    (i32.sub (local.get $byte) (i32.load8_u (i32.add (local.get $q) (local.get $k))))
                    (i32.const 255)))))
            (i32.store8 offset=4
              (i32.add (local.get $out) (i32.sub (local.get $k) (local.get $vectors)))
              (local.get $byte))
            (local.set $any (i32.or (local.get $any) (local.get $byte)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $bytes)))
        (if (local.get $any)
          (then
            (local.set $out
              (i32.add (local.get $out)
                (i32.add (i32.sub (local.get $n) (local.get $vectors)) (i32.const 4))))))))
    (i32.store (local.get $out) (i32.const 0))
    (i32.add (local.get $out) (i32.const 4)))

  ;; As unfilter (no flags), and the rows' canonical form written from $out as digestPieces
  ;; writes it: an Up-filtered row's pieces are its filtered bytes, taken as the row is
  ;; unfiltered; any other row's are cut once it is unfiltered. The census, unless $census is 0,
  ;; is of the pixels under each row's pieces. Unless $patch is 0, an Up-filtered row after the
  ;; strip's first is not unfiltered where it is: its pieces are added to the raw row above, which
  ;; becomes its raw row, and the strip's last row is made raw at the end (the rows between are
  ;; then not all raw). Returns the end of the form, or -1 - r when row r's filter type is not 0
  ;; to 4.
  (func (export "unfilterForm")
    (param $ptr i32) (param $rows i32) (param $n i32) (param $bpp i32) (param $zero i32)
    (param $census i32) (param $out i32) (param $patch i32) (result i32)
    (local $r i32) (local $p i32) (local $q i32) (local $status i32) (local $end i32)
    (local.set $q (local.get $zero))
    (local.set $p (i32.add (local.get $ptr) (i32.const 1)))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (if (i32.eq (i32.load8_u (i32.sub (local.get $p) (i32.const 1))) (i32.const 2))
          (then
            (if (i32.and (local.get $patch) (i32.ne (local.get $r) (i32.const 0)))
              (then
                ;; The raw row above, in the strip, becomes this row's: only its pieces change.
                (local.set $end
                  (call $upPatch (local.get $p) (local.get $q) (local.get $n) (local.get $out)))
                (if (local.get $census)
                  (then
                    (drop (call $censusOfForm (local.get $out) (local.get $q) (local.get $n)
                      (local.get $bpp) (local.get $bpp) (local.get $census)))))
                (local.set $out (local.get $end))
                (local.set $p (i32.add (local.get $p) (i32.add (local.get $n) (i32.const 1))))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br $row)))
            (local.set $end
              (call $upForm (local.get $p) (local.get $q) (local.get $n) (local.get $out)))
            ;; Only the row's end written: Up-filtered zeros, the row above repeated.
            (local.set $status
              (select (i32.const 2) (i32.const 0)
                (i32.eq (local.get $end) (i32.add (local.get $out) (i32.const 4))))))
          (else
            (local.set $status
              (call $unfilterRow (local.get $p) (local.get $q) (local.get $n) (local.get $bpp)))
            (if (i32.eq (local.get $status) (i32.const 1))
              (then (return (i32.sub (i32.const -1) (local.get $r)))))
            (local.set $end
              (call $formRow (local.get $p) (local.get $q) (local.get $n) (local.get $out)))))
        ;; The census of the pixels under the row's pieces, while the row is in cache.
        (if (local.get $census)
          (then
            (drop (call $censusOfForm (local.get $out) (local.get $p) (local.get $n) (local.get $bpp)
              (local.get $bpp) (local.get $census)))))
        (local.set $out (local.get $end))
        (local.set $q (local.get $p))
        (local.set $p (i32.add (local.get $p) (i32.add (local.get $n) (i32.const 1))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
    ;; The strip's last row raw, where the next strip looks for the row above its first.
    (local.set $p (i32.sub (local.get $p) (i32.add (local.get $n) (i32.const 1))))
    (if (i32.and (i32.ne (local.get $rows) (i32.const 0)) (i32.ne (local.get $q) (local.get $p)))
      (then (memory.copy (local.get $p) (local.get $q) (local.get $n))))
    (local.get $out))

  ;; Adds an Up-filtered row of $n bytes at $p to the raw row above it at $q, which becomes the
  ;; row's raw bytes (the row at $p stays filtered), writing its canonical form at $out from the
  ;; filtered bytes (its differences): only the pieces that are not zeros are added. Returns the
  ;; form's end.
  (func $upPatch (param $p i32) (param $q i32) (param $n i32) (param $out i32) (result i32)
    (local $i i32) (local $vectors i32) (local $filtered v128)
    (local.set $vectors (i32.and (local.get $n) (i32.const -16)))
    (block $end
      (loop $vector
        (br_if $end (i32.ge_u (local.get $i) (local.get $vectors)))
        ;; 64 bytes of zeros (most of a drawn mask's row) passed over at once.
        (if (i32.le_u (i32.add (local.get $i) (i32.const 64)) (local.get $vectors))
          (then
            (if (i32.eqz
                  (v128.any_true
                    (v128.or
                      (v128.or (v128.load (i32.add (local.get $p) (local.get $i)))
                        (v128.load offset=16 (i32.add (local.get $p) (local.get $i))))
                      (v128.or (v128.load offset=32 (i32.add (local.get $p) (local.get $i)))
                        (v128.load offset=48 (i32.add (local.get $p) (local.get $i)))))))
              (then
                (local.set $i (i32.add (local.get $i) (i32.const 64)))
                (br $vector)))))
        (local.set $filtered (v128.load (i32.add (local.get $p) (local.get $i))))
        (if (v128.any_true (local.get $filtered))
          (then
            (local.set $out (call $piece (local.get $out) (local.get $i) (local.get $filtered)))
            (v128.store (i32.add (local.get $q) (local.get $i))
              (i8x16.add (local.get $filtered) (v128.load (i32.add (local.get $q) (local.get $i)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vector)))
    (local.set $out
      (call $tailPiece (local.get $p) (i32.const -1) (local.get $vectors) (local.get $n)
        (local.get $out)))
    (drop (call $up (i32.add (local.get $q) (local.get $vectors))
      (i32.add (local.get $p) (local.get $vectors)) (i32.sub (local.get $n) (local.get $vectors))))
    (local.get $out))

  ;; Unfilters an Up-filtered row of $n bytes at $p against the raw row $q, writing its canonical
  ;; form at $out from the filtered bytes (its differences) as it goes; returns the form's end.
  (func $upForm (param $p i32) (param $q i32) (param $n i32) (param $out i32) (result i32)
    (local $i i32) (local $vectors i32) (local $filtered v128)
    (local.set $vectors (i32.and (local.get $n) (i32.const -16)))
    (block $end
      (loop $vector
        (br_if $end (i32.ge_u (local.get $i) (local.get $vectors)))
        (local.set $filtered (v128.load (i32.add (local.get $p) (local.get $i))))
        (if (v128.any_true (local.get $filtered))
          (then
            (local.set $out (call $piece (local.get $out) (local.get $i) (local.get $filtered)))))
        (v128.store (i32.add (local.get $p) (local.get $i))
          (i8x16.add (local.get $filtered) (v128.load (i32.add (local.get $q) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vector)))
    (local.set $out
      (call $tailPiece (local.get $p) (i32.const -1) (local.get $vectors) (local.get $n)
        (local.get $out)))
    (drop (call $up (i32.add (local.get $p) (local.get $vectors))
      (i32.add (local.get $q) (local.get $vectors)) (i32.sub (local.get $n) (local.get $vectors))))
    (local.get $out))

  ;; Unfilters scanlines and converts their pixels, row by row while each row is in cache. $ptr is
  ;; row 0's filter-type byte, rows are $width * $channels + 1 bytes apart (RGB or RGBA pixels,
  ;; $channels 3 or 4), $zero points at the raw row above row 0. Each row is converted into rows at
  ;; $out, $outStride bytes apart: $mode 0 writes one byte a pixel, 0 where red is 0, else the byte
  ;; at $table + blue (class indices); $mode 1 writes two, big-endian, 0 then red (instance ids);
  ;; $mode 2 writes three, the panoptic pixel: the class c (as $mode 0), red unless c is 0 or stuff
  ;; (the byte at $table + 256 + c is 1), else 0, then 0. Below the first row, 16 pixels the same as
  ;; the 16 above are copied from the row written above, not converted again. Unless $census is 0,
  ;; the census of the pixels converted is counted too (see censusRow; tables at $census and
  ;; $census + 256): those copied repeat pixels above them, counted already, so the census is the
  ;; one censusRow counts. Unless $patch is 0, an Up-filtered row after the strip's first is not
  ;; unfiltered where it is: the 16 pixels whose differences are not zeros are added to the raw row
  ;; above, which becomes its raw row, and converted; the strip's last row is made raw at the end
  ;; (the rows between are then not all raw). Returns -1, or the first row whose filter type is not
  ;; 0 to 4.
  (func (export "unfilterConvert")
    (param $ptr i32) (param $rows i32) (param $width i32) (param $channels i32) (param $zero i32)
    (param $out i32) (param $outStride i32) (param $mode i32) (param $table i32)
    (param $census i32) (param $patch i32) (result i32)
    (local $r i32) (local $n i32) (local $p i32) (local $q i32) (local $o i32) (local $status i32)
    (local.set $n (i32.mul (local.get $width) (local.get $channels)))
    (local.set $q (local.get $zero))
    (local.set $p (i32.add (local.get $ptr) (i32.const 1)))
    (local.set $o (local.get $out))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (block $next
          (if (i32.and
                (i32.and (i32.ne (local.get $patch) (i32.const 0)) (i32.ne (local.get $r) (i32.const 0)))
                (i32.eq (i32.load8_u (i32.sub (local.get $p) (i32.const 1))) (i32.const 2)))
            (then
              ;; The raw row above becomes this row's: only its 16 pixels that differ change.
              (call $patchConvert (local.get $p) (local.get $q) (local.get $o) (local.get $width)
                (local.get $channels) (local.get $outStride) (local.get $mode) (local.get $table)
                (local.get $census))
              (br $next)))
          (local.set $status
            (call $unfilterRow (local.get $p) (local.get $q) (local.get $n) (local.get $channels)))
          (if (i32.eq (local.get $status) (i32.const 1)) (then (return (local.get $r))))
          (if (i32.and (i32.ne (local.get $r) (i32.const 0)) (i32.eq (local.get $status) (i32.const 2)))
            (then
              ;; A row that repeats the row above: the row written above, copied.
              (memory.copy (local.get $o) (i32.sub (local.get $o) (local.get $outStride))
                (i32.mul (local.get $width) (call $sampleBytes (local.get $mode)))))
            (else
              (call $convertRow (local.get $p) (local.get $q) (local.get $o) (local.get $width)
                (local.get $channels) (local.get $outStride) (local.get $mode) (local.get $table)
                (local.get $census) (local.get $r))))
          (local.set $q (local.get $p)))
        (local.set $p (i32.add (local.get $p) (i32.add (local.get $n) (i32.const 1))))
        (local.set $o (i32.add (local.get $o) (local.get $outStride)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
    ;; The strip's last row raw, where the next strip looks for the row above its first.
    (local.set $p (i32.sub (local.get $p) (i32.add (local.get $n) (i32.const 1))))
    (if (i32.and (i32.ne (local.get $rows) (i32.const 0)) (i32.ne (local.get $q) (local.get $p)))
      (then (memory.copy (local.get $p) (local.get $q) (local.get $n))))
    (i32.const -1))

  ;; The bytes of a converted pixel of $mode (see unfilterConvert): 1, 2 or 3.
  (func $sampleBytes (param $mode i32) (result i32)
    (select (i32.const 3) (i32.add (local.get $mode) (i32.const 1))
      (i32.eq (local.get $mode) (i32.const 2))))

  ;; unfilterConvert's row $r at $p, unfiltered, its raw row above at $q (none for the first row,
  ;; whose pixels are all converted): converted to $o, the row written above $outStride bytes
  ;; before; its converted pixels counted (tables at $census, unless 0).
  (func $convertRow (param $p i32) (param $q i32) (param $o i32) (param $width i32)
    (param $channels i32) (param $outStride i32) (param $mode i32) (param $table i32)
    (param $census i32) (param $r i32)
    (local $x i32) (local $group i32) (local $bpp i32)
    (local.set $bpp (call $sampleBytes (local.get $mode)))
    (local.set $group (i32.shl (local.get $channels) (i32.const 4)))
    (block $groups
      (loop $next
        (br_if $groups (i32.gt_u (i32.add (local.get $x) (i32.const 16)) (local.get $width)))
        (if (i32.and (i32.ne (local.get $r) (i32.const 0))
              (call $sameGroup (local.get $p) (local.get $q) (local.get $group)))
          (then
            (call $copyGroup (local.get $o) (local.get $outStride) (local.get $bpp)))
          (else
            (call $convertGroup (local.get $p) (local.get $o) (i32.const 16) (local.get $channels)
              (local.get $mode) (local.get $table) (local.get $census))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $p (i32.add (local.get $p) (local.get $group)))
        (local.set $q (i32.add (local.get $q) (local.get $group)))
        (local.set $o (i32.add (local.get $o) (i32.shl (local.get $bpp) (i32.const 4))))
        (br $next)))
    (call $convertGroup (local.get $p) (local.get $o) (i32.sub (local.get $width) (local.get $x))
      (local.get $channels) (local.get $mode) (local.get $table) (local.get $census)))

  ;; unfilterConvert's Up-filtered row at $p below the strip's first, its raw row above at $q: the
  ;; 16 pixels whose differences are not zeros are added there (which becomes the row's raw row)
  ;; and converted to $o; the others are copied from the row written above, $outStride bytes
  ;; before. The pixels after the last 16 are added byte by byte and converted.
  (func $patchConvert (param $p i32) (param $q i32) (param $o i32) (param $width i32)
    (param $channels i32) (param $outStride i32) (param $mode i32) (param $table i32)
    (param $census i32)
    (local $i i32) (local $groups i32) (local $step i32) (local $bpp i32)
    (local.set $bpp (call $sampleBytes (local.get $mode)))
    (local.set $step (i32.shl (local.get $channels) (i32.const 4)))
    (local.set $groups (i32.mul (i32.and (local.get $width) (i32.const -16)) (local.get $channels)))
    (block $done
      (loop $group
        (br_if $done (i32.ge_u (local.get $i) (local.get $groups)))
        ;; Four groups whose differences are all zeros at once: their pixels those above.
        (if (i32.le_u (i32.add (local.get $i) (i32.shl (local.get $step) (i32.const 2)))
              (local.get $groups))
          (then
            (if (call $zeroGroups (i32.add (local.get $p) (local.get $i)) (local.get $channels))
              (then
                (call $copyGroup (local.get $o) (local.get $outStride) (local.get $bpp))
                (local.set $o (i32.add (local.get $o) (i32.shl (local.get $bpp) (i32.const 4))))
                (call $copyGroup (local.get $o) (local.get $outStride) (local.get $bpp))
                (local.set $o (i32.add (local.get $o) (i32.shl (local.get $bpp) (i32.const 4))))
                (call $copyGroup (local.get $o) (local.get $outStride) (local.get $bpp))
                (local.set $o (i32.add (local.get $o) (i32.shl (local.get $bpp) (i32.const 4))))
                (call $copyGroup (local.get $o) (local.get $outStride) (local.get $bpp))
                (local.set $o (i32.add (local.get $o) (i32.shl (local.get $bpp) (i32.const 4))))
                (local.set $i (i32.add (local.get $i) (i32.shl (local.get $step) (i32.const 2))))
                (br $group)))))
        (if (call $patchGroup (i32.add (local.get $p) (local.get $i))
              (i32.add (local.get $q) (local.get $i)) (local.get $channels))
          (then
            (call $convertGroup (i32.add (local.get $q) (local.get $i)) (local.get $o) (i32.const 16)
              (local.get $channels) (local.get $mode) (local.get $table) (local.get $census)))
          (else (call $copyGroup (local.get $o) (local.get $outStride) (local.get $bpp))))
        (local.set $i (i32.add (local.get $i) (local.get $step)))
        (local.set $o (i32.add (local.get $o) (i32.shl (local.get $bpp) (i32.const 4))))
        (br $group)))
    (call $addBytes (i32.add (local.get $q) (local.get $groups))
      (i32.add (local.get $p) (local.get $groups))
      (i32.sub (i32.mul (local.get $width) (local.get $channels)) (local.get $groups)))
    (call $convertGroup (i32.add (local.get $q) (local.get $groups)) (local.get $o)
      (i32.and (local.get $width) (i32.const 15)) (local.get $channels) (local.get $mode)
      (local.get $table) (local.get $census)))

  ;; Whether the $group bytes of 16 pixels at $p equal those at $q (RGB: 48 bytes, its last 16
  ;; compared twice).
  (func $sameGroup (param $p i32) (param $q i32) (param $group i32) (result i32)
    (i32.eqz
      (v128.any_true
        (v128.or
          (v128.or
            (v128.xor (v128.load (local.get $p)) (v128.load (local.get $q)))
            (v128.xor (v128.load offset=16 (local.get $p)) (v128.load offset=16 (local.get $q))))
          (v128.or
            (v128.xor (v128.load offset=32 (local.get $p)) (v128.load offset=32 (local.get $q)))
            (v128.xor
              (v128.load (i32.add (local.get $p) (i32.sub (local.get $group) (i32.const 16))))
              (v128.load (i32.add (local.get $q) (i32.sub (local.get $group) (i32.const 16))))))))))

  ;; Copies 16 converted pixels of $bpp bytes at $o from the row written $outStride bytes before.
  (func $copyGroup (param $o i32) (param $outStride i32) (param $bpp i32)
    (v128.store (local.get $o) (v128.load (i32.sub (local.get $o) (local.get $outStride))))
    (if (i32.ge_u (local.get $bpp) (i32.const 2))
      (then
        (v128.store offset=16 (local.get $o)
          (v128.load offset=16 (i32.sub (local.get $o) (local.get $outStride))))))
    (if (i32.eq (local.get $bpp) (i32.const 3))
      (then
        (v128.store offset=32 (local.get $o)
          (v128.load offset=32 (i32.sub (local.get $o) (local.get $outStride)))))))

  ;; Converts $n pixels at $p to $o, counting their census (tables at $census, unless 0).
  (func $convertGroup (param $p i32) (param $o i32) (param $n i32) (param $channels i32)
    (param $mode i32) (param $table i32) (param $census i32)
    (if (i32.and (i32.eq (local.get $mode) (i32.const 1)) (i32.eq (local.get $n) (i32.const 16)))
      (then (call $instanceGroup (local.get $p) (local.get $o) (local.get $channels)))
      (else
        (call $convertPixels (local.get $p) (local.get $o) (local.get $n) (local.get $channels)
          (local.get $mode) (local.get $table))))
    (if (local.get $census)
      (then
        (drop
          (call $censusPixels (local.get $p)
            (i32.add (local.get $p) (i32.mul (local.get $n) (local.get $channels)))
            (local.get $channels) (local.get $census) (i32.add (local.get $census) (i32.const 256))
            (i32.const -1))))))

  ;; Adds the Up differences of 16 pixels at $p ($channels 3 or 4: 48 or 64 bytes) to their raw
  ;; row above at $q, when one of them is not zero; returns 1 when they were added, else 0.
  (func $patchGroup (param $p i32) (param $q i32) (param $channels i32) (result i32)
    (local $f0 v128) (local $f1 v128) (local $f2 v128) (local $f3 v128)
    (local.set $f0 (v128.load (local.get $p)))
    (local.set $f1 (v128.load offset=16 (local.get $p)))
    (local.set $f2 (v128.load offset=32 (local.get $p)))
    ;; RGB: 48 bytes, the fourth vector none.
    (if (i32.eq (local.get $channels) (i32.const 4))
      (then (local.set $f3 (v128.load offset=48 (local.get $p)))))
    (if (i32.eqz
          (v128.any_true
            (v128.or (v128.or (local.get $f0) (local.get $f1))
              (v128.or (local.get $f2) (local.get $f3)))))
      (then (return (i32.const 0))))
    (v128.store (local.get $q) (i8x16.add (local.get $f0) (v128.load (local.get $q))))
    (v128.store offset=16 (local.get $q)
      (i8x16.add (local.get $f1) (v128.load offset=16 (local.get $q))))
    (v128.store offset=32 (local.get $q)
      (i8x16.add (local.get $f2) (v128.load offset=32 (local.get $q))))
    (if (i32.eq (local.get $channels) (i32.const 4))
      (then
        (v128.store offset=48 (local.get $q)
          (i8x16.add (local.get $f3) (v128.load offset=48 (local.get $q))))))
    (i32.const 1))

  ;; 1 when the differences of the four groups of 16 pixels at $p ($channels 3 or 4: 192 or 256
  ;; bytes) are all zeros, else 0.
  (func $zeroGroups (param $p i32) (param $channels i32) (result i32)
    (local $v v128)
    (local.set $v
      (v128.or
        (v128.or
          (v128.or (v128.load (local.get $p)) (v128.load offset=16 (local.get $p)))
          (v128.or (v128.load offset=32 (local.get $p)) (v128.load offset=48 (local.get $p))))
        (v128.or
          (v128.or (v128.load offset=64 (local.get $p)) (v128.load offset=80 (local.get $p)))
          (v128.or (v128.load offset=96 (local.get $p)) (v128.load offset=112 (local.get $p))))))
    (local.set $v
      (v128.or (local.get $v)
        (v128.or
          (v128.or (v128.load offset=128 (local.get $p)) (v128.load offset=144 (local.get $p)))
          (v128.or (v128.load offset=160 (local.get $p)) (v128.load offset=176 (local.get $p))))))
    (if (i32.eq (local.get $channels) (i32.const 4))
      (then
        (local.set $v
          (v128.or (local.get $v)
            (v128.or
              (v128.or (v128.load offset=192 (local.get $p)) (v128.load offset=208 (local.get $p)))
              (v128.or (v128.load offset=224 (local.get $p))
                (v128.load offset=240 (local.get $p))))))))
    (i32.eqz (v128.any_true (local.get $v))))

  ;; Copies the 64 labels $width bytes before $o (the row above: at least 64 pixels wide, so the
  ;; two do not overlap) to $o.
  (func $copyLabelsAbove (param $o i32) (param $width i32)
    (local $q i32)
    (local.set $q (i32.sub (local.get $o) (local.get $width)))
    (v128.store (local.get $o) (v128.load (local.get $q)))
    (v128.store offset=16 (local.get $o) (v128.load offset=16 (local.get $q)))
    (v128.store offset=32 (local.get $o) (v128.load offset=32 (local.get $q)))
    (v128.store offset=48 (local.get $o) (v128.load offset=48 (local.get $q))))

  ;; Adds $n bytes at $p to those at $q, byte by byte.
  (func $addBytes (param $q i32) (param $p i32) (param $n i32)
    (local $i i32)
    (block $end
      (loop $byte
        (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (local.get $q) (local.get $i))
          (i32.add (i32.load8_u (i32.add (local.get $q) (local.get $i)))
            (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $byte))))

  ;; Converts $n pixels of $channels bytes at $p to samples at $o, as unfilterConvert does: a loop
  ;; of each mode's own.
  (func $convertPixels (param $p i32) (param $o i32) (param $n i32) (param $channels i32)
    (param $mode i32) (param $table i32)
    (local $end i32) (local $red i32) (local $class i32)
    (local.set $end (i32.add (local.get $p) (i32.mul (local.get $n) (local.get $channels))))
    (if (i32.eqz (local.get $mode))
      (then
        (block $done
          (loop $pixel
            (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
            (i32.store8 (local.get $o)
              (select
                (i32.load8_u (i32.add (local.get $table) (i32.load8_u offset=2 (local.get $p))))
                (i32.const 0)
                (i32.load8_u (local.get $p))))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (local.set $p (i32.add (local.get $p) (local.get $channels)))
            (br $pixel)))
        (return)))
    (if (i32.eq (local.get $mode) (i32.const 1))
      (then
        (block $done
          (loop $pixel
            (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
            (i32.store16 (local.get $o) (i32.shl (i32.load8_u (local.get $p)) (i32.const 8)))
            (local.set $o (i32.add (local.get $o) (i32.const 2)))
            (local.set $p (i32.add (local.get $p) (local.get $channels)))
            (br $pixel)))
        (return)))
    (block $done
      (loop $pixel
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $red (i32.load8_u (local.get $p)))
        (local.set $class
          (select
            (i32.load8_u (i32.add (local.get $table) (i32.load8_u offset=2 (local.get $p))))
            (i32.const 0)
            (local.get $red)))
        (i32.store8 (local.get $o)
          (select (i32.const 0) (local.get $red)
            (i32.or (i32.eqz (local.get $class))
              (i32.load8_u offset=256 (i32.add (local.get $table) (local.get $class))))))
        (i32.store8 offset=1 (local.get $o) (local.get $class))
        (i32.store8 offset=2 (local.get $o) (i32.const 0))
        (local.set $o (i32.add (local.get $o) (i32.const 3)))
        (local.set $p (i32.add (local.get $p) (local.get $channels)))
        (br $pixel))))

  ;; The instance ids of 16 pixels at $p ($channels 3 or 4) to $o: 16 bits each, big-endian, 0
  ;; then red; the reds gathered by shuffles, the high bytes masked to 0.
  (func $instanceGroup (param $p i32) (param $o i32) (param $channels i32)
    (local $low v128)
    (local.set $low (v128.const i16x8 0xff00 0xff00 0xff00 0xff00 0xff00 0xff00 0xff00 0xff00))
    (if (i32.eq (local.get $channels) (i32.const 4))
      (then
        (v128.store (local.get $o)
          (v128.and (local.get $low)
            (i8x16.shuffle 0 0 0 4 0 8 0 12 0 16 0 20 0 24 0 28
              (v128.load (local.get $p)) (v128.load offset=16 (local.get $p)))))
        (v128.store offset=16 (local.get $o)
          (v128.and (local.get $low)
            (i8x16.shuffle 0 0 0 4 0 8 0 12 0 16 0 20 0 24 0 28
              (v128.load offset=32 (local.get $p)) (v128.load offset=48 (local.get $p))))))
      (else
        (v128.store (local.get $o)
          (v128.and (local.get $low)
            (i8x16.shuffle 0 0 0 3 0 6 0 9 0 12 0 15 0 18 0 21
              (v128.load (local.get $p)) (v128.load offset=16 (local.get $p)))))
        (v128.store offset=16 (local.get $o)
          (v128.and (local.get $low)
            (i8x16.shuffle 0 8 0 11 0 14 0 17 0 20 0 23 0 26 0 29
              (v128.load offset=16 (local.get $p)) (v128.load offset=32 (local.get $p))))))))

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

  ;; Unfilters scanlines and reads each pixel's label, row by row while each row is in cache.
  ;; $ptr is row 0's filter-type byte, rows are $width * $channels + 1 bytes apart (RGB or RGBA
  ;; pixels, $channels 3 or 4), $zero points at the raw row above row 0. Each pixel's label goes
  ;; to rows of a byte a pixel at $out (back to back): its blue where its red is not 0, else 0,
  ;; 16 pixels at a time. Below the first row, 16 pixels the same as the 16 above have their
  ;; labels copied from there; a byte a row at $same is 1 where all were. Below the first row,
  ;; the 16 labels that differ from those above are listed for labelScanlines from $vectorList,
  ;; a slot of 4 * (1 + $width / 16) bytes a row: their count, then each one's offset in the row
  ;; (32 bits each); a row that $same marks gets none. Unless $census is 0, the census of the
  ;; pixels is counted (tables at $census and $census + 256) as unfilter counts it: the first
  ;; row's against the row above, below it those of each 16 pixels unlike the 16 above. Unless
  ;; $patch is 0, an Up-filtered row after the strip's first is not unfiltered where it is: the 16
  ;; pixels whose differences are not zeros are added to the raw row above, which becomes its raw
  ;; row, and only they are labelled; the strip's last row is made raw at the end (the rows
  ;; between are then not all raw). Returns -1, or the first row whose filter type is not 0 to 4.
  (func (export "unfilterLabels")
    (param $ptr i32) (param $rows i32) (param $width i32) (param $channels i32) (param $zero i32)
    (param $out i32) (param $same i32) (param $vectorList i32) (param $census i32)
    (param $patch i32) (result i32)
    (local $r i32) (local $n i32) (local $p i32) (local $q i32) (local $o i32) (local $list i32)
    (local $status i32) (local $listBytes i32)
    (local.set $n (i32.mul (local.get $width) (local.get $channels)))
    (local.set $listBytes
      (i32.shl (i32.add (i32.shr_u (local.get $width) (i32.const 4)) (i32.const 1)) (i32.const 2)))
    (local.set $q (local.get $zero))
    (local.set $p (i32.add (local.get $ptr) (i32.const 1)))
    (local.set $o (local.get $out))
    (local.set $list (local.get $vectorList))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (i32.store (local.get $list) (i32.const 0))
        (block $next
          (if (i32.and
                (i32.and (i32.ne (local.get $patch) (i32.const 0)) (i32.ne (local.get $r) (i32.const 0)))
                (i32.eq (i32.load8_u (i32.sub (local.get $p) (i32.const 1))) (i32.const 2)))
            (then
              ;; The raw row above becomes this row's: only its 16 pixels that differ change.
              (i32.store8 (i32.add (local.get $same) (local.get $r))
                (call $patchLabels (local.get $p) (local.get $q) (local.get $o) (local.get $width)
                  (local.get $channels) (local.get $list) (local.get $census)))
              (br $next)))
          (local.set $status
            (call $unfilterRow (local.get $p) (local.get $q) (local.get $n) (local.get $channels)))
          (if (i32.eq (local.get $status) (i32.const 1)) (then (return (local.get $r))))
          (i32.store8 (i32.add (local.get $same) (local.get $r))
            (call $labelRow (local.get $p) (local.get $q) (local.get $o) (local.get $width)
              (local.get $channels) (local.get $list)
              (i32.eq (local.get $status) (i32.const 2)) (local.get $census) (local.get $r)))
          (local.set $q (local.get $p)))
        (local.set $p (i32.add (local.get $p) (i32.add (local.get $n) (i32.const 1))))
        (local.set $o (i32.add (local.get $o) (local.get $width)))
        (local.set $list (i32.add (local.get $list) (local.get $listBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
    ;; The strip's last row raw, where the next strip looks for the row above its first.
    (local.set $p (i32.sub (local.get $p) (i32.add (local.get $n) (i32.const 1))))
    (if (i32.and (i32.ne (local.get $rows) (i32.const 0)) (i32.ne (local.get $q) (local.get $p)))
      (then (memory.copy (local.get $p) (local.get $q) (local.get $n))))
    (i32.const -1))

  ;; unfilterLabels' row $r at $p, unfiltered, its raw row above at $q: its labels to $o, its
  ;; list at $list, its census counted (tables at $census, unless 0) as unfilterLabels says. A
  ;; row below the first that $repeats the row above gets its labels copied; the first row's
  ;; pixels are compared with themselves, unequal. Returns 1 when every label was copied from,
  ;; or is, the one above (never for the first row).
  (func $labelRow (param $p i32) (param $q i32) (param $o i32) (param $width i32)
    (param $channels i32) (param $list i32) (param $repeats i32) (param $census i32)
    (param $r i32) (result i32)
    (local $below i32) (local $counted i32) (local $end i32) (local $copied i32)
    (local.set $below (i32.ne (local.get $r) (i32.const 0)))
    (if (i32.and (local.get $below) (local.get $repeats))
      (then
        (memory.copy (local.get $o) (i32.sub (local.get $o) (local.get $width)) (local.get $width))
        (return (i32.const 1))))
    ;; The first row's census is counted whole against the row above, the others' 16 pixels at a
    ;; time where they differ from it.
    (local.set $counted (select (local.get $census) (i32.const 0) (local.get $below)))
    (if (i32.and (i32.eqz (local.get $below)) (i32.ne (local.get $census) (i32.const 0)))
      (then
        (call $censusRow (local.get $p) (local.get $q)
          (i32.add (local.get $p) (i32.mul (local.get $width) (local.get $channels)))
          (local.get $channels) (local.get $census) (i32.add (local.get $census) (i32.const 256)))))
    (local.set $end (i32.add (local.get $o) (i32.and (local.get $width) (i32.const -16))))
    (local.set $copied
      (if (result i32) (i32.eq (local.get $channels) (i32.const 4))
        (then (call $rgbaLabelRow (local.get $p) (local.get $o) (local.get $end)
          (select (i32.sub (local.get $p) (local.get $q)) (i32.const 0) (local.get $below))
          (local.get $width) (local.get $list) (local.get $counted)))
        (else (call $rgbLabelRow (local.get $p) (local.get $o) (local.get $end)
          (select (i32.sub (local.get $p) (local.get $q)) (i32.const 0) (local.get $below))
          (local.get $width) (local.get $list) (local.get $counted)))))
    (i32.and
      (local.get $below)
      (i32.and (local.get $copied)
        (call $tailLabels
          (i32.add (local.get $p)
            (i32.mul (i32.and (local.get $width) (i32.const -16)) (local.get $channels)))
          (local.get $end) (local.get $width) (local.get $channels) (local.get $counted)))))

  ;; The labels of a row's pixels after its last 16, at $p, to $o (the labels above are $width
  ;; bytes before), their census counted (tables at $census, unless 0), all of them: the few
  ;; alike above add nothing. Returns 1 when every label is the one above.
  (func $tailLabels (param $p i32) (param $o i32) (param $width i32) (param $channels i32)
    (param $census i32) (result i32)
    (local $end i32) (local $label i32) (local $copied i32)
    (local.set $end (i32.add (local.get $o) (i32.and (local.get $width) (i32.const 15))))
    (local.set $copied (i32.const 1))
    (if (local.get $census)
      (then
        (drop (call $censusPixels (local.get $p)
          (i32.add (local.get $p)
            (i32.mul (i32.and (local.get $width) (i32.const 15)) (local.get $channels)))
          (local.get $channels) (local.get $census) (i32.add (local.get $census) (i32.const 256))
          (i32.const -1)))))
    (block $tail
      (loop $pixel
        (br_if $tail (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $label
          (select (i32.load8_u offset=2 (local.get $p)) (i32.const 0) (i32.load8_u (local.get $p))))
        (i32.store8 (local.get $o) (local.get $label))
        (if (i32.ne (local.get $label) (i32.load8_u (i32.sub (local.get $o) (local.get $width))))
          (then (local.set $copied (i32.const 0))))
        (local.set $p (i32.add (local.get $p) (local.get $channels)))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (br $pixel)))
    (local.get $copied))

  ;; unfilterLabels' Up-filtered row at $p below the strip's first, its raw row above at $q: the
  ;; 16 pixels whose differences are not zeros are added there (which becomes the row's raw row),
  ;; labelled to $o, listed at $list and counted (tables at $census, unless 0); the others' labels
  ;; are copied from above. Returns 1 when every label was copied from, or is, the one above.
  (func $patchLabels (param $p i32) (param $q i32) (param $o i32) (param $width i32)
    (param $channels i32) (param $list i32) (param $census i32) (result i32)
    (local $i i32) (local $groups i32) (local $start i32) (local $copied i32) (local $previous i32)
    (local $step i32) (local $at i32)
    (local.set $start (local.get $o))
    (local.set $copied (i32.const 1))
    (local.set $previous (i32.const -1))
    (local.set $step (i32.shl (local.get $channels) (i32.const 4)))
    (local.set $groups (i32.mul (i32.and (local.get $width) (i32.const -16)) (local.get $channels)))
    (block $done
      (loop $group
        (br_if $done (i32.ge_u (local.get $i) (local.get $groups)))
        ;; Four groups whose differences are all zeros (most of a mask's rows) at once: their
        ;; labels are those above, copied at once.
        (if (i32.le_u (i32.add (local.get $i) (i32.shl (local.get $step) (i32.const 2)))
              (local.get $groups))
          (then
            (if (call $zeroGroups (i32.add (local.get $p) (local.get $i)) (local.get $channels))
              (then
                (call $copyLabelsAbove (local.get $o) (local.get $width))
                (local.set $i (i32.add (local.get $i) (i32.shl (local.get $step) (i32.const 2))))
                (local.set $o (i32.add (local.get $o) (i32.const 64)))
                (br $group)))))
        (local.set $at (i32.add (local.get $q) (local.get $i)))
        (if (call $patchGroup (i32.add (local.get $p) (local.get $i)) (local.get $at)
              (local.get $channels))
          (then
            (v128.store (local.get $o)
              (if (result v128) (i32.eq (local.get $channels) (i32.const 4))
                (then
                  (call $rgbaLabels (v128.load (local.get $at)) (v128.load offset=16 (local.get $at))
                    (v128.load offset=32 (local.get $at)) (v128.load offset=48 (local.get $at))))
                (else
                  (call $rgbLabels (v128.load (local.get $at)) (v128.load offset=16 (local.get $at))
                    (v128.load offset=32 (local.get $at))))))
            (local.set $copied (i32.const 0))
            (call $listChanged (local.get $o) (local.get $start) (i32.const 1) (local.get $width)
              (local.get $list))
            (if (local.get $census)
              (then
                (local.set $previous
                  (call $censusPixels (local.get $at) (i32.add (local.get $at) (local.get $step))
                    (local.get $channels) (local.get $census)
                    (i32.add (local.get $census) (i32.const 256)) (local.get $previous))))))
          (else
            (v128.store (local.get $o) (v128.load (i32.sub (local.get $o) (local.get $width))))))
        (local.set $i (i32.add (local.get $i) (local.get $step)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $group)))
    ;; The pixels after the last 16: added byte by byte, then labelled and counted.
    (call $addBytes (i32.add (local.get $q) (local.get $groups))
      (i32.add (local.get $p) (local.get $groups))
      (i32.sub (i32.mul (local.get $width) (local.get $channels)) (local.get $groups)))
    (i32.and (local.get $copied)
      (call $tailLabels (i32.add (local.get $q) (local.get $groups)) (local.get $o)
        (local.get $width) (local.get $channels) (local.get $census))))

  ;; The labels of 16 RGBA pixels (four vectors): a pixel's label is its blue (bits 16 to 23 of
  ;; its 32 bits) unless its red (bits 0 to 7) is 0, narrowed to a byte.
  (func $rgbaLabels (param $v0 v128) (param $v1 v128) (param $v2 v128) (param $v3 v128)
    (result v128)
    (local $byte v128) (local $zero v128)
    (local.set $byte (v128.const i32x4 255 255 255 255))
    (i8x16.narrow_i16x8_u
      (i16x8.narrow_i32x4_u
        (v128.andnot
          (v128.and (i32x4.shr_u (local.get $v0) (i32.const 16)) (local.get $byte))
          (i32x4.eq (v128.and (local.get $v0) (local.get $byte)) (local.get $zero)))
        (v128.andnot
          (v128.and (i32x4.shr_u (local.get $v1) (i32.const 16)) (local.get $byte))
          (i32x4.eq (v128.and (local.get $v1) (local.get $byte)) (local.get $zero))))
      (i16x8.narrow_i32x4_u
        (v128.andnot
          (v128.and (i32x4.shr_u (local.get $v2) (i32.const 16)) (local.get $byte))
          (i32x4.eq (v128.and (local.get $v2) (local.get $byte)) (local.get $zero)))
        (v128.andnot
          (v128.and (i32x4.shr_u (local.get $v3) (i32.const 16)) (local.get $byte))
          (i32x4.eq (v128.and (local.get $v3) (local.get $byte)) (local.get $zero))))))

  ;; The labels of 16 RGB pixels (three vectors): reds and blues gathered, as $rgbaLabels.
  (func $rgbLabels (param $v0 v128) (param $v1 v128) (param $v2 v128) (result v128)
    (v128.andnot
      (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 16 19 22 25 28 31
        (i8x16.shuffle 2 5 8 11 14 17 20 23 26 29 0 0 0 0 0 0 (local.get $v0) (local.get $v1))
        (local.get $v2))
      (i8x16.eq
        (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 17 20 23 26 29
          (i8x16.shuffle 0 3 6 9 12 15 18 21 24 27 30 0 0 0 0 0 (local.get $v0) (local.get $v1))
          (local.get $v2))
        (v128.const i64x2 0 0))))

  ;; $labelRow's 16 pixels at a time of an RGBA row at $p, to $o up to $end; the row above is $up
  ;; bytes before (0: none), its labels $width bytes before. Returns 1 when all were copied.
  (func $rgbaLabelRow (param $p i32) (param $o i32) (param $end i32) (param $up i32)
    (param $width i32) (param $list i32) (param $census i32) (result i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $q i32) (local $copied i32)
    (local $start i32) (local $previous i32)
    (local.set $start (local.get $o))
    (local.set $previous (i32.const -1))
    (local.set $copied (i32.const 1))
    (block $done
      (loop $group
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $v0 (v128.load (local.get $p)))
        (local.set $v1 (v128.load offset=16 (local.get $p)))
        (local.set $v2 (v128.load offset=32 (local.get $p)))
        (local.set $v3 (v128.load offset=48 (local.get $p)))
        (local.set $q (i32.sub (local.get $p) (local.get $up)))
        (if (i32.and (i32.ne (local.get $up) (i32.const 0))
              (i32.eqz
                (v128.any_true
                  (v128.or
                    (v128.or
                      (v128.xor (local.get $v0) (v128.load (local.get $q)))
                      (v128.xor (local.get $v1) (v128.load offset=16 (local.get $q))))
                    (v128.or
                      (v128.xor (local.get $v2) (v128.load offset=32 (local.get $q)))
                      (v128.xor (local.get $v3) (v128.load offset=48 (local.get $q))))))))
          (then
            (v128.store (local.get $o) (v128.load (i32.sub (local.get $o) (local.get $width)))))
          (else
            (local.set $copied (i32.const 0))
            (v128.store (local.get $o)
              (call $rgbaLabels (local.get $v0) (local.get $v1) (local.get $v2) (local.get $v3)))
            (call $listChanged (local.get $o) (local.get $start) (local.get $up)
              (local.get $width) (local.get $list))
            (if (local.get $census)
              (then
                (local.set $previous
                  (call $censusPixels (local.get $p) (i32.add (local.get $p) (i32.const 64))
                    (i32.const 4) (local.get $census) (i32.add (local.get $census) (i32.const 256))
                    (local.get $previous)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $group)))
    (local.get $copied))

  ;; $labelRow's 16 pixels at a time of an RGB row, as $rgbaLabelRow.
  (func $rgbLabelRow (param $p i32) (param $o i32) (param $end i32) (param $up i32)
    (param $width i32) (param $list i32) (param $census i32) (result i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $q i32) (local $copied i32)
    (local $start i32) (local $previous i32)
    (local.set $start (local.get $o))
    (local.set $previous (i32.const -1))
    (local.set $copied (i32.const 1))
    (block $done
      (loop $group
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $v0 (v128.load (local.get $p)))
        (local.set $v1 (v128.load offset=16 (local.get $p)))
        (local.set $v2 (v128.load offset=32 (local.get $p)))
        (local.set $q (i32.sub (local.get $p) (local.get $up)))
        (if (i32.and (i32.ne (local.get $up) (i32.const 0))
              (i32.eqz
                (v128.any_true
                  (v128.or
                    (v128.or
                      (v128.xor (local.get $v0) (v128.load (local.get $q)))
                      (v128.xor (local.get $v1) (v128.load offset=16 (local.get $q))))
                    (v128.xor (local.get $v2) (v128.load offset=32 (local.get $q)))))))
          (then
            (v128.store (local.get $o) (v128.load (i32.sub (local.get $o) (local.get $width)))))
          (else
            (local.set $copied (i32.const 0))
            (v128.store (local.get $o)
              (call $rgbLabels (local.get $v0) (local.get $v1) (local.get $v2)))
            (call $listChanged (local.get $o) (local.get $start) (local.get $up)
              (local.get $width) (local.get $list))
            (if (local.get $census)
              (then
                (local.set $previous
                  (call $censusPixels (local.get $p) (i32.add (local.get $p) (i32.const 48))
                    (i32.const 3) (local.get $census) (i32.add (local.get $census) (i32.const 256))
                    (local.get $previous)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 48)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $group)))
    (local.get $copied))

  ;; The Up-filtered scanlines of one label's mask (255 where the pixel's label is $label, else
  ;; 0): $rows rows of $width labels at $labels (back to back) become scanlines at $out, $stride
  ;; bytes apart (filter type 2, then the row's mask minus the mask above, bytewise); $above holds
  ;; the mask above the first row, raw, and gets the last row's. A byte a row at $flags: 0 where
  ;; the scanline's differences are all zeros, else 1. A row that $same (a byte a row) marks as
  ;; labelled as the row above gets its filter type only, and 0. From $runs, for the deflater to
  ;; skip the zeros between them: where each run of bytes that are not zero starts and ends (the
  ;; byte after it), 32 bits each, row after row; returns the end written. From $form, the rows'
  ;; canonical form for the pixel digest, as digestPieces writes it from the scanlines, made
  ;; while each piece is in hand; the end of what it wrote goes to the 32 bits at $ends.
  ;;
  ;; The scanlines' bytes after their filter type are zeros when it starts, but those that the
  ;; form at $form (to the end the 32 bits at $ends give) says the last call wrote: those are made
  ;; zeros again first. Then, below the first row, only the 16 bytes that `unfilterLabels` at
  ;; $vectorList listed as differing from the labels above are looked at: the mask's other bytes repeat
  ;; the mask above, their differences stay zeros.
  (func (export "labelScanlines") (param $labels i32) (param $rows i32) (param $width i32)
    (param $label i32) (param $above i32) (param $out i32) (param $stride i32) (param $flags i32)
    (param $same i32) (param $runs i32) (param $form i32) (param $ends i32)
    (param $vectorList i32) (result i32)
    (local $r i32) (local $i i32) (local $p i32) (local $o i32) (local $splat v128)
    (local $vectors i32) (local $any i32) (local $mask v128) (local $byte i32) (local $up i32)
    (local $tail i32) (local $inRun i32) (local $k i32) (local $edges i32) (local $j i32)
    (local $n i32) (local $list i32) (local $last i32) (local $slot i32) (local $looked i32)
    (local.set $splat (i8x16.splat (local.get $label)))
    (local.set $vectors (i32.and (local.get $width) (i32.const -16)))
    (call $clearPieces (local.get $form) (i32.load (local.get $ends)) (i32.add (local.get $out)
      (i32.const 1)) (local.get $stride) (local.get $width))
    (local.set $slot (i32.shl (i32.add (i32.shr_u (local.get $width) (i32.const 4)) (i32.const 1))
      (i32.const 2)))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $p (i32.add (local.get $labels) (i32.mul (local.get $r) (local.get $width))))
        (local.set $o (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $stride))))
        (i32.store8 (local.get $o) (i32.const 2))
        ;; The filter type starts the row's first run of bytes that are not zero.
        (i32.store (local.get $runs) (local.get $o))
        (local.set $runs (i32.add (local.get $runs) (i32.const 4)))
        (local.set $inRun (i32.const 1))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (local.set $any (i32.const 0))
        (local.set $tail (i32.const 0))
        (local.set $i (local.get $width))
        (local.set $n (i32.const 0))
        (local.set $looked (i32.const 0))
        ;; Labels the same as those above: no difference, nothing written but the filter type.
        ;; The first row: every 16 bytes; the others: those whose labels differ from those above.
        (if (i32.eqz (i32.and (i32.ne (local.get $r) (i32.const 0))
              (i32.load8_u (i32.add (local.get $same) (local.get $r)))))
          (then
            (local.set $looked (i32.const 1))
            (local.set $i (local.get $vectors))
            (local.set $list
              (i32.add (local.get $vectorList) (i32.mul (local.get $r) (local.get $slot))))
            (local.set $n
              (if (result i32) (local.get $r)
                (then (i32.load (local.get $list)))
                (else (i32.shr_u (local.get $width) (i32.const 4)))))))
        (local.set $last (i32.const -16))
        (local.set $j (i32.const 0))
        (block $end
          (loop $vector
            (br_if $end (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $k
              (if (result i32) (local.get $r)
                (then (i32.load offset=4 (i32.add (local.get $list) (i32.shl (local.get $j)
                  (i32.const 2)))))
                (else (i32.shl (local.get $j) (i32.const 4)))))
            ;; A run before bytes not looked at (zeros) ends at the first of them.
            (if (i32.and (local.get $inRun)
                  (i32.gt_u (local.get $k) (i32.add (local.get $last) (i32.const 16))))
              (then
                (i32.store (local.get $runs)
                  (i32.add (local.get $o) (i32.add (local.get $last) (i32.const 16))))
                (local.set $runs (i32.add (local.get $runs) (i32.const 4)))
                (local.set $inRun (i32.const 0))))
            (local.set $last (local.get $k))
            (local.set $mask
              (i8x16.sub
                (i8x16.eq (v128.load (i32.add (local.get $p) (local.get $k))) (local.get $splat))
                (if (result v128) (local.get $r)
                  (then
                    (i8x16.eq
                      (v128.load (i32.sub (i32.add (local.get $p) (local.get $k)) (local.get $width)))
                      (local.get $splat)))
                  (else (v128.load (i32.add (local.get $above) (local.get $k)))))))
            (if (v128.any_true (local.get $mask))
              (then
                (v128.store (i32.add (local.get $o) (local.get $k)) (local.get $mask))
                (local.set $any (i32.const 1))
                ;; The piece for the digest: its number, from 1, and its 16 bytes.
                (i32.store (local.get $form)
                  (i32.add (i32.shr_u (local.get $k) (i32.const 4)) (i32.const 1)))
                (v128.store offset=4 (local.get $form) (local.get $mask))
                (local.set $form (i32.add (local.get $form) (i32.const 20)))
                ;; Where a run starts or ends: each byte whose being zero differs from the byte's
                ;; before (before the first, $inRun), one bit a byte.
                (local.set $k (i8x16.bitmask (i8x16.ne (local.get $mask) (v128.const i64x2 0 0))))
                (local.set $edges
                  (i32.and (i32.xor (local.get $k) (i32.or (i32.shl (local.get $k) (i32.const 1))
                    (local.get $inRun))) (i32.const 0xffff)))
                (local.set $inRun (i32.shr_u (local.get $k) (i32.const 15)))
                (block $marked
                  (loop $edge
                    (br_if $marked (i32.eqz (local.get $edges)))
                    (i32.store (local.get $runs)
                      (i32.add (i32.add (local.get $o) (local.get $last))
                        (i32.ctz (local.get $edges))))
                    (local.set $runs (i32.add (local.get $runs) (i32.const 4)))
                    (local.set $edges
                      (i32.and (local.get $edges) (i32.sub (local.get $edges) (i32.const 1))))
                    (br $edge))))
              ;; Sixteen zeros (already there): a run before them ends at the first.
              (else
                (if (local.get $inRun)
                  (then
                    (i32.store (local.get $runs) (i32.add (local.get $o) (local.get $k)))
                    (local.set $runs (i32.add (local.get $runs) (i32.const 4)))
                    (local.set $inRun (i32.const 0))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $vector)))
        ;; Zeros after the last 16 bytes looked at, up to the last bytes: a run ends at the first.
        (if (i32.and (i32.and (local.get $inRun) (local.get $looked))
              (i32.gt_u (local.get $vectors) (i32.add (local.get $last) (i32.const 16))))
          (then
            (i32.store (local.get $runs)
              (i32.add (local.get $o) (i32.add (local.get $last) (i32.const 16))))
            (local.set $runs (i32.add (local.get $runs) (i32.const 4)))
            (local.set $inRun (i32.const 0))))
        (block $end
          (loop $byte
            (br_if $end (i32.ge_u (local.get $i) (local.get $width)))
            (local.set $byte
              (select (i32.const 255) (i32.const 0)
                (i32.eq (i32.load8_u (i32.add (local.get $p) (local.get $i))) (local.get $label))))
            (local.set $up
              (if (result i32) (local.get $r)
                (then
                  (select (i32.const 255) (i32.const 0)
                    (i32.eq
                      (i32.load8_u (i32.sub (i32.add (local.get $p) (local.get $i)) (local.get $width)))
                      (local.get $label))))
                (else (i32.load8_u (i32.add (local.get $above) (local.get $i))))))
            (local.set $byte (i32.and (i32.sub (local.get $byte) (local.get $up)) (i32.const 255)))
            (i32.store8 (i32.add (local.get $o) (local.get $i)) (local.get $byte))
            (local.set $tail (i32.or (local.get $tail) (local.get $byte)))
            (if (i32.ne (i32.ne (local.get $byte) (i32.const 0)) (local.get $inRun))
              (then
                (i32.store (local.get $runs) (i32.add (local.get $o) (local.get $i)))
                (local.set $runs (i32.add (local.get $runs) (i32.const 4)))
                (local.set $inRun (i32.eqz (local.get $inRun)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $byte)))
        ;; The last, shorter piece for the digest when its bytes are not all zeros, then the
        ;; row's end (4 zero bytes).
        (if (local.get $tail)
          (then
            (i32.store (local.get $form)
              (i32.add (i32.shr_u (local.get $vectors) (i32.const 4)) (i32.const 1)))
            (memory.copy (i32.add (local.get $form) (i32.const 4))
              (i32.add (local.get $o) (local.get $vectors))
              (i32.sub (local.get $width) (local.get $vectors)))
            (local.set $form
              (i32.add (local.get $form)
                (i32.add (i32.sub (local.get $width) (local.get $vectors)) (i32.const 4))))))
        (i32.store (local.get $form) (i32.const 0))
        (local.set $form (i32.add (local.get $form) (i32.const 4)))
        (i32.store8 (i32.add (local.get $flags) (local.get $r))
          (i32.or (local.get $any) (i32.ne (local.get $tail) (i32.const 0))))
        ;; A run to the row's end (or, in a row not written, the filter type alone) ends here.
        (if (local.get $inRun)
          (then
            (i32.store (local.get $runs)
              (select (i32.add (local.get $o) (local.get $width)) (local.get $o)
                (i32.load8_u (i32.add (local.get $flags) (local.get $r)))))
            (local.set $runs (i32.add (local.get $runs) (i32.const 4)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
    (i32.store (local.get $ends) (local.get $form))
    ;; The last row's mask, raw: the mask above the next rows (the scanlines may follow it).
    (if (local.get $rows)
      (then
        (local.set $p
          (i32.add (local.get $labels) (i32.mul (i32.sub (local.get $rows) (i32.const 1))
            (local.get $width))))
        (local.set $i (i32.const 0))
        (block $end
          (loop $vector
            (br_if $end (i32.ge_u (local.get $i) (local.get $vectors)))
            (v128.store (i32.add (local.get $above) (local.get $i))
              (i8x16.eq (v128.load (i32.add (local.get $p) (local.get $i))) (local.get $splat)))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $vector)))
        (block $end
          (loop $byte
            (br_if $end (i32.ge_u (local.get $i) (local.get $width)))
            (i32.store8 (i32.add (local.get $above) (local.get $i))
              (select (i32.const 255) (i32.const 0)
                (i32.eq (i32.load8_u (i32.add (local.get $p) (local.get $i))) (local.get $label))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $byte)))))
    (local.get $runs))

;; Makes zeros again the bytes of scanlines that the canonical form from $form to $end says are
  ;; not (see labelScanlines): its pieces, row after row, of rows of $width bytes, the first at
  ;; $first, $stride bytes apart.
  (func $clearPieces (param $form i32) (param $end i32) (param $first i32) (param $stride i32)
    (param $width i32)
    (local $piece i32) (local $at i32) (local $vectors i32)
    (local.set $vectors (i32.and (local.get $width) (i32.const -16)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $form) (local.get $end)))
        (local.set $piece (i32.load (local.get $form)))
        (if (i32.eqz (local.get $piece))
          (then
            (local.set $first (i32.add (local.get $first) (local.get $stride)))
            (local.set $form (i32.add (local.get $form) (i32.const 4)))
            (br $next)))
        (local.set $at (i32.shl (i32.sub (local.get $piece) (i32.const 1)) (i32.const 4)))
        (if (i32.lt_u (local.get $at) (local.get $vectors))
          (then
            (v128.store (i32.add (local.get $first) (local.get $at)) (v128.const i64x2 0 0))
            (local.set $form (i32.add (local.get $form) (i32.const 20))))
          (else
            (memory.fill (i32.add (local.get $first) (local.get $at)) (i32.const 0)
              (i32.sub (local.get $width) (local.get $at)))
            (local.set $form
              (i32.add (local.get $form)
                (i32.add (i32.sub (local.get $width) (local.get $at)) (i32.const 4))))))
        (br $next))))

  ;; Below the first row ($up not 0), adds the 16 labels at $o to the row's list at $list (see
  ;; unfilterLabels) when they differ from the 16 above; the row's first label is at $start.
  (func $listChanged (param $o i32) (param $start i32) (param $up i32) (param $width i32)
    (param $list i32)
    (local $count i32)
    (if (i32.eqz (local.get $up)) (then (return)))
    (if (i32.eqz (v128.any_true
          (v128.xor (v128.load (local.get $o))
            (v128.load (i32.sub (local.get $o) (local.get $width)))))) (then (return)))
    (local.set $count (i32.load (local.get $list)))
    (i32.store offset=4 (i32.add (local.get $list) (i32.shl (local.get $count) (i32.const 2)))
      (i32.sub (local.get $o) (local.get $start)))
    (i32.store (local.get $list) (i32.add (local.get $count) (i32.const 1))))

  ;; Marks which bytes each of $rows rows of $width bytes at $ptr (back to back) holds: 1 at
  ;; $seen + 256 * row + byte, after zeroing the row's 256 bytes. A row that $same (a byte a row)
  ;; marks as the row above gets that row's marks.
  (func (export "rowBytesSeen") (param $ptr i32) (param $rows i32) (param $width i32)
    (param $seen i32) (param $same i32)
    (local $r i32) (local $p i32) (local $end i32) (local $marks i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $marks (i32.add (local.get $seen) (i32.shl (local.get $r) (i32.const 8))))
        (block $marked
          ;; A row labelled as the row above holds what it holds.
          (if (i32.and (i32.ne (local.get $r) (i32.const 0))
                (i32.load8_u (i32.add (local.get $same) (local.get $r))))
            (then
              (memory.copy (local.get $marks) (i32.sub (local.get $marks) (i32.const 256))
                (i32.const 256))
              (br $marked)))
        (memory.fill (local.get $marks) (i32.const 0) (i32.const 256))
        (local.set $p (i32.add (local.get $ptr) (i32.mul (local.get $r) (local.get $width))))
        (local.set $end (i32.add (local.get $p) (local.get $width)))
        (block $groups
          (loop $group
            (br_if $groups (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
            (call $markVector (local.get $p) (local.get $marks))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $group)))
        (call $markBytes (local.get $p) (i32.sub (local.get $end) (local.get $p)) (local.get $marks)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; The labels $rows rows of $width labels at $labels (back to back) hold: 1 at $held + label
  ;; (256 bytes, zeroed first). The first row's labels are all looked at; below it, only the 16
  ;; labels that unfilterLabels listed at $vectorList as differing from those above (the others are
  ;; those above), and the labels after the last 16 of each row.
  (func (export "heldLabels") (param $labels i32) (param $rows i32) (param $width i32)
    (param $vectorList i32) (param $held i32)
    (local $r i32) (local $p i32) (local $i i32) (local $j i32) (local $n i32) (local $list i32)
    (local $vectors i32) (local $slot i32)
    (local.set $vectors (i32.and (local.get $width) (i32.const -16)))
    (local.set $slot (i32.shl (i32.add (i32.shr_u (local.get $width) (i32.const 4)) (i32.const 1))
      (i32.const 2)))
    (memory.fill (local.get $held) (i32.const 0) (i32.const 256))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $p (i32.add (local.get $labels) (i32.mul (local.get $r) (local.get $width))))
        (if (local.get $r)
          (then
            (local.set $list
              (i32.add (local.get $vectorList) (i32.mul (local.get $r) (local.get $slot))))
            (local.set $n (i32.load (local.get $list)))
            (local.set $j (i32.const 0))
            (block $end
              (loop $listed
                (br_if $end (i32.ge_u (local.get $j) (local.get $n)))
                (call $markVector
                  (i32.add (local.get $p)
                    (i32.load offset=4
                      (i32.add (local.get $list) (i32.shl (local.get $j) (i32.const 2)))))
                  (local.get $held))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $listed))))
          (else
            (local.set $i (i32.const 0))
            (block $end
              (loop $vector
                (br_if $end (i32.ge_u (local.get $i) (local.get $vectors)))
                (call $markVector (i32.add (local.get $p) (local.get $i)) (local.get $held))
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $vector)))))
        (call $markBytes (i32.add (local.get $p) (local.get $vectors))
          (i32.sub (local.get $width) (local.get $vectors)) (local.get $held))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; Marks the values of the 16 bytes at $p: 1 at $marks + byte. Each value is marked once: the
  ;; first byte's, then the first byte not marked yet, until none is left.
  (func $markVector (param $p i32) (param $marks i32)
    (local $v v128) (local $marked v128) (local $left i32) (local $byte i32)
    (local.set $v (v128.load (local.get $p)))
    (local.set $byte (i32.load8_u (local.get $p)))
    (local.set $marked (i8x16.eq (local.get $v) (i8x16.splat (local.get $byte))))
    (i32.store8 (i32.add (local.get $marks) (local.get $byte)) (i32.const 1))
    (block $all
      (loop $values
        (local.set $left
          (i32.xor (i8x16.bitmask (local.get $marked)) (i32.const 0xffff)))
        (br_if $all (i32.eqz (local.get $left)))
        (local.set $byte
          (i32.load8_u (i32.add (local.get $p) (i32.ctz (local.get $left)))))
        (i32.store8 (i32.add (local.get $marks) (local.get $byte)) (i32.const 1))
        (local.set $marked
          (v128.or (local.get $marked)
            (i8x16.eq (local.get $v) (i8x16.splat (local.get $byte)))))
        (br $values))))

  ;; Marks the $n bytes at $p: 1 at $marks + byte.
  (func $markBytes (param $p i32) (param $n i32) (param $marks i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (block $done
      (loop $byte
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (i32.store8 (i32.add (local.get $marks) (i32.load8_u (local.get $p))) (i32.const 1))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $byte))))

  ;; The whole pieces of a row of Up differences at $p ($vectors bytes): each that is not zeros
  ;; written at $out as its number (from 1) and its 16 bytes; four pieces of zeros are passed over
  ;; at once. Returns the end of what it wrote.
  (func $differencePieces (param $p i32) (param $vectors i32) (param $out i32) (result i32)
    (local $i i32) (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (block $wide
      (loop $four
        (br_if $wide (i32.gt_u (i32.add (local.get $i) (i32.const 64)) (local.get $vectors)))
        (local.set $v0 (v128.load (i32.add (local.get $p) (local.get $i))))
        (local.set $v1 (v128.load offset=16 (i32.add (local.get $p) (local.get $i))))
        (local.set $v2 (v128.load offset=32 (i32.add (local.get $p) (local.get $i))))
        (local.set $v3 (v128.load offset=48 (i32.add (local.get $p) (local.get $i))))
        (if (v128.any_true
              (v128.or (v128.or (local.get $v0) (local.get $v1))
                (v128.or (local.get $v2) (local.get $v3))))
          (then
            (local.set $out (call $piece (local.get $out) (local.get $i) (local.get $v0)))
            (local.set $out
              (call $piece (local.get $out) (i32.add (local.get $i) (i32.const 16)) (local.get $v1)))
            (local.set $out
              (call $piece (local.get $out) (i32.add (local.get $i) (i32.const 32)) (local.get $v2)))
            (local.set $out
              (call $piece (local.get $out) (i32.add (local.get $i) (i32.const 48)) (local.get $v3)))))
        (local.set $i (i32.add (local.get $i) (i32.const 64)))
        (br $four)))
    (block $end
      (loop $one
        (br_if $end (i32.ge_u (local.get $i) (local.get $vectors)))
        (local.set $out
          (call $piece (local.get $out) (local.get $i)
            (v128.load (i32.add (local.get $p) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $one)))
    (local.get $out))

  ;; As $differencePieces, for a raw row at $p whose row above is at $q.
  (func $rowPieces (param $p i32) (param $q i32) (param $vectors i32) (param $out i32) (result i32)
    (local $i i32) (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (block $wide
      (loop $four
        (br_if $wide (i32.gt_u (i32.add (local.get $i) (i32.const 64)) (local.get $vectors)))
        (local.set $v0 (i8x16.sub (v128.load (i32.add (local.get $p) (local.get $i)))
          (v128.load (i32.add (local.get $q) (local.get $i)))))
        (local.set $v1 (i8x16.sub (v128.load offset=16 (i32.add (local.get $p) (local.get $i)))
          (v128.load offset=16 (i32.add (local.get $q) (local.get $i)))))
        (local.set $v2 (i8x16.sub (v128.load offset=32 (i32.add (local.get $p) (local.get $i)))
          (v128.load offset=32 (i32.add (local.get $q) (local.get $i)))))
        (local.set $v3 (i8x16.sub (v128.load offset=48 (i32.add (local.get $p) (local.get $i)))
          (v128.load offset=48 (i32.add (local.get $q) (local.get $i)))))
        (if (v128.any_true
              (v128.or (v128.or (local.get $v0) (local.get $v1))
                (v128.or (local.get $v2) (local.get $v3))))
          (then
            (local.set $out (call $piece (local.get $out) (local.get $i) (local.get $v0)))
            (local.set $out
              (call $piece (local.get $out) (i32.add (local.get $i) (i32.const 16)) (local.get $v1)))
            (local.set $out
              (call $piece (local.get $out) (i32.add (local.get $i) (i32.const 32)) (local.get $v2)))
            (local.set $out
              (call $piece (local.get $out) (i32.add (local.get $i) (i32.const 48)) (local.get $v3)))))
        (local.set $i (i32.add (local.get $i) (i32.const 64)))
        (br $four)))
    (block $end
      (loop $one
        (br_if $end (i32.ge_u (local.get $i) (local.get $vectors)))
        (local.set $out
          (call $piece (local.get $out) (local.get $i)
            (i8x16.sub (v128.load (i32.add (local.get $p) (local.get $i)))
              (v128.load (i32.add (local.get $q) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $one)))
    (local.get $out))

  ;; Writes the piece of differences $v that starts at byte $i of its row at $out, unless it is
  ;; all zeros; returns the end of what it wrote.
  (func $piece (param $out i32) (param $i i32) (param $v v128) (result i32)
    (if (i32.eqz (v128.any_true (local.get $v))) (then (return (local.get $out))))
    (i32.store (local.get $out) (i32.add (i32.shr_u (local.get $i) (i32.const 4)) (i32.const 1)))
    (v128.store offset=4 (local.get $out) (local.get $v))
    (i32.add (local.get $out) (i32.const 20)))

  ;; The canonical form of the rest of a row of $n differences at $p (see digestPieces): its
  ;; pieces from byte $from (a multiple of 16), then its end, from $out; returns the form's end.
  (func $piecesFrom (param $p i32) (param $from i32) (param $n i32) (param $out i32) (result i32)
    (local $i i32) (local $vectors i32)
    (local.set $vectors (i32.and (local.get $n) (i32.const -16)))
    (local.set $i (local.get $from))
    (block $end
      (loop $vector
        (br_if $end (i32.ge_u (local.get $i) (local.get $vectors)))
        (local.set $out
          (call $piece (local.get $out) (local.get $i)
            (v128.load (i32.add (local.get $p) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vector)))
    (call $tailPiece (local.get $p) (i32.const -1) (local.get $vectors) (local.get $n)
      (local.get $out)))

  ;; 1 when the $n bytes at $p are all zeros, else 0.
  (func $allZero (param $p i32) (param $n i32) (result i32)
    (local $i i32)
    (block $bytes
      (loop $vector
        (br_if $bytes (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $n)))
        (if (v128.any_true (v128.load (i32.add (local.get $p) (local.get $i))))
          (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vector)))
    (block $end
      (loop $byte
        (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.load8_u (i32.add (local.get $p) (local.get $i))) (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $byte)))
    (i32.const 1))

  ;; The first of the $n bytes at $p that differs from the byte at the same place from $q: its
  ;; index, or $n when they are the same. Reads nothing past either's $n bytes.
  (func (export "firstDifferent") (param $p i32) (param $q i32) (param $n i32) (result i32)
    (local $i i32)
    (block $wide
      (loop $four
        (br_if $wide (i32.gt_u (i32.add (local.get $i) (i32.const 64)) (local.get $n)))
        (br_if $wide
          (v128.any_true
            (v128.or
              (v128.or
                (v128.xor (v128.load (i32.add (local.get $p) (local.get $i)))
                  (v128.load (i32.add (local.get $q) (local.get $i))))
                (v128.xor (v128.load offset=16 (i32.add (local.get $p) (local.get $i)))
                  (v128.load offset=16 (i32.add (local.get $q) (local.get $i)))))
              (v128.or
                (v128.xor (v128.load offset=32 (i32.add (local.get $p) (local.get $i)))
                  (v128.load offset=32 (i32.add (local.get $q) (local.get $i))))
                (v128.xor (v128.load offset=48 (i32.add (local.get $p) (local.get $i)))
                  (v128.load offset=48 (i32.add (local.get $q) (local.get $i))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 64)))
        (br $four)))
    (block $narrow
      (loop $one
        (br_if $narrow (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $n)))
        (br_if $narrow
          (v128.any_true
            (v128.xor (v128.load (i32.add (local.get $p) (local.get $i)))
              (v128.load (i32.add (local.get $q) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $one)))
    (block $found
      (loop $byte
        (br_if $found (i32.ge_u (local.get $i) (local.get $n)))
        (br_if $found
          (i32.ne (i32.load8_u (i32.add (local.get $p) (local.get $i)))
            (i32.load8_u (i32.add (local.get $q) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $byte)))
    (local.get $i))

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

  ;; 1 when the $n bytes at $p equal the $n bytes at $q, else 0.
  (func $sameBytes (param $p i32) (param $q i32) (param $n i32) (result i32)
    (local $i i32)
    (block $bytes
      (loop $vector
        (br_if $bytes (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $n)))
        (if (v128.any_true
              (v128.xor
                (v128.load (i32.add (local.get $p) (local.get $i)))
                (v128.load (i32.add (local.get $q) (local.get $i)))))
          (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vector)))
    (block $end
      (loop $byte
        (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.ne
              (i32.load8_u (i32.add (local.get $p) (local.get $i)))
              (i32.load8_u (i32.add (local.get $q) (local.get $i))))
          (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $byte)))
    (i32.const 1))
)
