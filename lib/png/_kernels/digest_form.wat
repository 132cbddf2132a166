;; The pixel digest's canonical form of rows, made as the rows are unfiltered.

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
;; then not all raw). Unless $sums is 0, the Adler-32 at $sums goes on over the scanlines as
;; inflated, as in transcodeRows. Returns the end of the form, or -1 - r when row r's filter type
;; is not 0 to 4.
(func (export "unfilterForm")
  (param $ptr i32) (param $rows i32) (param $n i32) (param $bpp i32) (param $zero i32)
  (param $census i32) (param $out i32) (param $patch i32) (param $sums i32) (result i32)
  (local $r i32) (local $p i32) (local $q i32) (local $status i32) (local $end i32)
  (local $inline i32)
  (call $sumsOpen (local.get $sums))
  (local.set $q (local.get $zero))
  (local.set $p (i32.add (local.get $ptr) (i32.const 1)))
  (block $done
    (loop $row
      (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $inline
        (call $rowSumBegin (local.get $sums) (local.get $p) (local.get $n) (local.get $bpp)))
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
              (call $rowSumFinish (local.get $sums) (local.get $inline) (local.get $p)
                (local.get $n))
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
            (then
              (call $sumsClose (local.get $sums))
              (return (i32.sub (i32.const -1) (local.get $r)))))
          (local.set $end
            (call $formRow (local.get $p) (local.get $q) (local.get $n) (local.get $out)))))
      ;; The census of the pixels under the row's pieces, while the row is in cache.
      (if (local.get $census)
        (then
          (drop (call $censusOfForm (local.get $out) (local.get $p) (local.get $n) (local.get $bpp)
            (local.get $bpp) (local.get $census)))))
      (call $rowSumFinish (local.get $sums) (local.get $inline) (local.get $p) (local.get $n))
      (local.set $out (local.get $end))
      (local.set $q (local.get $p))
      (local.set $p (i32.add (local.get $p) (i32.add (local.get $n) (i32.const 1))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $row)))
  ;; The strip's last row raw, where the next strip looks for the row above its first.
  (local.set $p (i32.sub (local.get $p) (i32.add (local.get $n) (i32.const 1))))
  (if (i32.and (i32.ne (local.get $rows) (i32.const 0)) (i32.ne (local.get $q) (local.get $p)))
    (then (memory.copy (local.get $p) (local.get $q) (local.get $n))))
  (call $sumsClose (local.get $sums))
  (local.get $out))

;; Adds an Up-filtered row of $n bytes at $p to the raw row above it at $q, which becomes the
;; row's raw bytes (the row at $p stays filtered), writing its canonical form at $out from the
;; filtered bytes (its differences): only the pieces that are not zeros are added, and summed
;; (see adler_rows.wat). Returns the form's end.
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
          (call $sumAt (local.get $filtered) (local.get $i))
          (v128.store (i32.add (local.get $q) (local.get $i))
            (i8x16.add (local.get $filtered) (v128.load (i32.add (local.get $q) (local.get $i)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $vector)))
  (local.set $out
    (call $tailPiece (local.get $p) (i32.const -1) (local.get $vectors) (local.get $n)
      (local.get $out)))
  (call $sumBytes (local.get $p) (local.get $vectors) (local.get $n))
  (drop (call $up (i32.add (local.get $q) (local.get $vectors))
    (i32.add (local.get $p) (local.get $vectors)) (i32.sub (local.get $n) (local.get $vectors))
    (i32.const -1)))
  (local.get $out))

;; Unfilters an Up-filtered row of $n bytes at $p against the raw row $q, writing its canonical
;; form at $out from the filtered bytes (its differences) as it goes, and summing them (see
;; adler_rows.wat); returns the form's end.
(func $upForm (param $p i32) (param $q i32) (param $n i32) (param $out i32) (result i32)
  (local $i i32) (local $vectors i32) (local $filtered v128)
  (local.set $vectors (i32.and (local.get $n) (i32.const -16)))
  (block $end
    (loop $vector
      (br_if $end (i32.ge_u (local.get $i) (local.get $vectors)))
      (local.set $filtered (v128.load (i32.add (local.get $p) (local.get $i))))
      (if (v128.any_true (local.get $filtered))
        (then
          (local.set $out (call $piece (local.get $out) (local.get $i) (local.get $filtered)))
          (call $sumAt (local.get $filtered) (local.get $i))))
      (v128.store (i32.add (local.get $p) (local.get $i))
        (i8x16.add (local.get $filtered) (v128.load (i32.add (local.get $q) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $vector)))
  (local.set $out
    (call $tailPiece (local.get $p) (i32.const -1) (local.get $vectors) (local.get $n)
      (local.get $out)))
  (drop (call $up (i32.add (local.get $p) (local.get $vectors))
    (i32.add (local.get $q) (local.get $vectors)) (i32.sub (local.get $n) (local.get $vectors))
    (local.get $vectors)))
  (local.get $out))
