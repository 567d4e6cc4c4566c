/** Props of {@link ProgressBar}. */
export interface ProgressBarProps {
  /** What is being done, e.g. "Encrypting your accounts". */
  label: string;
  /** 0–1. */
  fraction: number;
}

/** A determinate progress bar with its percentage as text, for work that takes seconds. */
export function ProgressBar({ label, fraction }: ProgressBarProps) {
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div class="progress">
      <progress max={100} value={percent} aria-label={label} />
      <span class="hint" aria-hidden="true">
        {percent}%
      </span>
    </div>
  );
}
