;; The transcoder's Up-filtered RGBA rows: patched onto the raw row above, not unfiltered.

;; An Up-filtered RGBA row at $p (ending at $end) whose raw row above is at $q: writes its
;; differences, alpha dropped, as an RGB row at $o and adds its own differences to the row at
;; $q, which becomes its raw row (the row at $p stays filtered); unless $form is 0, the row's
;; pieces are written from $form (see transcodeRows). The row's bytes are added to its sums on
;; the way (see adler_rows.wat). Returns the differences written, OR-ed together (bytes past the
;; row's end included), the form's end, and the output bytes its pieces cover.
(func $upPatchRgba (param $p i32) (param $q i32) (param $o i32) (param $end i32) (param $form i32)
  (result v128 i32 i32)
  (local $s i32) (local $t i32) (local $d i32) (local $changed v128) (local $any v128)
  (local $f0 v128) (local $f1 v128) (local $f2 v128) (local $f3 v128) (local $v0 v128)
  (local $v1 v128) (local $v2 v128) (local $formAt i32)
  (local.set $s (local.get $p))
  (local.set $t (local.get $q))
  (local.set $d (local.get $o))
  ;; Sixteen pixels at a time: four vectors in, their differences packed in three.
  (block $wideDone
    (loop $wide
      (br_if $wideDone (i32.gt_u (i32.add (local.get $s) (i32.const 64)) (local.get $end)))
      (local.set $f0 (v128.load (local.get $s)))
      (local.set $f1 (v128.load offset=16 (local.get $s)))
      (local.set $f2 (v128.load offset=32 (local.get $s)))
      (local.set $f3 (v128.load offset=48 (local.get $s)))
      ;; Sixteen pixels the same as above: zeros out, nothing to add to the row above.
      (if (i32.eqz
            (v128.any_true
              (v128.or (v128.or (local.get $f0) (local.get $f1))
                (v128.or (local.get $f2) (local.get $f3)))))
        (then
          (v128.store (local.get $d) (v128.const i64x2 0 0))
          (v128.store offset=16 (local.get $d) (v128.const i64x2 0 0))
          (v128.store offset=32 (local.get $d) (v128.const i64x2 0 0))
          (local.set $formAt (i32.add (local.get $formAt) (i32.const 48)))
          (local.set $s (i32.add (local.get $s) (i32.const 64)))
          (local.set $t (i32.add (local.get $t) (i32.const 64)))
          (local.set $d (i32.add (local.get $d) (i32.const 48)))
          (br $wide)))
      (call $sumGroup (local.get $f0) (local.get $f1) (local.get $f2) (local.get $f3)
        (i32.sub (local.get $s) (local.get $p)))
      (local.set $v0
        (i8x16.shuffle 0 1 2 4 5 6 8 9 10 12 13 14 16 17 18 20
          (local.get $f0) (local.get $f1)))
      (local.set $v1
        (i8x16.shuffle 5 6 8 9 10 12 13 14 16 17 18 20 21 22 24 25
          (local.get $f1) (local.get $f2)))
      (local.set $v2
        (i8x16.shuffle 10 12 13 14 16 17 18 20 21 22 24 25 26 28 29 30
          (local.get $f2) (local.get $f3)))
      (v128.store (local.get $d) (local.get $v0))
      (v128.store offset=16 (local.get $d) (local.get $v1))
      (v128.store offset=32 (local.get $d) (local.get $v2))
      (local.set $any (v128.or (local.get $v0) (v128.or (local.get $v1) (local.get $v2))))
      (local.set $changed (v128.or (local.get $changed) (local.get $any)))
      (if (v128.any_true (local.get $any))
        (then
          (if (local.get $form)
            (then
              (local.set $form
                (call $piece (local.get $form) (local.get $formAt) (local.get $v0)))
              (local.set $form
                (call $piece (local.get $form)
                  (i32.add (local.get $formAt) (i32.const 16)) (local.get $v1)))
              (local.set $form
                (call $piece (local.get $form)
                  (i32.add (local.get $formAt) (i32.const 32)) (local.get $v2)))))))
      ;; Alpha alone may change too: the raw row keeps it.
      (if (v128.any_true
            (v128.or (v128.or (local.get $f0) (local.get $f1))
              (v128.or (local.get $f2) (local.get $f3))))
        (then
          (v128.store (local.get $t) (i8x16.add (local.get $f0) (v128.load (local.get $t))))
          (v128.store offset=16 (local.get $t)
            (i8x16.add (local.get $f1) (v128.load offset=16 (local.get $t))))
          (v128.store offset=32 (local.get $t)
            (i8x16.add (local.get $f2) (v128.load offset=32 (local.get $t))))
          (v128.store offset=48 (local.get $t)
            (i8x16.add (local.get $f3) (v128.load offset=48 (local.get $t))))))
      (local.set $formAt (i32.add (local.get $formAt) (i32.const 48)))
      (local.set $s (i32.add (local.get $s) (i32.const 64)))
      (local.set $t (i32.add (local.get $t) (i32.const 64)))
      (local.set $d (i32.add (local.get $d) (i32.const 48)))
      (br $wide)))
  ;; Four pixels at a time; the last vector may read past the row's end, whose bytes only go
  ;; where the next row goes later, and is added to the row above byte by byte.
  (block $narrowDone
    (loop $narrow
      (br_if $narrowDone (i32.ge_u (local.get $s) (local.get $end)))
      (local.set $f0 (v128.load (local.get $s)))
      (local.set $v0
        (i8x16.shuffle 0 1 2 4 5 6 8 9 10 12 13 14 15 15 15 15
          (local.get $f0) (local.get $f0)))
      (v128.store (local.get $d) (local.get $v0))
      (local.set $changed (v128.or (local.get $changed) (local.get $v0)))
      (if (i32.le_u (i32.add (local.get $s) (i32.const 16)) (local.get $end))
        (then
          (call $sumAt (local.get $f0) (i32.sub (local.get $s) (local.get $p)))
          (v128.store (local.get $t) (i8x16.add (local.get $f0) (v128.load (local.get $t)))))
        (else
          (call $sumBytes (local.get $p) (i32.sub (local.get $s) (local.get $p))
            (i32.sub (local.get $end) (local.get $p)))
          (drop (call $up (local.get $t) (local.get $s)
            (i32.sub (local.get $end) (local.get $s)) (i32.const -1)))))
      (local.set $s (i32.add (local.get $s) (i32.const 16)))
      (local.set $t (i32.add (local.get $t) (i32.const 16)))
      (local.set $d (i32.add (local.get $d) (i32.const 12)))
      (br $narrow)))
  (local.get $changed)
  (if (result i32) (local.get $form)
    (then (local.get $form))
    (else (i32.const 0)))
  (local.get $formAt))
