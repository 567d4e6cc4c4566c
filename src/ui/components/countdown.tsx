import { tCount } from '../i18n';
/** Props of {@link Countdown}. */
export interface CountdownProps {
  /** Element id, so the row's copy button can point at the text as its description. */
  id: string;
  secondsLeft: number;
  period: number;
}

const RADIUS = 9;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/**
 * Seconds left for a TOTP code: a ring and a number for the eye and one plain sentence for
 * screen readers. All of it is hidden from assistive tech, which would otherwise hear every
 * tick and take it into the copy button's name; the button points at the sentence by `id` as
 * part of its description, which reads hidden text.
 * The ring is drawn with SVG attributes, not inline styles, to stay within the page CSP.
 */
export function Countdown({ id, secondsLeft, period }: CountdownProps) {
  const fraction = period > 0 ? secondsLeft / period : 0;
  const urgent = secondsLeft <= 5;
  return (
    <span
      class={urgent ? 'countdown countdown-urgent' : 'countdown'}
      data-testid="countdown"
      data-seconds-left={secondsLeft}
      aria-hidden="true"
    >
      <svg class="countdown-ring" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle class="countdown-track" cx="12" cy="12" r={RADIUS} />
        <circle
          class="countdown-arc"
          cx="12"
          cy="12"
          r={RADIUS}
          stroke-dasharray={CIRCUMFERENCE.toFixed(2)}
          stroke-dashoffset={(CIRCUMFERENCE * (1 - fraction)).toFixed(2)}
          transform="rotate(-90 12 12)"
        />
      </svg>
      <span class="countdown-number" aria-hidden="true">
        {secondsLeft}
      </span>
      <span class="sr-only" id={id}>
        {tCount(secondsLeft, 'countdownOne', 'countdownOther')}
      </span>
    </span>
  );
}
