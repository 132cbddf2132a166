import assert from "../_std/assert.ts";
import { KernelLoan } from "../../lib/flate/_kernel_loan.ts";
import type { RunTokenKernel } from "../../lib/flate/run_deflate.ts";

/** Stand-ins for the kernels: the loan only reads their memory and region. */
function standIn(memory = new Uint8Array(1 << 18)): RunTokenKernel {
  const none = () => 0;
  return { memory, at: 0, runTokens: none, countSymbols: none, writeSymbols: none };
}

Deno.test("KernelLoan lends kernels for one call and keeps their runs for the next loan", () => {
  const loan = new KernelLoan(16);
  const kernel = standIn();
  assert.equal(loan.lend(undefined), undefined, "nothing lent, none owned");
  const first = loan.lend(kernel);
  assert.ok(first !== undefined);
  assert.equal(loan.current, first, "the lent kernels are in use during the call");
  loan.giveBack(kernel);
  assert.equal(loan.current, undefined, "given back at the call's end");
  assert.equal(loan.lend(kernel), first, "the same kernels lent again: the same runs");
  loan.giveBack(kernel);
  const other = loan.lend(standIn());
  assert.ok(other !== undefined && other !== first, "other kernels: runs of their own");
  loan.giveBack(undefined);
  assert.equal(loan.current, other, "a call that was lent nothing gives nothing back");
});

Deno.test("KernelLoan gives lent kernels back at the end of the outer call only", () => {
  const loan = new KernelLoan(16);
  const kernel = standIn();
  const outer = loan.lend(kernel);
  assert.equal(loan.lend(kernel), outer, "a call inside the call: the same kernels");
  loan.giveBack(kernel);
  assert.equal(loan.current, outer, "still the outer call's");
  loan.giveBack(kernel);
  assert.equal(loan.current, undefined);
});

Deno.test("KernelLoan keeps a deflater's own kernels whatever a call is lent", () => {
  const own = standIn();
  const loan = new KernelLoan(16, own);
  const runs = loan.current;
  assert.ok(runs?.tokens !== undefined, "the own kernels' region holds the block's tokens");
  assert.equal(loan.lend(standIn()), runs);
  loan.giveBack(own);
  assert.equal(loan.current, runs, "never given back: they are the deflater's");
});
