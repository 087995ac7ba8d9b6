/** Reading dates and times out of text by character position, for the paths that see millions of values. */

/** Days in each month; February has 29 in a leap year (validDate checks). */
const monthDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number spelled by `count` digits at `start`, or -1 when one of them is not a digit. */
export function digitsAt(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i += 1) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Whether the day exists in the proleptic Gregorian calendar (year ≥ 1). */
export function validDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && !leap ? 28 : (monthDays[month - 1] ?? 0));
}
