;; The `rgb` format's transcoder: scanlines unfiltered, packed as RGB and Up-filtered again.

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
;; strip's last row is made raw at the end (the rows between are then not all raw). Unless $sums
;; is 0, the Adler-32 at $sums (b << 16 | a, 4 bytes) goes on over the scanlines as inflated,
;; filter types included, and is written back at the end or before a row with a bad filter type
;; (not summed): the loops that read an Up, Sub or Paeth row add up its bytes that are not zero
;; (see adler_rows.wat); any other row, and a row too wide for their sums, is summed before it
;; changes. Returns the first row with a bad filter type, or else -1 -
;; the form's end (-1 when $form is 0).
(func (export "transcodeRows")
  (param $input i32) (param $rows i32) (param $width i32) (param $channels i32)
  (param $zero i32) (param $output i32) (param $census i32) (param $flags i32) (param $form i32)
  (param $patch i32) (param $sums i32) (result i32)
  (local $r i32) (local $p i32) (local $q i32) (local $o i32) (local $n i32)
  (local $s i32) (local $t i32) (local $d i32) (local $end i32) (local $changed v128)
  (local $diff v128) (local $lastChanged i32)
  (local $f0 v128) (local $f1 v128) (local $f2 v128) (local $f3 v128) (local $v0 v128)
  (local $v1 v128) (local $v2 v128) (local $formAt i32) (local $any v128) (local $patching i32)
  (local $patched i32) (local $rowForm i32) (local $vectors i32)
  (local $filter i32) (local $inline i32)
  (call $sumsOpen (local.get $sums))
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
      (local.set $filter (i32.load8_u (i32.sub (local.get $p) (i32.const 1))))
      (local.set $inline
        (call $rowSumBegin (local.get $sums) (local.get $p) (local.get $n) (local.get $channels)))
      (block $differences
      ;; A row that repeats the row above has no differences to write: an Up-filtered one is
      ;; made whole with one copy of the row above, an unfiltered one is whole already. Up
      ;; rows are looked at for zeros only after a row that repeated its own row above: in a
      ;; drawn mask, rows that change follow each other, and the look would find a difference
      ;; only after reading much of the row (the fused loop below takes rows of zeros too).
      (if (i32.and
            (i32.eq (local.get $filter) (i32.const 2))
            (i32.eqz (local.get $lastChanged)))
        (then
          (if (call $allZero (local.get $p) (local.get $n))
            (then
              ;; Patching, the row above is this row's raw row already.
              (if (local.get $patching)
                (then (local.set $patched (i32.const 1)))
                (else (memory.copy (local.get $p) (local.get $q) (local.get $n))))
              (br $differences)))))
      (if (i32.eqz (local.get $filter))
        (then
          (if (call $sameBytes (local.get $p) (local.get $q) (local.get $n))
            (then (br $differences)))))
      ;; Patching, an Up-filtered row's differences go out and its pieces into the row above.
      (if (i32.and (local.get $patching)
            (i32.eq (local.get $filter) (i32.const 2)))
        (then
          (call $upPatchRgba (local.get $p) (local.get $q) (local.get $o) (local.get $end)
            (local.get $form))
          (local.set $formAt)
          (local.set $form)
          (local.set $changed)
          (local.set $patched (i32.const 1))
          (br $differences)))
      (if (i32.eq (local.get $filter) (i32.const 2))
        (then
          ;; An Up-filtered row already holds its differences with the row above: they are
          ;; written as they are (alpha dropped) while the row is unfiltered, in one pass.
          (call $upFused (local.get $p) (local.get $q) (local.get $o) (local.get $n)
            (local.get $channels) (local.get $form))
          (local.set $formAt)
          (local.set $form)
          (local.set $changed)
          (local.set $vectors (i32.and (local.get $n) (i32.const -16)))
          (local.set $s (i32.add (local.get $p) (local.get $vectors)))
          (local.set $t (i32.add (local.get $q) (local.get $vectors)))
          (local.set $d
            (i32.add (local.get $o)
              (select (i32.shr_u (i32.mul (local.get $vectors) (i32.const 3)) (i32.const 2))
                (local.get $vectors) (i32.eq (local.get $channels) (i32.const 4))))))
        (else
          (if (i32.eq
                (call $unfilterRow
                  (local.get $p) (local.get $q) (local.get $n) (local.get $channels))
                (i32.const 1))
            (then
              (call $sumsClose (local.get $sums))
              (return (local.get $r))))))
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
      (call $rowSumFinish (local.get $sums) (local.get $inline) (local.get $p) (local.get $n))
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
  (call $sumsClose (local.get $sums))
  (i32.sub (i32.const -1) (local.get $form)))
