import { checkPassphrase, MIN_PASSPHRASE_LENGTH } from './passphrase-policy';

describe('checkPassphrase', () => {
  it('accepts a short sentence or a few words', () => {
    expect(checkPassphrase('correct horse battery')).toEqual({ ok: true });
    expect(checkPassphrase('Tr0ub4dor&3x')).toEqual({ ok: true });
  });

  it('refuses anything shorter than 12 characters, with a reason a person can act on', () => {
    expect(MIN_PASSPHRASE_LENGTH).toBe(12);
    const verdict = checkPassphrase('hunter2abcd');
    expect(verdict).toMatchObject({ ok: false, problem: 'too-short' });
    expect(!verdict.ok && verdict.message).toMatch(/at least 12 characters/);
    expect(checkPassphrase('')).toMatchObject({ ok: false, problem: 'too-short' });
  });

  it('counts characters, not UTF-16 units or decomposed accents', () => {
    // 6 emoji are 12 UTF-16 units but 6 characters.
    const emoji = '\u{1F511}\u{1F510}\u{1F512}\u{1F513}\u{1F50F}\u{1F5C4}';
    expect(emoji.length).toBe(12);
    expect(checkPassphrase(emoji)).toMatchObject({ problem: 'too-short' });
    // 11 characters once composed, though 12 code units decomposed.
    expect(checkPassphrase('cafe\u0301 olé ab')).toMatchObject({ problem: 'too-short' });
  });

  it('refuses long but repetitive input', () => {
    for (const p of ['aaaaaaaaaaaaaaaa', '121212121212', 'abcdabcdabcd']) {
      expect(checkPassphrase(p)).toMatchObject({ ok: false, problem: 'too-repetitive' });
    }
  });
});
