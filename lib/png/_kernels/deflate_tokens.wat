;; The run-length deflater's tokens, and the zero bytes it skips.

;; The position of the first nonzero byte in [$ptr, $end), or $end: the run-length deflater
;; skips the zero bytes of Up-filtered mask rows 64 at a time. Reads nothing past $end.
(func $skipZeros (export "skipZeros") (param $ptr i32) (param $end i32) (result i32)
  (block $wide
    (loop $four
      (br_if $wide (i32.gt_u (i32.add (local.get $ptr) (i32.const 64)) (local.get $end)))
      (br_if $wide
        (v128.any_true
          (v128.or
            (v128.or (v128.load (local.get $ptr)) (v128.load offset=16 (local.get $ptr)))
            (v128.or (v128.load offset=32 (local.get $ptr)) (v128.load offset=48 (local.get $ptr))))))
      (local.set $ptr (i32.add (local.get $ptr) (i32.const 64)))
      (br $four)))
  (block $narrow
    (loop $one
      (br_if $narrow (i32.gt_u (i32.add (local.get $ptr) (i32.const 16)) (local.get $end)))
      (br_if $narrow (v128.any_true (v128.load (local.get $ptr))))
      (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
      (br $one)))
  (block $found
    (loop $byte
      (br_if $found (i32.ge_u (local.get $ptr) (local.get $end)))
      (br_if $found (i32.load8_u (local.get $ptr)))
      (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
      (br $byte)))
  (local.get $ptr))

;; The run-length deflater's tokens for the bytes at [$from, $to): what `RunDeflate.write`
;; (lib/flate/run_deflate.ts) finds there in TypeScript, without a call per run of zeros. At
;; each byte: a zero after a zero starts a run of zeros (one match at distance 1, or literal
;; zeros when under 3); else the longer run (3 to 258 bytes) repeating the byte before or the
;; byte $pixel before, or a literal. $state holds the stream, read and updated: Adler-32's a
;; (i32 at +0) and b (+4), how many bytes were taken before, at most 3 (+8), the last three
;; bytes taken, latest first (+12 to +14), and, unless +28 is 0, a cursor in the bytes'
;; canonical form (see $formSkip) that finds their zeros without reading them. Token k's
;; length goes to $lengths + 4k (u32) and its value to $values + 2k (u16), as in
;; `DeflateTokens`. Stops once at least $room tokens are written (a run of one or two zeros
;; writes two tokens: room for $room + 1) or the bytes end; returns the position reached, the
;; tokens' count at $state + 16. The three bytes before $from ($from >= 3) hold the last bytes
;; taken while it works and are put back.
(func (export "runTokens")
  (param $from i32) (param $to i32) (param $pixel i32) (param $state i32)
  (param $lengths i32) (param $values i32) (param $room i32) (result i32)
  (local $i i32) (local $a i32) (local $b i32) (local $taken i32) (local $count i32)
  (local $byte i32) (local $end i32) (local $one i32) (local $three i32) (local $length i32)
  (local $max i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
  (local.set $a (i32.load (local.get $state)))
  (local.set $b (i32.load offset=4 (local.get $state)))
  (local.set $taken (i32.load offset=8 (local.get $state)))
  (local.set $s1 (i32.load8_u (i32.sub (local.get $from) (i32.const 1))))
  (local.set $s2 (i32.load8_u (i32.sub (local.get $from) (i32.const 2))))
  (local.set $s3 (i32.load8_u (i32.sub (local.get $from) (i32.const 3))))
  (i32.store8 (i32.sub (local.get $from) (i32.const 1))
    (i32.load8_u offset=12 (local.get $state)))
  (i32.store8 (i32.sub (local.get $from) (i32.const 2))
    (i32.load8_u offset=13 (local.get $state)))
  (i32.store8 (i32.sub (local.get $from) (i32.const 3))
    (i32.load8_u offset=14 (local.get $state)))
  (local.set $i (local.get $from))
  (block $done
    (loop $step
      (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
      (br_if $done (i32.ge_u (local.get $count) (local.get $room)))
      (local.set $byte (i32.load8_u (local.get $i)))
      (if (i32.and
            (i32.eqz
              (i32.or (local.get $byte) (i32.load8_u (i32.sub (local.get $i) (i32.const 1)))))
            (i32.ne (local.get $taken) (i32.const 0)))
        (then
          (local.set $end
            (if (result i32) (i32.load offset=28 (local.get $state))
              (then (call $formSkip (local.get $i) (local.get $to) (local.get $state)))
              (else (call $skipZeros (local.get $i) (local.get $to)))))
          (local.set $length (i32.sub (local.get $end) (local.get $i)))
          (local.set $b
            (i32.wrap_i64
              (i64.rem_u
                (i64.add
                  (i64.extend_i32_u (local.get $b))
                  (i64.mul
                    (i64.extend_i32_u (local.get $length)) (i64.extend_i32_u (local.get $a))))
                (i64.const 65521))))
          (local.set $taken (i32.add (local.get $taken) (local.get $length)))
          (local.set $i (local.get $end))
          (if (i32.ge_u (local.get $length) (i32.const 3))
            (then
              (local.set $count
                (call $token (local.get $lengths) (local.get $values) (local.get $count)
                  (local.get $length) (i32.const 1)))
              (br $step)))
          (local.set $count
            (call $token (local.get $lengths) (local.get $values) (local.get $count)
              (i32.const 0) (i32.const 0)))
          (if (i32.eq (local.get $length) (i32.const 2))
            (then
              (local.set $count
                (call $token (local.get $lengths) (local.get $values) (local.get $count)
                  (i32.const 0) (i32.const 0)))))
          (br $step)))
      (local.set $max (i32.sub (local.get $to) (local.get $i)))
      (if (i32.gt_u (local.get $max) (i32.const 258)) (then (local.set $max (i32.const 258))))
      (local.set $one (i32.const 0))
      (if (i32.and
            (i32.ne (local.get $taken) (i32.const 0))
            (i32.eq (local.get $byte) (i32.load8_u (i32.sub (local.get $i) (i32.const 1)))))
        (then (local.set $one (call $runLength (local.get $i) (local.get $max) (i32.const 1)))))
      (local.set $three (i32.const 0))
      (if (i32.and
            (i32.and
              (i32.gt_u (local.get $pixel) (i32.const 1))
              (i32.ge_u (local.get $taken) (local.get $pixel)))
            (i32.eq
              (local.get $byte)
              (i32.load8_u (i32.sub (local.get $i) (local.get $pixel)))))
        (then
          (local.set $three
            (call $runLength (local.get $i) (local.get $max) (local.get $pixel)))))
      (if (i32.and
            (i32.lt_u (local.get $one) (i32.const 3))
            (i32.lt_u (local.get $three) (i32.const 3)))
        (then
          (local.set $a (i32.rem_u (i32.add (local.get $a) (local.get $byte)) (i32.const 65521)))
          (local.set $b (i32.rem_u (i32.add (local.get $b) (local.get $a)) (i32.const 65521)))
          (local.set $taken (i32.add (local.get $taken) (i32.const 1)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (local.set $count
            (call $token (local.get $lengths) (local.get $values) (local.get $count)
              (i32.const 0) (local.get $byte)))
          (br $step)))
      (local.set $length
        (select (local.get $one) (local.get $three)
          (i32.ge_u (local.get $one) (local.get $three))))
      (local.set $count
        (call $token (local.get $lengths) (local.get $values) (local.get $count)
          (local.get $length)
          (select (i32.const 1) (local.get $pixel)
            (i32.ge_u (local.get $one) (local.get $three)))))
      ;; At most 258 bytes: a and b stay far below 2^31 until reduced once at the run's end.
      (local.set $end (i32.add (local.get $i) (local.get $length)))
      (block $summed
        (loop $sum
          (br_if $summed (i32.ge_u (local.get $i) (local.get $end)))
          (local.set $a (i32.add (local.get $a) (i32.load8_u (local.get $i))))
          (local.set $b (i32.add (local.get $b) (local.get $a)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $sum)))
      (local.set $a (i32.rem_u (local.get $a) (i32.const 65521)))
      (local.set $b (i32.rem_u (local.get $b) (i32.const 65521)))
      (local.set $taken (i32.add (local.get $taken) (local.get $length)))
      (br $step)))
  (i32.store (local.get $state) (local.get $a))
  (i32.store offset=4 (local.get $state) (local.get $b))
  (i32.store offset=16 (local.get $state) (local.get $count))
  (i32.store8 offset=12 (local.get $state) (i32.load8_u (i32.sub (local.get $i) (i32.const 1))))
  (i32.store8 offset=13 (local.get $state) (i32.load8_u (i32.sub (local.get $i) (i32.const 2))))
  (i32.store8 offset=14 (local.get $state) (i32.load8_u (i32.sub (local.get $i) (i32.const 3))))
  (i32.store8 (i32.sub (local.get $from) (i32.const 1)) (local.get $s1))
  (i32.store8 (i32.sub (local.get $from) (i32.const 2)) (local.get $s2))
  (i32.store8 (i32.sub (local.get $from) (i32.const 3)) (local.get $s3))
  (local.get $i))

;; The first nonzero byte in [$i, $to) of Up-filtered scanlines whose canonical form (see
;; digestPieces) is known, reading only the filter-type bytes and the bytes under pieces. The
;; cursor, moved on: the form's next entry at $state + 20, the row it is in (its first byte
;; after the filter type) at +24, the rows' bytes at +28; the row holds $i or is before it.
(func $formSkip (param $i i32) (param $to i32) (param $state i32) (result i32)
  (local $fp i32) (local $row i32) (local $n i32) (local $k i32) (local $start i32)
  (local $end i32)
  (local.set $fp (i32.load offset=20 (local.get $state)))
  (local.set $row (i32.load offset=24 (local.get $state)))
  (local.set $n (i32.load offset=28 (local.get $state)))
  (block $found
    (loop $next
      (br_if $found (i32.ge_u (local.get $i) (local.get $to)))
      ;; Past the row's end: its other pieces and its end are passed.
      (if (i32.ge_u (local.get $i) (i32.add (local.get $row) (local.get $n)))
        (then
          (block $ended
            (loop $entry
              (local.set $k (i32.load (local.get $fp)))
              (br_if $ended (i32.eqz (local.get $k)))
              (local.set $fp (call $entryEnd (local.get $fp) (local.get $k) (local.get $n)))
              (br $entry)))
          (local.set $fp (i32.add (local.get $fp) (i32.const 4)))
          (local.set $row (i32.add (local.get $row) (i32.add (local.get $n) (i32.const 1))))
          (br $next)))
      ;; The filter-type byte before the row.
      (if (i32.lt_u (local.get $i) (local.get $row))
        (then
          (br_if $found (i32.load8_u (local.get $i)))
          (local.set $i (local.get $row))
          (br $next)))
      (local.set $k (i32.load (local.get $fp)))
      ;; No piece left: zeros up to the next row's filter-type byte.
      (if (i32.eqz (local.get $k))
        (then
          (local.set $i (i32.add (local.get $row) (local.get $n)))
          (br $next)))
      (local.set $start
        (i32.add (local.get $row) (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 4))))
      (local.set $end (i32.add (local.get $start) (i32.const 16)))
      (if (i32.gt_u (local.get $end) (i32.add (local.get $row) (local.get $n)))
        (then (local.set $end (i32.add (local.get $row) (local.get $n)))))
      (if (i32.lt_u (local.get $i) (local.get $start)) (then (local.set $i (local.get $start))))
      (block $passed
        (loop $byte
          (br_if $passed (i32.ge_u (local.get $i) (local.get $end)))
          (br_if $found (i32.ge_u (local.get $i) (local.get $to)))
          (br_if $found (i32.load8_u (local.get $i)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $byte)))
      (local.set $fp (call $entryEnd (local.get $fp) (local.get $k) (local.get $n)))
      (br $next)))
  (i32.store offset=20 (local.get $state) (local.get $fp))
  (i32.store offset=24 (local.get $state) (local.get $row))
  (select (local.get $to) (local.get $i) (i32.gt_u (local.get $i) (local.get $to))))

;; The end of the form's entry at $fp, piece $k of a row of $n bytes: 16 bytes and its number,
;; or fewer bytes for the row's last, shorter piece.
(func $entryEnd (param $fp i32) (param $k i32) (param $n i32) (result i32)
  (local $left i32)
  (local.set $left
    (i32.sub (local.get $n) (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 4))))
  (i32.add (local.get $fp)
    (i32.add (i32.const 4)
      (select (i32.const 16) (local.get $left) (i32.ge_u (local.get $left) (i32.const 16))))))
