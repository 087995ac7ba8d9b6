import type { TallyErrorData } from '../../src-shared/errors';

type Props = { error: TallyErrorData; id?: string; compact?: boolean };

/** One readable sentence, with the machine code as a small label. */
export function ErrorNotice({ error, id, compact = false }: Props) {
  return (
    <div id={id} role="alert" className={compact ? 'notice notice-error notice-compact' : 'notice notice-error'}>
      <span className="notice-message">{error.message}</span>
      <span className="code-label" title="Error code">
        {error.code}
      </span>
    </div>
  );
}
