;; The byte pass of the offline scan (core/_scan_bytes.ts), 16 bytes at a
;; time with WebAssembly SIMD. It finds the only places a key can be:
;; runs of key characters at least as long as the shortest key. Source
;; text is mostly short runs (words and identifiers), so the JavaScript
;; side reads a few runs per kilobyte instead of every `_` and `-`.
;;
;; Build: wat2wasm core/_scan_bytes.wat --output=- | base64 -w0
;; (tests/core/scan_bytes_test.ts checks the copy in _scan_wasm.ts).
;;
;; Memory: [0, 16) the key-character bits by low nibble, [16, 32) one bit
;; per high nibble (0 to 7; bytes from 0x80 are never key characters),
;; [32, 288) the same set as one byte per value, [1024, 1024 + 8 * 4096)
;; the runs found as (start, end) pairs; the text from 65536 on, followed
;; by 16 zero bytes that the last load may read.
(module
  (memory (export "memory") 2)
  ;; Where `runs` stopped when its output was full.
  (global $resume (export "resume") (mut i32) (i32.const 0))

  ;; One bit per byte of the 16 at $p: set for a key character.
  (func $keyBits (param $p i32) (result i32)
    (local $v v128)
    (local.set $v (v128.load (local.get $p)))
    (i8x16.bitmask
      (i8x16.ne
        (v128.and
          (i8x16.swizzle (v128.load (i32.const 0))
            (v128.and (local.get $v) (i8x16.splat (i32.const 15))))
          (i8x16.swizzle (v128.load (i32.const 16))
            (i8x16.shr_u (local.get $v) (i32.const 4))))
        (v128.const i64x2 0 0))))

  ;; Whether the byte at $p is a key character.
  (func $isKey (param $p i32) (result i32)
    (i32.load8_u offset=32 (i32.load8_u (local.get $p))))

  ;; Writes the runs of at least $n key characters in [$start, $end) from
  ;; 1024 and returns how many; it stops at 4096 with $resume saying where
  ;; to go on. A run of $n holds at least $groups = floor(($n - 7) / 8)
  ;; consecutive whole 8-byte groups counted from $start (or from just past
  ;; the last run), so only a streak of $groups full groups is looked at
  ;; byte by byte. $groups must be at least 1.
  (func (export "runs") (param $start i32) (param $end i32) (param $n i32)
      (param $groups i32) (result i32)
    (local $p i32) (local $bits i32) (local $streak i32) (local $at i32)
    (local $s i32) (local $e i32) (local $count i32)
    (local.set $p (local.get $start))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $bits (call $keyBits (local.get $p)))
        (if (i32.eq (local.get $bits) (i32.const 0xFFFF))
          (then
            (local.set $streak (i32.add (local.get $streak) (i32.const 2)))
            (local.set $at (i32.add (local.get $p) (i32.const 15))))
          (else
            ;; The low group ends or continues the streak, the high group
            ;; may start the next one.
            (local.set $streak (select
              (i32.add (local.get $streak) (i32.const 1))
              (i32.const 0)
              (i32.eq (i32.and (local.get $bits) (i32.const 0xFF))
                (i32.const 0xFF))))
            (local.set $at (i32.add (local.get $p) (i32.const 7)))
            (if (i32.lt_u (local.get $streak) (local.get $groups))
              (then
                (local.set $streak (i32.eq
                  (i32.and (local.get $bits) (i32.const 0xFF00))
                  (i32.const 0xFF00)))
                (local.set $at (i32.add (local.get $p) (i32.const 15)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br_if $next (i32.lt_u (local.get $streak) (local.get $groups)))
        ;; The byte at $at is in a long run: find its ends.
        (local.set $s (local.get $at))
        (block $left
          (loop $back
            (br_if $left (i32.le_u (local.get $s) (local.get $start)))
            (br_if $left (i32.eqz
              (call $isKey (i32.sub (local.get $s) (i32.const 1)))))
            (local.set $s (i32.sub (local.get $s) (i32.const 1)))
            (br $back)))
        (local.set $e (i32.add (local.get $at) (i32.const 1)))
        (block $right
          (loop $forward
            (br_if $right (i32.ge_u (local.get $e) (local.get $end)))
            (br_if $right (i32.eqz (call $isKey (local.get $e))))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $forward)))
        (if (i32.ge_u (i32.sub (local.get $e) (local.get $s)) (local.get $n))
          (then
            (i32.store offset=1024 (i32.shl (local.get $count) (i32.const 3))
              (local.get $s))
            (i32.store offset=1028 (i32.shl (local.get $count) (i32.const 3))
              (local.get $e))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        ;; The byte at $e ends the run: start afresh after it.
        (local.set $p (i32.add (local.get $e) (i32.const 1)))
        (local.set $streak (i32.const 0))
        (if (i32.eq (local.get $count) (i32.const 4096))
          (then
            (global.set $resume (local.get $p))
            (return (local.get $count))))
        (br $next)))
    (global.set $resume (local.get $end))
    (local.get $count))

  ;; Counts the newlines in [$start, $end).
  (func (export "lines") (param $start i32) (param $end i32) (result i32)
    (local $p i32) (local $sums v128) (local $i i32) (local $count i32)
    (local.set $p (local.get $start))
    (block $tail
      (loop $outer
        (br_if $tail (i32.gt_u (i32.add (local.get $p) (i32.const 16))
          (local.get $end)))
        ;; Each byte lane counts to at most 255 before it is added up.
        (local.set $sums (v128.const i64x2 0 0))
        (local.set $i (i32.const 0))
        (block $add
          (loop $block
            (br_if $add (i32.gt_u (i32.add (local.get $p) (i32.const 16))
              (local.get $end)))
            (br_if $add (i32.eq (local.get $i) (i32.const 255)))
            (local.set $sums (i8x16.sub (local.get $sums)
              (i8x16.eq (v128.load (local.get $p))
                (i8x16.splat (i32.const 10)))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $block)))
        (local.set $sums (i32x4.extadd_pairwise_i16x8_u
          (i16x8.extadd_pairwise_i8x16_u (local.get $sums))))
        (local.set $count (i32.add (local.get $count)
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $sums))
              (i32x4.extract_lane 1 (local.get $sums)))
            (i32.add (i32x4.extract_lane 2 (local.get $sums))
              (i32x4.extract_lane 3 (local.get $sums))))))
        (br $outer)))
    (block $done
      (loop $byte
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $count (i32.add (local.get $count)
          (i32.eq (i32.load8_u (local.get $p)) (i32.const 10))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $byte)))
    (local.get $count))
)
