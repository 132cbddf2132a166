;; Scanlines unfiltered and converted to another format's samples, row by row.

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
;; (the rows between are then not all raw). Unless $sums is 0, the Adler-32 at $sums goes on
;; over the scanlines as inflated, as in transcodeRows. Returns -1, or the first row whose filter
;; type is not 0 to 4.
(func (export "unfilterConvert")
  (param $ptr i32) (param $rows i32) (param $width i32) (param $channels i32) (param $zero i32)
  (param $out i32) (param $outStride i32) (param $mode i32) (param $table i32)
  (param $census i32) (param $patch i32) (param $sums i32) (result i32)
  (local $r i32) (local $n i32) (local $p i32) (local $q i32) (local $o i32) (local $status i32)
  (local $inline i32)
  (call $sumsOpen (local.get $sums))
  (local.set $n (i32.mul (local.get $width) (local.get $channels)))
  (local.set $q (local.get $zero))
  (local.set $p (i32.add (local.get $ptr) (i32.const 1)))
  (local.set $o (local.get $out))
  (block $done
    (loop $row
      (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $inline
        (call $rowSumBegin (local.get $sums) (local.get $p) (local.get $n) (local.get $channels)))
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
        (if (i32.eq (local.get $status) (i32.const 1))
          (then (call $sumsClose (local.get $sums)) (return (local.get $r))))
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
      (call $rowSumFinish (local.get $sums) (local.get $inline) (local.get $p) (local.get $n))
      (local.set $p (i32.add (local.get $p) (i32.add (local.get $n) (i32.const 1))))
      (local.set $o (i32.add (local.get $o) (local.get $outStride)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $row)))
  ;; The strip's last row raw, where the next strip looks for the row above its first.
  (local.set $p (i32.sub (local.get $p) (i32.add (local.get $n) (i32.const 1))))
  (if (i32.and (i32.ne (local.get $rows) (i32.const 0)) (i32.ne (local.get $q) (local.get $p)))
    (then (memory.copy (local.get $p) (local.get $q) (local.get $n))))
  (call $sumsClose (local.get $sums))
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
            (i32.add (local.get $q) (local.get $i)) (local.get $channels) (local.get $i))
        (then
          (call $convertGroup (i32.add (local.get $q) (local.get $i)) (local.get $o) (i32.const 16)
            (local.get $channels) (local.get $mode) (local.get $table) (local.get $census)))
        (else (call $copyGroup (local.get $o) (local.get $outStride) (local.get $bpp))))
      (local.set $i (i32.add (local.get $i) (local.get $step)))
      (local.set $o (i32.add (local.get $o) (i32.shl (local.get $bpp) (i32.const 4))))
      (br $group)))
  (call $sumBytes (local.get $p) (local.get $groups)
    (i32.mul (local.get $width) (local.get $channels)))
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
;; row above at $q, when one of them is not zero, and to the row's sums (see adler_rows.wat),
;; $p being at offset $at of its row; returns 1 when they were added, else 0.
(func $patchGroup (param $p i32) (param $q i32) (param $channels i32) (param $at i32)
  (result i32)
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
  (call $sumAt (local.get $f0) (local.get $at))
  (call $sumAt (local.get $f1) (i32.add (local.get $at) (i32.const 16)))
  (call $sumAt (local.get $f2) (i32.add (local.get $at) (i32.const 32)))
  (if (i32.eq (local.get $channels) (i32.const 4))
    (then (call $sumAt (local.get $f3) (i32.add (local.get $at) (i32.const 48)))))
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
