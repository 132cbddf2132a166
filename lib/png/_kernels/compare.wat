;; Bytes compared: all zeros, the first that differs, equal runs.

;; 1 when the $n bytes at $p are all zeros, else 0.
(func $allZero (param $p i32) (param $n i32) (result i32)
  (local $i i32)
  (block $bytes
    (loop $vector
      (br_if $bytes (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $n)))
      (if (v128.any_true (v128.load (i32.add (local.get $p) (local.get $i))))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $vector)))
  (block $end
    (loop $byte
      (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.load8_u (i32.add (local.get $p) (local.get $i))) (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $byte)))
  (i32.const 1))

;; The first of the $n bytes at $p that differs from the byte at the same place from $q: its
;; index, or $n when they are the same. Reads nothing past either's $n bytes.
(func (export "firstDifferent") (param $p i32) (param $q i32) (param $n i32) (result i32)
  (local $i i32)
  (block $wide
    (loop $four
      (br_if $wide (i32.gt_u (i32.add (local.get $i) (i32.const 64)) (local.get $n)))
      (br_if $wide
        (v128.any_true
          (v128.or
            (v128.or
              (v128.xor (v128.load (i32.add (local.get $p) (local.get $i)))
                (v128.load (i32.add (local.get $q) (local.get $i))))
              (v128.xor (v128.load offset=16 (i32.add (local.get $p) (local.get $i)))
                (v128.load offset=16 (i32.add (local.get $q) (local.get $i)))))
            (v128.or
              (v128.xor (v128.load offset=32 (i32.add (local.get $p) (local.get $i)))
                (v128.load offset=32 (i32.add (local.get $q) (local.get $i))))
              (v128.xor (v128.load offset=48 (i32.add (local.get $p) (local.get $i)))
                (v128.load offset=48 (i32.add (local.get $q) (local.get $i))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 64)))
      (br $four)))
  (block $narrow
    (loop $one
      (br_if $narrow (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $n)))
      (br_if $narrow
        (v128.any_true
          (v128.xor (v128.load (i32.add (local.get $p) (local.get $i)))
            (v128.load (i32.add (local.get $q) (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $one)))
  (block $found
    (loop $byte
      (br_if $found (i32.ge_u (local.get $i) (local.get $n)))
      (br_if $found
        (i32.ne (i32.load8_u (i32.add (local.get $p) (local.get $i)))
          (i32.load8_u (i32.add (local.get $q) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $byte)))
  (local.get $i))

;; 1 when the $n bytes at $p equal the $n bytes at $q, else 0.
(func $sameBytes (param $p i32) (param $q i32) (param $n i32) (result i32)
  (local $i i32)
  (block $bytes
    (loop $vector
      (br_if $bytes (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $n)))
      (if (v128.any_true
            (v128.xor
              (v128.load (i32.add (local.get $p) (local.get $i)))
              (v128.load (i32.add (local.get $q) (local.get $i)))))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $vector)))
  (block $end
    (loop $byte
      (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.ne
            (i32.load8_u (i32.add (local.get $p) (local.get $i)))
            (i32.load8_u (i32.add (local.get $q) (local.get $i))))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $byte)))
  (i32.const 1))
