;; A row's differences from the row above, in the canonical form's pieces.

;; The whole pieces of a row of Up differences at $p ($vectors bytes): each that is not zeros
;; written at $out as its number (from 1) and its 16 bytes; four pieces of zeros are passed over
;; at once. Returns the end of what it wrote.
(func $differencePieces (param $p i32) (param $vectors i32) (param $out i32) (result i32)
  (local $i i32) (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
  (block $wide
    (loop $four
      (br_if $wide (i32.gt_u (i32.add (local.get $i) (i32.const 64)) (local.get $vectors)))
      (local.set $v0 (v128.load (i32.add (local.get $p) (local.get $i))))
      (local.set $v1 (v128.load offset=16 (i32.add (local.get $p) (local.get $i))))
      (local.set $v2 (v128.load offset=32 (i32.add (local.get $p) (local.get $i))))
      (local.set $v3 (v128.load offset=48 (i32.add (local.get $p) (local.get $i))))
      (if (v128.any_true
            (v128.or (v128.or (local.get $v0) (local.get $v1))
              (v128.or (local.get $v2) (local.get $v3))))
        (then
          (local.set $out (call $piece (local.get $out) (local.get $i) (local.get $v0)))
          (local.set $out
            (call $piece (local.get $out) (i32.add (local.get $i) (i32.const 16)) (local.get $v1)))
          (local.set $out
            (call $piece (local.get $out) (i32.add (local.get $i) (i32.const 32)) (local.get $v2)))
          (local.set $out
            (call $piece (local.get $out) (i32.add (local.get $i) (i32.const 48)) (local.get $v3)))))
      (local.set $i (i32.add (local.get $i) (i32.const 64)))
      (br $four)))
  (block $end
    (loop $one
      (br_if $end (i32.ge_u (local.get $i) (local.get $vectors)))
      (local.set $out
        (call $piece (local.get $out) (local.get $i)
          (v128.load (i32.add (local.get $p) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $one)))
  (local.get $out))

;; As $differencePieces, for a raw row at $p whose row above is at $q.
(func $rowPieces (param $p i32) (param $q i32) (param $vectors i32) (param $out i32) (result i32)
  (local $i i32) (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
  (block $wide
    (loop $four
      (br_if $wide (i32.gt_u (i32.add (local.get $i) (i32.const 64)) (local.get $vectors)))
      (local.set $v0 (i8x16.sub (v128.load (i32.add (local.get $p) (local.get $i)))
        (v128.load (i32.add (local.get $q) (local.get $i)))))
      (local.set $v1 (i8x16.sub (v128.load offset=16 (i32.add (local.get $p) (local.get $i)))
        (v128.load offset=16 (i32.add (local.get $q) (local.get $i)))))
      (local.set $v2 (i8x16.sub (v128.load offset=32 (i32.add (local.get $p) (local.get $i)))
        (v128.load offset=32 (i32.add (local.get $q) (local.get $i)))))
      (local.set $v3 (i8x16.sub (v128.load offset=48 (i32.add (local.get $p) (local.get $i)))
        (v128.load offset=48 (i32.add (local.get $q) (local.get $i)))))
      (if (v128.any_true
            (v128.or (v128.or (local.get $v0) (local.get $v1))
              (v128.or (local.get $v2) (local.get $v3))))
        (then
          (local.set $out (call $piece (local.get $out) (local.get $i) (local.get $v0)))
          (local.set $out
            (call $piece (local.get $out) (i32.add (local.get $i) (i32.const 16)) (local.get $v1)))
          (local.set $out
            (call $piece (local.get $out) (i32.add (local.get $i) (i32.const 32)) (local.get $v2)))
          (local.set $out
            (call $piece (local.get $out) (i32.add (local.get $i) (i32.const 48)) (local.get $v3)))))
      (local.set $i (i32.add (local.get $i) (i32.const 64)))
      (br $four)))
  (block $end
    (loop $one
      (br_if $end (i32.ge_u (local.get $i) (local.get $vectors)))
      (local.set $out
        (call $piece (local.get $out) (local.get $i)
          (i8x16.sub (v128.load (i32.add (local.get $p) (local.get $i)))
            (v128.load (i32.add (local.get $q) (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $one)))
  (local.get $out))

;; Writes the piece of differences $v that starts at byte $i of its row at $out, unless it is
;; all zeros; returns the end of what it wrote.
(func $piece (param $out i32) (param $i i32) (param $v v128) (result i32)
  (if (i32.eqz (v128.any_true (local.get $v))) (then (return (local.get $out))))
  (i32.store (local.get $out) (i32.add (i32.shr_u (local.get $i) (i32.const 4)) (i32.const 1)))
  (v128.store offset=4 (local.get $out) (local.get $v))
  (i32.add (local.get $out) (i32.const 20)))

;; The canonical form of the rest of a row of $n differences at $p (see digestPieces): its
;; pieces from byte $from (a multiple of 16), then its end, from $out; returns the form's end.
(func $piecesFrom (param $p i32) (param $from i32) (param $n i32) (param $out i32) (result i32)
  (local $i i32) (local $vectors i32)
  (local.set $vectors (i32.and (local.get $n) (i32.const -16)))
  (local.set $i (local.get $from))
  (block $end
    (loop $vector
      (br_if $end (i32.ge_u (local.get $i) (local.get $vectors)))
      (local.set $out
        (call $piece (local.get $out) (local.get $i)
          (v128.load (i32.add (local.get $p) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $vector)))
  (call $tailPiece (local.get $p) (i32.const -1) (local.get $vectors) (local.get $n)
    (local.get $out)))
