;; The run-length deflater's tokens as a deflate block's symbols, written and counted.

;; A deflate block's symbols for the run-length deflater's $count tokens (`DeflateTokens`:
;; lengths at $lengths, u32, values at $values, u16), written as `writeSymbols` in
;; lib/flate/_deflate_block.ts writes them: a literal (length 0); a match of any length at
;; distance 1 to 3, cut into pieces of 258 and less (258 + 1 or 2 as 256 or 257, then 3); a run
;; of zero rows (value 256 + filter type, rows less one from bit 9, the zeros as length): per row
;; its filter type, a literal 0, the other zeros as a match at distance 1. The block's codes at
;; $codes: the literal/length codes (u16) at +0, their lengths (u8) at +576, the distance codes
;; (u16) at +864, their lengths at +928, then, fixed, each match length's code (u8, 0 to 258)
;; at +960, each code's extra bits (u8) at +1220 and base length (u16) at +1250. Bits go least
;; significant first from $out (8 bytes past the end may be written), after the bits pending
;; at $state (+0, fewer than 8; their count at +4). Returns the end of the whole bytes written;
;; the bits left over go back to $state.
(func (export "writeSymbols")
  (param $lengths i32) (param $values i32) (param $count i32) (param $codes i32)
  (param $out i32) (param $state i32) (result i32)
  (local $t i32) (local $length i32) (local $value i32) (local $rows i32) (local $distance i32)
  (local $fulls i32) (local $rest i32) (local $split i32) (local $full i64) (local $bits i64)
  (local $pending i32) (local $at i32) (local $first i64) (local $second i64) (local $packed i32)
  (local.set $bits (i64.extend_i32_u (i32.load (local.get $state))))
  (local.set $pending (i32.load offset=4 (local.get $state)))
  (local.set $at (local.get $out))
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
          (call $put (local.get $bits) (local.get $pending) (local.get $at)
            (call $literalCode (local.get $codes) (local.get $value)))
          (local.set $at)
          (local.set $pending)
          (local.set $bits)
          (br $token)))
      (local.set $rows (i32.const 0))
      (local.set $distance (i32.sub (local.get $value) (i32.const 1)))
      ;; A run of zero rows: each row's match is its zeros but the first, at distance 1.
      (if (i32.ge_u (local.get $value) (i32.const 256))
        (then
          (local.set $rows (i32.add (i32.shr_u (local.get $value) (i32.const 9)) (i32.const 1)))
          (local.set $distance (i32.const 0))
          (local.set $length (i32.sub (local.get $length) (i32.const 1)))
          ;; Every row of the run is the same symbols: packed once, put once or twice a row.
          (call $rowPatterns (local.get $codes) (i32.and (local.get $value) (i32.const 255))
            (local.get $length))
          (local.set $packed)
          (local.set $second)
          (local.set $first)
          (if (local.get $packed)
            (then
              (loop $same
                (call $put (local.get $bits) (local.get $pending) (local.get $at)
                  (local.get $first))
                (local.set $at)
                (local.set $pending)
                (local.set $bits)
                (if (i64.ne (local.get $second) (i64.const 0))
                  (then
                    (call $put (local.get $bits) (local.get $pending) (local.get $at)
                      (local.get $second))
                    (local.set $at)
                    (local.set $pending)
                    (local.set $bits)))
                (br_if $same
                  (i32.gt_s (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))
                    (i32.const 0))))
              (br $token)))))
      (local.set $full
        (call $matchPiece (local.get $codes) (i32.const 258) (local.get $distance)))
      (loop $row
        (if (local.get $rows)
          (then
            ;; The row's filter type and its first zero, as literals.
            (call $put (local.get $bits) (local.get $pending) (local.get $at)
              (call $twoLiterals (local.get $codes) (i32.and (local.get $value) (i32.const 255))))
            (local.set $at)
            (local.set $pending)
            (local.set $bits)))
        (local.set $fulls (i32.div_u (local.get $length) (i32.const 258)))
        (local.set $rest
          (i32.sub (local.get $length) (i32.mul (local.get $fulls) (i32.const 258))))
        (local.set $split (i32.const 0))
        ;; 258 + 1 or 2 bytes: 256 or 257, then 3.
        (if (i32.and
              (i32.ne (local.get $rest) (i32.const 0))
              (i32.lt_u (local.get $rest) (i32.const 3)))
          (then
            (local.set $fulls (i32.sub (local.get $fulls) (i32.const 1)))
            (local.set $split (i32.add (local.get $rest) (i32.const 255)))
            (local.set $rest (i32.const 3))))
        (block $pieces
          (loop $piece
            (call $put (local.get $bits) (local.get $pending) (local.get $at)
              (if (result i64) (local.get $split)
                (then
                  (call $matchPiece (local.get $codes) (local.get $split) (local.get $distance))
                  (local.set $split (i32.const 0)))
                (else
                  (if (result i64) (local.get $rest)
                    (then
                      (call $matchPiece
                        (local.get $codes) (local.get $rest) (local.get $distance))
                      (local.set $rest (i32.const 0)))
                    (else
                      (br_if $pieces (i32.eqz (local.get $fulls)))
                      (local.set $fulls (i32.sub (local.get $fulls) (i32.const 1)))
                      (local.get $full))))))
            (local.set $at)
            (local.set $pending)
            (local.set $bits)
            (br $piece)))
        (br_if $row
          (i32.gt_s (local.tee $rows (i32.sub (local.get $rows) (i32.const 1))) (i32.const 0))))
      (br $token)))
  (i64.store (local.get $at) (local.get $bits))
  (i32.store (local.get $state) (i32.wrap_i64 (local.get $bits)))
  (i32.store offset=4 (local.get $state) (local.get $pending))
  (local.get $at))

;; One zero row's symbols as writeSymbols writes them (its filter type $filter and a zero as
;; literals, then $length zeros at distance 1 in pieces: the split piece, the rest, the fulls),
;; packed into at most two patterns (see $put; the second 0 when one holds them all). The third
;; result is 0 when two patterns do not hold them: the row is then written piece by piece.
(func $rowPatterns (param $codes i32) (param $filter i32) (param $length i32)
  (result i64 i64 i32)
  (local $fulls i32) (local $rest i32) (local $split i32) (local $full i64) (local $piece i64)
  (local $first i64) (local $second i64)
  (local.set $full (call $matchPiece (local.get $codes) (i32.const 258) (i32.const 0)))
  (local.set $fulls (i32.div_u (local.get $length) (i32.const 258)))
  (local.set $rest (i32.sub (local.get $length) (i32.mul (local.get $fulls) (i32.const 258))))
  (if (i32.and (i32.ne (local.get $rest) (i32.const 0)) (i32.lt_u (local.get $rest) (i32.const 3)))
    (then
      (if (i32.eqz (local.get $fulls))
        (then (return (i64.const 0) (i64.const 0) (i32.const 0))))
      (local.set $fulls (i32.sub (local.get $fulls) (i32.const 1)))
      (local.set $split (i32.add (local.get $rest) (i32.const 255)))
      (local.set $rest (i32.const 3))))
  (local.set $first (call $twoLiterals (local.get $codes) (local.get $filter)))
  (block $pieces
    (loop $next
      (if (local.get $split)
        (then
          (local.set $piece (call $matchPiece (local.get $codes) (local.get $split) (i32.const 0)))
          (local.set $split (i32.const 0)))
        (else
          (if (local.get $rest)
            (then
              (local.set $piece
                (call $matchPiece (local.get $codes) (local.get $rest) (i32.const 0)))
              (local.set $rest (i32.const 0)))
            (else
              (br_if $pieces (i32.eqz (local.get $fulls)))
              (local.set $fulls (i32.sub (local.get $fulls) (i32.const 1)))
              (local.set $piece (local.get $full))))))
      (if (i64.eqz (local.get $second))
        (then
          (if (call $fits (local.get $first) (local.get $piece))
            (then (local.set $first (call $joined (local.get $first) (local.get $piece))))
            (else (local.set $second (local.get $piece)))))
        (else
          (if (call $fits (local.get $second) (local.get $piece))
            (then (local.set $second (call $joined (local.get $second) (local.get $piece))))
            (else (return (i64.const 0) (i64.const 0) (i32.const 0))))))
      (br $next)))
  (local.get $first)
  (local.get $second)
  (i32.const 1))

;; Whether patterns $a and $b (see $put) fit one pattern of 56 bits.
(func $fits (param $a i64) (param $b i64) (result i32)
  (i64.le_u
    (i64.add (i64.shr_u (local.get $a) (i64.const 56)) (i64.shr_u (local.get $b) (i64.const 56)))
    (i64.const 56)))

;; Pattern $a, then $b, as one pattern (they fit: see $fits).
(func $joined (param $a i64) (param $b i64) (result i64)
  (local $n i64)
  (local.set $n (i64.shr_u (local.get $a) (i64.const 56)))
  (i64.or
    (i64.or
      (i64.and (local.get $a) (i64.const 0x00ffffffffffffff))
      (i64.shl (i64.and (local.get $b) (i64.const 0x00ffffffffffffff)) (local.get $n)))
    (i64.shl (i64.add (local.get $n) (i64.shr_u (local.get $b) (i64.const 56))) (i64.const 56))))

;; Counts the symbols of a block's $count tokens (as writeSymbols takes them) into the u32
;; counts of the literal/length symbols at $literals and of the distance codes at $distances,
;; as `countSymbols` in lib/flate/_deflate_block.ts does; the match lengths' codes are at
;; $codes + 960, as writeSymbols has them.
(func (export "countSymbols")
  (param $lengths i32) (param $values i32) (param $count i32) (param $codes i32)
  (param $literals i32) (param $distances i32)
  (local $t i32) (local $length i32) (local $value i32) (local $times i32) (local $fulls i32)
  (local $rest i32) (local $distance i32)
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
      (local.set $fulls (i32.div_u (local.get $length) (i32.const 258)))
      (local.set $rest (i32.sub (local.get $length) (i32.mul (local.get $fulls) (i32.const 258))))
      (if (i32.and
            (i32.ne (local.get $rest) (i32.const 0))
            (i32.lt_u (local.get $rest) (i32.const 3)))
        (then
          (local.set $fulls (i32.sub (local.get $fulls) (i32.const 1)))
          (call $countPiece (local.get $codes) (local.get $literals) (local.get $distances)
            (i32.add (local.get $rest) (i32.const 255)) (local.get $distance) (local.get $times))
          (local.set $rest (i32.const 3))))
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
