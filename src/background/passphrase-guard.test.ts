import { fakeBrowser } from 'wxt/testing/fake-browser';
import { VaultError } from '../vault';
import {
  FREE_ATTEMPTS,
  MAX_WAIT_MS,
  createPassphraseGuard,
  waitAfterFailures,
} from './passphrase-guard';

let clock = 1_000_000;
const now = () => clock;
const wrong = () => Promise.reject(new VaultError('wrong-passphrase'));
const right = () => Promise.resolve('opened');

beforeEach(() => {
  fakeBrowser.reset();
  clock = 1_000_000;
});

async function codeOf(run: Promise<unknown>): Promise<string> {
  return run.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? 'unknown',
  );
}

describe('passphrase guard', () => {
  it('lets a few wrong passphrases through, then makes every next try wait longer', async () => {
    const guard = createPassphraseGuard({ local: fakeBrowser.storage.local, now });
    for (let i = 0; i < FREE_ATTEMPTS; i += 1) {
      expect(await codeOf(guard.check(wrong))).toBe('wrong-passphrase');
    }
    // Even the right passphrase waits now: the guard cannot know it is right without trying.
    expect(await codeOf(guard.check(right))).toBe('passphrase-throttled');
    clock += waitAfterFailures(FREE_ATTEMPTS) - 1;
    expect(await codeOf(guard.check(right))).toBe('passphrase-throttled');
    clock += 1;
    expect(await codeOf(guard.check(wrong))).toBe('wrong-passphrase');
    expect(waitAfterFailures(FREE_ATTEMPTS + 1)).toBe(2 * waitAfterFailures(FREE_ATTEMPTS));
    clock += waitAfterFailures(FREE_ATTEMPTS);
    expect(await codeOf(guard.check(right))).toBe('passphrase-throttled');
    clock += waitAfterFailures(FREE_ATTEMPTS);
    expect(await codeOf(guard.check(right))).toBe('ok');
    // A right passphrase starts the count again.
    expect(await codeOf(guard.check(wrong))).toBe('wrong-passphrase');
    expect(await codeOf(guard.check(right))).toBe('ok');
  });

  it('keeps counting across a restarted worker, and parallel guesses wait their turn', async () => {
    const first = createPassphraseGuard({ local: fakeBrowser.storage.local, now });
    const guesses = Array.from({ length: FREE_ATTEMPTS + 5 }, () => codeOf(first.check(wrong)));
    const codes = await Promise.all(guesses);
    expect(codes.filter((c) => c === 'wrong-passphrase')).toHaveLength(FREE_ATTEMPTS);
    expect(codes.filter((c) => c === 'passphrase-throttled')).toHaveLength(5);

    const restarted = createPassphraseGuard({ local: fakeBrowser.storage.local, now });
    expect(await codeOf(restarted.check(right))).toBe('passphrase-throttled');
  });

  it('never waits longer than the cap, and a clock set back does not lock for good', async () => {
    expect(waitAfterFailures(1_000)).toBe(MAX_WAIT_MS);
    const guard = createPassphraseGuard({ local: fakeBrowser.storage.local, now });
    for (let i = 0; i < FREE_ATTEMPTS; i += 1) await codeOf(guard.check(wrong));
    clock -= 24 * 3600_000;
    expect(await codeOf(guard.check(right))).toBe('ok');
  });

  it('counts only wrong passphrases, not other failures', async () => {
    const guard = createPassphraseGuard({ local: fakeBrowser.storage.local, now });
    const weak = () => Promise.reject(new VaultError('passphrase-weak'));
    for (let i = 0; i < FREE_ATTEMPTS + 2; i += 1) {
      expect(await codeOf(guard.check(weak))).toBe('passphrase-weak');
    }
    expect(await codeOf(guard.check(right))).toBe('ok');
  });
});
