;; The scanline filters reversed in place, and the census of the rows as they are.

;; Reverses PNG's scanline filters in place. $ptr is row 0's filter-type byte, rows are
;; $n + 1 bytes apart, $bpp is the left-pixel distance, $zero points at $n zero bytes (the row
;; above row 0). Unless $census is 0, the census of 8-bit RGB or RGBA pixels ($bpp bytes) is
;; counted too, as in transcodeRows, while each row is in cache. Unless $sums is 0, the Adler-32
;; at $sums goes on over the scanlines as inflated, as in transcodeRows. Returns -1, or the
;; first row whose filter type is not 0 to 4.
(func (export "unfilter")
  (param $ptr i32) (param $rows i32) (param $n i32) (param $bpp i32) (param $zero i32)
  (param $census i32) (param $sums i32) (result i32)
  (local $r i32) (local $p i32) (local $q i32) (local $status i32) (local $inline i32)
  (call $sumsOpen (local.get $sums))
  (local.set $q (local.get $zero))
  (local.set $p (i32.add (local.get $ptr) (i32.const 1)))
  (block $done
    (loop $row
      (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $inline
        (call $rowSumBegin (local.get $sums) (local.get $p) (local.get $n) (local.get $bpp)))
      (local.set $status
        (call $unfilterRow (local.get $p) (local.get $q) (local.get $n) (local.get $bpp)))
      (if (i32.eq (local.get $status) (i32.const 1))
        (then (call $sumsClose (local.get $sums)) (return (local.get $r))))
      (call $rowSumFinish (local.get $sums) (local.get $inline) (local.get $p) (local.get $n))
      ;; A row that repeats the row above holds nothing new to count.
      (if (i32.and (i32.ne (local.get $census) (i32.const 0)) (i32.eqz (local.get $status)))
        (then
          (call $censusRow (local.get $p) (local.get $q) (i32.add (local.get $p) (local.get $n))
            (local.get $bpp) (local.get $census) (i32.add (local.get $census) (i32.const 256)))))
      (local.set $q (local.get $p))
      (local.set $p (i32.add (local.get $p) (i32.add (local.get $n) (i32.const 1))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $row)))
  (call $sumsClose (local.get $sums))
  (i32.const -1))
