;; PNG's Up filter applied in place.

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
