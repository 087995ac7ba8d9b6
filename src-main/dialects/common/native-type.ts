/** Splits a declared native type such as `NUMERIC(10, 2)` or `character varying(40)` into parts. */
export type NativeTypeParts = {
  /** Lower-case base name with inner whitespace collapsed: `numeric`, `character varying`. */
  base: string;
  /** Numeric arguments in parentheses; `max` and other words are kept as undefined. */
  args: (number | undefined)[];
  /** Anything after the parentheses, lower case (e.g. `unsigned`, `with time zone`). */
  suffix: string;
};

export function parseNativeType(nativeType: string): NativeTypeParts {
  const text = nativeType.trim().toLowerCase().replace(/\s+/g, ' ');
  const match = /^([^(]*)\s*(?:\(([^)]*)\))?\s*(.*)$/.exec(text);
  const base = (match?.[1] ?? text).trim();
  const args = match?.[2]
    ? match[2].split(',').map((part) => {
        const n = Number(part.trim());
        return Number.isFinite(n) && part.trim() !== '' ? n : undefined;
      })
    : [];
  return { base, args, suffix: (match?.[3] ?? '').trim() };
}
