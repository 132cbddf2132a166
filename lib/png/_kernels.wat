;; Pixel kernels of the PNG codec, in WebAssembly with 128-bit SIMD. Compiled by `deno task
;; kernels` (tools/build_kernels.ts) into `_kernels_wasm.ts`; `kernels.ts` is the TypeScript side.
;; The module is this file with each `;; @include` line replaced by that file of `_kernels/`, one
;; concept each, in this order (which is the order of the module's functions). Every buffer lives
;; in this module's memory; the caller leaves 16 spare bytes after each one, because the vector
;; loops read and write up to 15 bytes past a row's end.
(module
  (memory (export "memory") 1)

  ;; @include unfilter.wat

  ;; @include transcode.wat

  ;; @include transcode_up.wat

  ;; @include transcode_up_patch.wat

  ;; @include adler_rows.wat

  ;; @include filters.wat

  ;; @include paeth.wat

  ;; @include rgb_rows.wat

  ;; @include census.wat

  ;; @include filter_up.wat

  ;; @include deflate_tokens.wat

  ;; @include deflate_symbols.wat

  ;; @include deflate_counts.wat

  ;; @include deflate_codes.wat

  ;; @include digest_form.wat

  ;; @include convert.wat

  ;; @include pixel_runs.wat

  ;; @include labels.wat

  ;; @include label_scanlines.wat

  ;; @include byte_marks.wat

  ;; @include row_pieces.wat

  ;; @include compare.wat

  ;; @include adler32.wat
)
