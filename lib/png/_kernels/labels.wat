;; Scanlines unfiltered and each pixel's label read, for the `binary` format.

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
;; between are then not all raw). Unless $sums is 0, the Adler-32 at $sums goes on over the
;; scanlines as inflated, as in transcodeRows. Returns -1, or the first row whose filter type is
;; not 0 to 4.
(func (export "unfilterLabels")
  (param $ptr i32) (param $rows i32) (param $width i32) (param $channels i32) (param $zero i32)
  (param $out i32) (param $same i32) (param $vectorList i32) (param $census i32)
  (param $patch i32) (param $sums i32) (result i32)
  (local $r i32) (local $n i32) (local $p i32) (local $q i32) (local $o i32) (local $list i32)
  (local $status i32) (local $listBytes i32) (local $inline i32)
  (call $sumsOpen (local.get $sums))
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
      (local.set $inline
        (call $rowSumBegin (local.get $sums) (local.get $p) (local.get $n) (local.get $channels)))
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
        (if (i32.eq (local.get $status) (i32.const 1))
          (then (call $sumsClose (local.get $sums)) (return (local.get $r))))
        (i32.store8 (i32.add (local.get $same) (local.get $r))
          (call $labelRow (local.get $p) (local.get $q) (local.get $o) (local.get $width)
            (local.get $channels) (local.get $list)
            (i32.eq (local.get $status) (i32.const 2)) (local.get $census) (local.get $r)))
        (local.set $q (local.get $p)))
      (call $rowSumFinish (local.get $sums) (local.get $inline) (local.get $p) (local.get $n))
      (local.set $p (i32.add (local.get $p) (i32.add (local.get $n) (i32.const 1))))
      (local.set $o (i32.add (local.get $o) (local.get $width)))
      (local.set $list (i32.add (local.get $list) (local.get $listBytes)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $row)))
  ;; The strip's last row raw, where the next strip looks for the row above its first.
  (local.set $p (i32.sub (local.get $p) (i32.add (local.get $n) (i32.const 1))))
  (if (i32.and (i32.ne (local.get $rows) (i32.const 0)) (i32.ne (local.get $q) (local.get $p)))
    (then (memory.copy (local.get $p) (local.get $q) (local.get $n))))
  (call $sumsClose (local.get $sums))
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
            (local.get $channels) (local.get $i))
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
  ;; The pixels after the last 16: summed, added byte by byte, then labelled and counted.
  (call $sumBytes (local.get $p) (local.get $groups)
    (i32.mul (local.get $width) (local.get $channels)))
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
