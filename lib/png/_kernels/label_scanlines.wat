;; One label's mask as Up-filtered scanlines, with their canonical form.

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
