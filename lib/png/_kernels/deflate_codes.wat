;; Deflate symbols as bit patterns (codes and extra bits), and the token finder's helpers.

;; A match of $length bytes (3 or more) cut into the pieces deflate takes (3 to 258 bytes):
;; how many of 258, the rest, and a split piece that comes first when the rest would be 1 or 2
;; (258 + 1 or 2 bytes as 256 or 257, then 3), else 0. Fewer than 3 bytes give fulls of -1.
(func $cut (param $length i32) (result i32 i32 i32)
  (local $fulls i32) (local $rest i32)
  (local.set $fulls (i32.div_u (local.get $length) (i32.const 258)))
  (local.set $rest (i32.sub (local.get $length) (i32.mul (local.get $fulls) (i32.const 258))))
  (if (i32.and (i32.ne (local.get $rest) (i32.const 0)) (i32.lt_u (local.get $rest) (i32.const 3)))
    (then
      (return (i32.sub (local.get $fulls) (i32.const 1)) (i32.const 3)
        (i32.add (local.get $rest) (i32.const 255)))))
  (local.get $fulls)
  (local.get $rest)
  (i32.const 0))

;; Appends a pattern to the bits pending ($pending of them at most 7, $bits), its bit count
;; (56 at most) in bits 56 to 63: stores 8 bytes at $at, of which the whole ones are kept.
;; Returns the bits, their count and where the next bytes go.
(func $put (param $bits i64) (param $pending i32) (param $at i32) (param $pattern i64)
  (result i64 i32 i32)
  (local.set $bits
    (i64.or (local.get $bits)
      (i64.shl
        (i64.and (local.get $pattern) (i64.const 0x00ffffffffffffff))
        (i64.extend_i32_u (local.get $pending)))))
  (local.set $pending
    (i32.add (local.get $pending) (i32.wrap_i64 (i64.shr_u (local.get $pattern) (i64.const 56)))))
  (i64.store (local.get $at) (local.get $bits))
  (i64.shr_u (local.get $bits) (i64.extend_i32_u (i32.and (local.get $pending) (i32.const 56))))
  (i32.and (local.get $pending) (i32.const 7))
  (i32.add (local.get $at) (i32.shr_u (local.get $pending) (i32.const 3))))

;; Literal/length symbol $symbol's code as a pattern, its bit count in bits 56 to 63.
(func $literalCode (param $codes i32) (param $symbol i32) (result i64)
  (i64.or
    (i64.extend_i32_u
      (i32.load16_u (i32.add (local.get $codes) (i32.shl (local.get $symbol) (i32.const 1)))))
    (i64.shl
      (i64.extend_i32_u (i32.load8_u offset=576 (i32.add (local.get $codes) (local.get $symbol))))
      (i64.const 56))))

;; A literal $first, then a literal 0, as one pattern.
(func $twoLiterals (param $codes i32) (param $first i32) (result i64)
  (local $a i64) (local $b i64) (local $bits i64)
  (local.set $a (call $literalCode (local.get $codes) (local.get $first)))
  (local.set $b (call $literalCode (local.get $codes) (i32.const 0)))
  (local.set $bits (i64.shr_u (local.get $a) (i64.const 56)))
  (i64.add
    (i64.or
      (i64.and (local.get $a) (i64.const 0x00ffffffffffffff))
      (i64.shl (i64.and (local.get $b) (i64.const 0x00ffffffffffffff)) (local.get $bits)))
    (i64.shl
      (i64.add (local.get $bits) (i64.shr_u (local.get $b) (i64.const 56)))
      (i64.const 56))))

;; One match of $length bytes (3 to 258) at distance code $distance: its length's code and
;; extra bits, then its distance's code, as one pattern, its bit count in bits 56 to 63.
(func $matchPiece (param $codes i32) (param $length i32) (param $distance i32) (result i64)
  (local $code i32) (local $symbol i32) (local $literalBits i32) (local $extraBits i32)
  (local $distanceBits i32)
  (local.set $code (i32.load8_u offset=960 (i32.add (local.get $codes) (local.get $length))))
  (local.set $symbol (i32.add (local.get $code) (i32.const 257)))
  (local.set $literalBits
    (i32.load8_u offset=576 (i32.add (local.get $codes) (local.get $symbol))))
  (local.set $extraBits (i32.load8_u offset=1220 (i32.add (local.get $codes) (local.get $code))))
  (local.set $distanceBits
    (i32.load8_u offset=928 (i32.add (local.get $codes) (local.get $distance))))
  (i64.or
    (i64.or
      (i64.extend_i32_u
        (i32.load16_u (i32.add (local.get $codes) (i32.shl (local.get $symbol) (i32.const 1)))))
      (i64.shl
        (i64.extend_i32_u
          (i32.sub (local.get $length)
            (i32.load16_u offset=1250
              (i32.add (local.get $codes) (i32.shl (local.get $code) (i32.const 1))))))
        (i64.extend_i32_u (local.get $literalBits))))
    (i64.or
      (i64.shl
        (i64.extend_i32_u
          (i32.load16_u offset=864
            (i32.add (local.get $codes) (i32.shl (local.get $distance) (i32.const 1)))))
        (i64.extend_i32_u (i32.add (local.get $literalBits) (local.get $extraBits))))
      (i64.shl
        (i64.extend_i32_u
          (i32.add (local.get $literalBits)
            (i32.add (local.get $extraBits) (local.get $distanceBits))))
        (i64.const 56)))))

;; Writes token $count (length $length, value $value) and returns the count after it.
(func $token (param $lengths i32) (param $values i32) (param $count i32) (param $length i32)
  (param $value i32) (result i32)
  (i32.store (i32.add (local.get $lengths) (i32.shl (local.get $count) (i32.const 2)))
    (local.get $length))
  (i32.store16 (i32.add (local.get $values) (i32.shl (local.get $count) (i32.const 1)))
    (local.get $value))
  (i32.add (local.get $count) (i32.const 1)))

;; How many of the $max bytes from $p repeat the byte $distance before each.
(func $runLength (param $p i32) (param $max i32) (param $distance i32) (result i32)
  (local $n i32)
  (block $end
    (loop $byte
      (br_if $end (i32.ge_u (local.get $n) (local.get $max)))
      (br_if $end
        (i32.ne
          (i32.load8_u (i32.add (local.get $p) (local.get $n)))
          (i32.load8_u (i32.sub (i32.add (local.get $p) (local.get $n)) (local.get $distance)))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $byte)))
  (local.get $n))
