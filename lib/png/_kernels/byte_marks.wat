;; Which bytes rows hold, and which labels a strip holds.

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
