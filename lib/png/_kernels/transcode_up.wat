;; The transcoder's Up-filtered rows when they are unfiltered where they are.

;; An Up-filtered RGB ($channels 3) or RGBA (4) row at $p, $n bytes, whose raw row above is at
;; $q: its whole vectors are unfiltered where they are while their differences, which the row
;; already holds, are written (alpha dropped) as an RGB row at $o, in one pass; the bytes after
;; them (fewer than 16) are unfiltered alone, for the caller's loop to write their differences.
;; Unless $form is 0, the row's pieces are written from $form (see transcodeRows) as the pieces so
;; far reach them. The row's filtered bytes are added to its sums on the way (see
;; adler_rows.wat). Returns the differences written, OR-ed together, the form's end, and the
;; output bytes its pieces cover.
(func $upFused (param $p i32) (param $q i32) (param $o i32) (param $n i32) (param $channels i32)
  (param $form i32) (result v128 i32 i32)
  (local $s i32) (local $t i32) (local $d i32) (local $vectorsEnd i32) (local $formAt i32)
  (local $changed v128) (local $any v128) (local $filtered v128) (local $diff v128)
  (local $f0 v128) (local $f1 v128) (local $f2 v128) (local $f3 v128) (local $v0 v128)
  (local $v1 v128) (local $v2 v128)
  (local.set $s (local.get $p))
  (local.set $t (local.get $q))
  (local.set $d (local.get $o))
  (local.set $vectorsEnd (i32.add (local.get $p) (i32.and (local.get $n) (i32.const -16))))
  (if (i32.eq (local.get $channels) (i32.const 4))
    (then
      ;; Sixteen pixels at a time: four vectors in, their differences packed in three.
      (block $wideDone
        (loop $wide
          (br_if $wideDone
            (i32.gt_u (i32.add (local.get $s) (i32.const 64)) (local.get $vectorsEnd)))
          (local.set $f0 (v128.load (local.get $s)))
          (local.set $f1 (v128.load offset=16 (local.get $s)))
          (local.set $f2 (v128.load offset=32 (local.get $s)))
          (local.set $f3 (v128.load offset=48 (local.get $s)))
          (if (v128.any_true
                (v128.or (v128.or (local.get $f0) (local.get $f1))
                  (v128.or (local.get $f2) (local.get $f3))))
            (then
              (call $sumGroup (local.get $f0) (local.get $f1) (local.get $f2) (local.get $f3)
                (i32.sub (local.get $s) (local.get $p)))))
          (v128.store (local.get $s) (i8x16.add (local.get $f0) (v128.load (local.get $t))))
          (v128.store offset=16 (local.get $s)
            (i8x16.add (local.get $f1) (v128.load offset=16 (local.get $t))))
          (v128.store offset=32 (local.get $s)
            (i8x16.add (local.get $f2) (v128.load offset=32 (local.get $t))))
          (v128.store offset=48 (local.get $s)
            (i8x16.add (local.get $f3) (v128.load offset=48 (local.get $t))))
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
          ;; The row's next three pieces, when the pieces so far reach them.
          (if (i32.and (i32.ne (local.get $form) (i32.const 0))
                (i32.eq (i32.sub (local.get $d) (local.get $o)) (local.get $formAt)))
            (then
              (if (v128.any_true (local.get $any))
                (then
                  (local.set $form
                    (call $piece (local.get $form) (local.get $formAt) (local.get $v0)))
                  (local.set $form
                    (call $piece (local.get $form)
                      (i32.add (local.get $formAt) (i32.const 16)) (local.get $v1)))
                  (local.set $form
                    (call $piece (local.get $form)
                      (i32.add (local.get $formAt) (i32.const 32)) (local.get $v2)))))
              (local.set $formAt (i32.add (local.get $formAt) (i32.const 48)))))
          (local.set $s (i32.add (local.get $s) (i32.const 64)))
          (local.set $t (i32.add (local.get $t) (i32.const 64)))
          (local.set $d (i32.add (local.get $d) (i32.const 48)))
          (br $wide)))))
  ;; A vector at a time: four pixels' differences packed in twelve bytes, or sixteen bytes.
  (block $narrowDone
    (loop $narrow
      (br_if $narrowDone (i32.ge_u (local.get $s) (local.get $vectorsEnd)))
      (local.set $filtered (v128.load (local.get $s)))
      (if (v128.any_true (local.get $filtered))
        (then (call $sumAt (local.get $filtered) (i32.sub (local.get $s) (local.get $p)))))
      (v128.store (local.get $s) (i8x16.add (local.get $filtered) (v128.load (local.get $t))))
      (local.set $diff
        (if (result v128) (i32.eq (local.get $channels) (i32.const 4))
          (then
            (i8x16.shuffle 0 1 2 4 5 6 8 9 10 12 13 14 15 15 15 15
              (local.get $filtered) (local.get $filtered)))
          (else (local.get $filtered))))
      (v128.store (local.get $d) (local.get $diff))
      (local.set $changed (v128.or (local.get $changed) (local.get $diff)))
      (local.set $s (i32.add (local.get $s) (i32.const 16)))
      (local.set $t (i32.add (local.get $t) (i32.const 16)))
      (local.set $d
        (i32.add (local.get $d)
          (select (i32.const 12) (i32.const 16) (i32.eq (local.get $channels) (i32.const 4)))))
      (br $narrow)))
  ;; The last bytes are unfiltered (and summed) alone.
  (drop (call $up (local.get $s) (local.get $t) (i32.sub (i32.add (local.get $p) (local.get $n))
    (local.get $s)) (i32.sub (local.get $s) (local.get $p))))
  (local.get $changed)
  (local.get $form)
  (local.get $formAt))
