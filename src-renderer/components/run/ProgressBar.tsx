type Props = {
  /** 0–1, or null while the total is unknown (the bar then moves without a value). */
  fraction: number | null;
  label: string;
  tone?: 'running' | 'paused' | 'done' | 'failed';
};

/** A thin bar with its value for assistive technology; indeterminate when the total is unknown. */
export function ProgressBar({ fraction, label, tone = 'running' }: Props) {
  const percent = fraction === null ? null : Math.round(fraction * 1000) / 10;
  return (
    <div
      className={`progress progress-${tone}${percent === null ? ' progress-unknown' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
    >
      <div className="progress-fill" style={percent === null ? undefined : { width: `${percent}%` }} />
    </div>
  );
}
