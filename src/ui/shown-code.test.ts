import { accountView as view } from '../../test/support/account-view';
import { NEXT_CODE_SECONDS, sameShownCode, shownCode } from './shown-code';

describe('shownCode', () => {
  // Received 20 s into the step that ends at 60 s, with the next step's code.
  const sent = view({ code: '111111', nextCode: '222222', validUntilMs: 60_000 });

  it('shows the code, then the next one beside it in the last seconds', () => {
    const first = { code: '111111', slot: 0, stale: false };
    expect(shownCode(sent, 50_000)).toEqual({ ...first, next: undefined });
    const last = 60_000 - NEXT_CODE_SECONDS * 1000;
    expect(shownCode(sent, last - 1)).toEqual({ ...first, next: undefined });
    expect(shownCode(sent, last)).toEqual({ ...first, next: '222222' });
    expect(shownCode(sent, 59_999)).toEqual({ ...first, next: '222222' });
  });

  it('switches to the next code at the boundary, and fades it once that expires too', () => {
    // The next step's code takes the other place; no code after it is known.
    const second = { code: '222222', next: undefined, slot: 1 };
    expect(shownCode(sent, 60_000)).toEqual({ ...second, stale: false });
    // Nothing is previewed in its last seconds.
    expect(shownCode(sent, 88_000)).toEqual({ ...second, stale: false });
    expect(shownCode(sent, 90_000)).toEqual({ ...second, stale: true });
  });

  it('fades a code without a next one once it expires', () => {
    const alone = view({ code: '111111', validUntilMs: 60_000 });
    expect(shownCode(alone, 59_999).stale).toBe(false);
    expect(shownCode(alone, 60_000)).toEqual({
      code: '111111',
      next: undefined,
      slot: 0,
      stale: true,
    });
  });

  it('shows an HOTP code as it is, at any time', () => {
    const hotp = view({ type: 'hotp', code: '333333' });
    const shown = { code: '333333', next: undefined, slot: 0, stale: false };
    expect(shownCode(hotp, 0)).toEqual(shown);
    expect(shownCode(hotp, 1e13)).toEqual(shown);
  });

  it('switches a Steam code the same way', () => {
    const steam = view({ type: 'steam', code: 'B4KXR', nextCode: 'QW2F9', validUntilMs: 60_000 });
    expect(shownCode(steam, 57_000).next).toBe('QW2F9');
    expect(shownCode(steam, 60_000)).toMatchObject({ code: 'QW2F9', next: undefined, slot: 1 });
  });
});

describe('sameShownCode', () => {
  it('tells apart what looks different, and only that', () => {
    const shown = {
      code: '111111',
      next: undefined,
      slot: 0 as const,
      stale: false,
    };
    expect(sameShownCode(shown, { ...shown })).toBe(true);
    expect(sameShownCode(shown, { ...shown, slot: 1 })).toBe(false);
    expect(sameShownCode(shown, { ...shown, code: '222222' })).toBe(false);
    expect(sameShownCode(shown, { ...shown, next: '222222' })).toBe(false);
    expect(sameShownCode(shown, { ...shown, stale: true })).toBe(false);
  });
});
