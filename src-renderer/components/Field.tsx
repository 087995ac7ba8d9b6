import type { ReactNode } from 'react';

type Props = {
  id: string;
  label: string;
  hint?: ReactNode;
  /** The error sentence about this field, shown under it. */
  error?: string | null;
  wide?: boolean;
  children: ReactNode;
};

/** A labelled form row; the control inside must carry the same `id`. */
export function Field({ id, label, hint, error, wide = false, children }: Props) {
  return (
    <div className={wide ? 'field field-wide' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <div className="field-error" id={`${id}-error`}>
          {error}
        </div>
      ) : hint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

/** The aria-describedby for a control rendered inside `Field`. */
export function describedBy(id: string, error: string | null | undefined, hint: unknown): string | undefined {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}
