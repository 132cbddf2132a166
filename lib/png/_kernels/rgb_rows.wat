;; RGB rows: RGBA packed as RGB, and a semantic mapping's recolouring.

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
