;; The census of a mask's pixels, for its statistics.

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
