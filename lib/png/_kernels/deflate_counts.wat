;; A deflate block's symbols counted, for its Huffman codes.

;; Counts the symbols of a block's $count tokens (as writeSymbols takes them) into the u32
;; counts of the literal/length symbols at $literals and of the distance codes at $distances,
;; as `countSymbols` in lib/flate/_deflate_block.ts does; the match lengths' codes are at
;; $codes + 960, as writeSymbols has them.
(func (export "countSymbols")
  (param $lengths i32) (param $values i32) (param $count i32) (param $codes i32)
  (param $literals i32) (param $distances i32)
  (local $t i32) (local $length i32) (local $value i32) (local $times i32) (local $fulls i32)
  (local $rest i32) (local $distance i32) (local $split i32)
  (block $done
    (loop $token
      (br_if $done (i32.ge_u (local.get $t) (local.get $count)))
      (local.set $length
        (i32.load (i32.add (local.get $lengths) (i32.shl (local.get $t) (i32.const 2)))))
      (local.set $value
        (i32.load16_u (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const 1)))))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (if (i32.eqz (local.get $length))
        (then
          (call $addCount (local.get $literals) (local.get $value) (i32.const 1))
          (br $token)))
      (local.set $times (i32.const 1))
      (local.set $distance (i32.sub (local.get $value) (i32.const 1)))
      (if (i32.ge_u (local.get $value) (i32.const 256))
        (then
          (local.set $times (i32.add (i32.shr_u (local.get $value) (i32.const 9)) (i32.const 1)))
          (call $addCount (local.get $literals)
            (i32.and (local.get $value) (i32.const 255)) (local.get $times))
          (call $addCount (local.get $literals) (i32.const 0) (local.get $times))
          (local.set $distance (i32.const 0))
          (local.set $length (i32.sub (local.get $length) (i32.const 1)))))
      (call $cut (local.get $length))
      (local.set $split)
      (local.set $rest)
      (local.set $fulls)
      (if (local.get $split)
        (then
          (call $countPiece (local.get $codes) (local.get $literals) (local.get $distances)
            (local.get $split) (local.get $distance) (local.get $times))))
      (if (local.get $rest)
        (then
          (call $countPiece (local.get $codes) (local.get $literals) (local.get $distances)
            (local.get $rest) (local.get $distance) (local.get $times))))
      (call $countPiece (local.get $codes) (local.get $literals) (local.get $distances)
        (i32.const 258) (local.get $distance) (i32.mul (local.get $fulls) (local.get $times)))
      (br $token))))

;; Counts $times matches of $length bytes (3 to 258) at distance code $distance.
(func $countPiece (param $codes i32) (param $literals i32) (param $distances i32)
  (param $length i32) (param $distance i32) (param $times i32)
  (call $addCount (local.get $literals)
    (i32.add (i32.load8_u offset=960 (i32.add (local.get $codes) (local.get $length)))
      (i32.const 257))
    (local.get $times))
  (call $addCount (local.get $distances) (local.get $distance) (local.get $times)))

;; Adds $times to the u32 count $index at $counts.
(func $addCount (param $counts i32) (param $index i32) (param $times i32)
  (local $at i32)
  (local.set $at (i32.add (local.get $counts) (i32.shl (local.get $index) (i32.const 2))))
  (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (local.get $times))))
