;; The run-length deflater's tokens as a deflate block's symbols, written.

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
        (call $cut (local.get $length))
        (local.set $split)
        (local.set $rest)
        (local.set $fulls)
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
  (call $cut (local.get $length))
  (local.set $split)
  (local.set $rest)
  (local.set $fulls)
  ;; Fewer than 3 bytes: no match of them (the deflater writes such rows as literals).
  (if (i32.lt_s (local.get $fulls) (i32.const 0))
    (then (return (i64.const 0) (i64.const 0) (i32.const 0))))
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
