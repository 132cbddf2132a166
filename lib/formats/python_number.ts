/**
 * Prints a number as Python's `str()` prints a `float`: the shortest decimal that reads back as
 * the same double, with Python's layout (the export formats spec, "Printing numbers as Python
 * does"): an integral value keeps `.0`, and scientific notation is used when the decimal exponent
 * is below -4 or at least 16, with a sign and at least two exponent digits.
 *
 * @param value A finite number.
 * @returns Its text, e.g. `"1.0"`, `"0.35"`, `"5e-05"`, `"1.5e+16"`.
 *
 * @example
 * ```ts
 * import { pythonFloat } from "@lab/masks/formats";
 *
 * console.log(pythonFloat(1), pythonFloat(0.00005), pythonFloat(1.5e16)); // "1.0" "5e-05" "1.5e+16"
 * ```
 */
export function pythonFloat(value: number): string {
  // From 1e-4 to 1e16 both print the shortest digits that read back, in fixed notation; Python
  // adds ".0" to a whole number. Every coordinate of a polygon normalized by its image comes here.
  const size = Math.abs(value);
  if (size >= 1e-4 && size < 1e16) {
    const text = String(value);
    return Number.isInteger(value) ? `${text}.0` : text;
  }
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
  const [mantissa, exponentText] = value.toExponential().split("e");
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  // The digits d0.d1d2... times 10^exponent, written out in fixed notation.
  const point = exponent + 1;
  let text: string;
  if (point <= 0) text = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) text = `${digits}${"0".repeat(point - digits.length)}.0`;
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${text}` : text;
}

/**
 * Prints a number read from the lab's JSON as Python prints it after `json.load`: an integral
 * value was written without `.` by the API, so Python reads it as an `int` and prints its digits;
 * any other value is a `float` ({@linkcode pythonFloat}).
 *
 * @param value A finite number from a JSON document.
 * @returns Its text, e.g. `"1"`, `"0.25"`.
 *
 * @example
 * ```ts
 * import { pythonNumber } from "@lab/masks/formats";
 *
 * console.log(pythonNumber(1), pythonNumber(0.25)); // "1" "0.25"
 * ```
 */
export function pythonNumber(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : pythonFloat(value);
}
