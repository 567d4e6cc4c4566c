import type { AccountView } from '../../messaging';
import { secondsLeft } from '../hooks/refresh-timing';
import { useClockValue, type SecondClock } from '../hooks/second-clock';
import { t, tCount } from '../i18n';

/** Props of {@link Countdown}. */
export interface CountdownProps {
  /** Element id, so copy buttons can point at the text as their description. */
  id: string;
  clock: SecondClock;
  /**
   * The code counted down (its validity and period), as received: once it expires, its sent
   * next code's time is counted.
   */
  account: Pick<AccountView, 'type' | 'validUntilMs' | 'period' | 'nextCode'>;
  /** A ring and a number (the list's shared countdown), or a short text (a row's own). */
  ring?: boolean;
}

const RADIUS = 9;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/**
 * Seconds left for a TOTP code: a ring and a number, or "45 s", for the eye, and one plain
 * sentence for screen readers. All of it is hidden from assistive tech, which would otherwise
 * hear every tick and take it into a copy button's name; the buttons point at the sentence by
 * `id` as part of their description, which reads hidden text. It alone re-renders each second.
 * The ring is drawn with SVG attributes, not inline styles, to stay within the page CSP.
 */
export function Countdown({ id, clock, account, ring }: CountdownProps) {
  const left = useClockValue(clock, (at) => secondsLeft(account, at, 0) ?? 0);
  const fraction = account.period > 0 ? left / account.period : 0;
  return (
    <span
      class={left <= 5 ? 'countdown countdown-urgent' : 'countdown'}
      data-testid={ring ? 'countdown' : 'row-countdown'}
      data-seconds-left={left}
      aria-hidden="true"
    >
      {ring ? (
        <>
          <svg class="countdown-ring" viewBox="0 0 24 24" focusable="false">
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
          <span class="countdown-number">{left}</span>
        </>
      ) : (
        <span class="countdown-text">{t('countdownShort', left)}</span>
      )}
      <span class="sr-only" id={id}>
        {tCount(left, 'countdownOne', 'countdownOther')}
      </span>
    </span>
  );
}
