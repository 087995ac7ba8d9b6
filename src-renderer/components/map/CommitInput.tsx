import { useState, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'defaultValue'> & {
  value: string;
  /** Called once per edit: on Enter or when the field loses focus, not on every key. */
  onCommit: (text: string) => void;
  multiline?: boolean;
};

/**
 * A text field that edits locally and commits once, so one edit is one undo step. When `value`
 * changes from outside (undo, redo, another row), the field shows the new value.
 */
export function CommitInput({ value, onCommit, multiline = false, ...rest }: Props) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  const commit = (): void => {
    if (text !== value) onCommit(text);
  };
  if (multiline) {
    const { id, placeholder, disabled, className } = rest;
    return (
      <textarea
        id={id}
        placeholder={placeholder}
        disabled={disabled}
        className={className}
        aria-invalid={rest['aria-invalid']}
        aria-describedby={rest['aria-describedby']}
        rows={2}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) commit();
          if (event.key === 'Escape') setText(value);
        }}
      />
    );
  }
  return (
    <input
      {...rest}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          commit();
        }
        if (event.key === 'Escape') setText(value);
      }}
    />
  );
}
