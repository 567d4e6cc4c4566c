import { vi } from 'vitest';
import { KeyfobError } from '../../shared';
import type { AccountId } from '../../shared';
import type {
  AccountStatus,
  AccountView,
  CodeListing,
  ManualAccountInput,
  MessageData,
  MessageName,
  MessageValue,
  SendMessage,
  Settings,
} from '../../messaging';
import type { OtpAlgorithm, OtpType } from '../../otp/types';

/** An account as the fake background stores it (the real one would hold a secret too). */
export interface FakeAccount {
  id: AccountId;
  issuer?: string;
  account: string;
  type: OtpType;
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
  counter: number;
  weak: boolean;
  status: AccountStatus;
  origin?: string;
}

/** Options of {@link createFakeBackground}. */
export interface FakeBackgroundOptions {
  exists?: boolean;
  unlocked?: boolean;
  passphrase?: string;
  accounts?: (Partial<FakeAccount> & { account: string })[];
  damaged?: string[];
  /** How far the background clock runs ahead of the popup's (`Date.now`). */
  clockSkewMs?: number;
  autoLockMinutes?: number;
  deviceName?: string;
  autoFillSignIn?: boolean;
  autoSubmitSetup?: boolean;
  /** Origin of the page the popup is opened over (`null`: none Keyfob may see). */
  tabOrigin?: string | null;
  /** Setup messages listCodes reports. */
  notices?: CodeListing['notices'];
}

/**
 * A stand-in deterministic "code" (not real TOTP): the UI only needs codes that change with
 * the time step or counter and that tests can predict.
 */
export function fakeCode(id: string, movingFactor: number, digits = 6): string {
  let hash = 2166136261;
  for (const char of `${id}:${movingFactor}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return String(hash % 10 ** digits).padStart(digits, '0');
}

type Handlers = { [N in MessageName]: (data: MessageData<N>) => MessageValue<N> };

/**
 * The background's side of the protocol, in memory, for component tests. `send` is a vi.fn so
 * tests can count requests; `state` is exposed so tests can check what "the background" holds.
 */
export function createFakeBackground(options: FakeBackgroundOptions = {}) {
  const state = {
    exists: options.exists ?? true,
    unlocked: options.unlocked ?? true,
    passphrase: options.passphrase ?? 'correct horse battery',
    autoLockMinutes: options.autoLockMinutes ?? 15,
    deviceName: options.deviceName ?? 'Keyfob',
    autoFillSignIn: options.autoFillSignIn ?? false,
    autoSubmitSetup: options.autoSubmitSetup ?? false,
    tabOrigin: options.tabOrigin ?? null,
    notices: options.notices ?? [],
    /** Accounts filled into the page, in order. */
    fills: [] as AccountId[],
    /** How many times "Enroll on this page" reached the page. */
    enrollments: 0,
    accounts: (options.accounts ?? []).map((account, index): FakeAccount => ({
      id: `acc-${index + 1}` as AccountId,
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      weak: false,
      status: 'verified',
      ...account,
    })),
    damaged: (options.damaged ?? []) as AccountId[],
    nextId: (options.accounts?.length ?? 0) + 1,
  };
  const backgroundNow = () => Date.now() + (options.clockSkewMs ?? 0);

  const vaultState = () => ({
    exists: state.exists,
    unlocked: state.unlocked,
    autoLockMinutes: state.autoLockMinutes,
  });

  const settings = (): Settings => ({
    autoLockMinutes: state.autoLockMinutes,
    deviceName: state.deviceName,
    autoFillSignIn: state.autoFillSignIn,
    autoSubmitSetup: state.autoSubmitSetup,
  });

  const invalidSettings = (message: string) => new KeyfobError('settings-invalid', message);

  const requireUnlocked = () => {
    if (!state.unlocked) throw new KeyfobError('vault-locked', 'The vault is locked.');
  };

  const find = (id: AccountId) => {
    const account = state.accounts.find((a) => a.id === id);
    if (!account) throw new KeyfobError('not-found', 'That account no longer exists.');
    return account;
  };

  const view = (account: FakeAccount): AccountView => {
    const { counter: _counter, ...shown } = account;
    if (account.type === 'hotp') {
      return { ...shown, code: fakeCode(account.id, account.counter, account.digits) };
    }
    const step = Math.floor(backgroundNow() / 1000 / account.period);
    return {
      ...shown,
      code: fakeCode(account.id, step, account.digits),
      validUntilMs: (step + 1) * account.period * 1000,
    };
  };

  const checkPassphrase = (passphrase: string, confirmation: string) => {
    if (passphrase.length < 8) {
      throw new KeyfobError('weak-passphrase', 'Choose a passphrase of at least 8 characters.');
    }
    if (passphrase !== confirmation) {
      throw new KeyfobError('passphrase-mismatch', 'The passphrases do not match.');
    }
  };

  const add = (input: ManualAccountInput): AccountView => {
    if (!/^[A-Z2-7]+=*$/i.test(input.secret.replace(/[\s-]/g, ''))) {
      throw new KeyfobError('invalid-secret', 'The secret is not valid base32.');
    }
    const account: FakeAccount = {
      id: `acc-${state.nextId++}` as AccountId,
      issuer: input.issuer,
      account: input.account,
      type: input.type ?? 'totp',
      algorithm: input.algorithm ?? 'SHA1',
      digits: input.digits ?? 6,
      period: input.period ?? 30,
      counter: input.counter ?? 0,
      weak: input.secret.replace(/[\s-]/g, '').length < 26,
      status: 'verified',
    };
    state.accounts.push(account);
    return view(account);
  };

  const handlers: Handlers = {
    getVaultState: () => vaultState(),
    // As the background: only verified accounts of exactly this origin, only while unlocked.
    getActiveTab: () => ({
      origin: state.tabOrigin,
      accountIds: state.unlocked
        ? state.accounts
            .filter((a) => state.tabOrigin && a.origin === state.tabOrigin)
            .filter((a) => a.status === 'verified')
            .map((a) => a.id)
        : [],
    }),
    fillActiveTab: ({ id }) => {
      requireUnlocked();
      const account = find(id);
      if (!state.tabOrigin || account.origin !== state.tabOrigin) {
        throw new KeyfobError(
          'origin-mismatch',
          'This account was set up on another site, so Keyfob will not fill it here.',
        );
      }
      state.fills.push(id);
      return { filled: true };
    },
    enrollActiveTab: () => {
      if (!state.tabOrigin || !/^https?:/.test(state.tabOrigin)) {
        throw new KeyfobError('page-unsupported', 'Keyfob can only set up accounts on web pages.');
      }
      state.enrollments += 1;
      return { started: true };
    },
    createVault: ({ passphrase, confirmation }) => {
      if (state.exists) throw new KeyfobError('vault-exists', 'A vault already exists.');
      checkPassphrase(passphrase, confirmation);
      Object.assign(state, { exists: true, unlocked: true, passphrase });
      return vaultState();
    },
    unlockVault: ({ passphrase }) => {
      if (passphrase !== state.passphrase) {
        throw new KeyfobError('wrong-passphrase', 'That passphrase is not right.');
      }
      state.unlocked = true;
      return vaultState();
    },
    lockVault: () => {
      state.unlocked = false;
      return vaultState();
    },
    changePassphrase: ({ current, next, confirmation }) => {
      requireUnlocked();
      if (current !== state.passphrase) {
        throw new KeyfobError('wrong-passphrase', 'That passphrase is not right.');
      }
      checkPassphrase(next, confirmation);
      state.passphrase = next;
      return vaultState();
    },
    listCodes: () => {
      requireUnlocked();
      return {
        accounts: state.accounts.map(view),
        damaged: state.damaged,
        nowMs: backgroundNow(),
        notices: state.notices,
      };
    },
    addAccountFromUri: ({ uri }) => {
      requireUnlocked();
      let url: URL;
      try {
        url = new URL(uri);
      } catch {
        throw new KeyfobError('invalid-uri', 'That is not an otpauth:// link.');
      }
      if (url.protocol !== 'otpauth:') {
        throw new KeyfobError('invalid-uri', 'That is not an otpauth:// link.');
      }
      const label = decodeURIComponent(url.pathname.replace(/^\//, ''));
      const [labelIssuer, name] = label.includes(':') ? label.split(':', 2) : [undefined, label];
      const secret = url.searchParams.get('secret');
      if (!secret) throw new KeyfobError('invalid-uri', 'The link has no secret.');
      return add({
        issuer: url.searchParams.get('issuer') ?? labelIssuer,
        account: (name ?? '').trim(),
        secret,
        type: url.host === 'hotp' ? 'hotp' : 'totp',
      });
    },
    addAccount: (input) => {
      requireUnlocked();
      return add(input);
    },
    updateAccount: ({ id, issuer, account }) => {
      requireUnlocked();
      const stored = find(id);
      if (issuer !== undefined) stored.issuer = issuer || undefined;
      if (account !== undefined) stored.account = account;
      return view(stored);
    },
    deleteAccount: ({ id }) => {
      requireUnlocked();
      find(id);
      state.accounts = state.accounts.filter((a) => a.id !== id);
      return { deleted: true };
    },
    nextHotpCode: ({ id }) => {
      requireUnlocked();
      const account = find(id);
      if (account.type !== 'hotp') throw new KeyfobError('not-hotp', 'Not a counter account.');
      account.counter += 1;
      return view(account);
    },
    // Settings hold nothing secret: like the background, they answer while locked too.
    getSettings: () => settings(),
    updateSettings: (patch) => {
      // Checked in full before anything changes, as the background does.
      const next = { ...settings() };
      if (patch.autoLockMinutes !== undefined) {
        if (patch.autoLockMinutes < 1 || patch.autoLockMinutes > 1440) {
          throw invalidSettings('Choose between 1 and 1440 minutes.');
        }
        next.autoLockMinutes = patch.autoLockMinutes;
      }
      if (patch.deviceName !== undefined) {
        const name = patch.deviceName.trim();
        if (name === '' || name.length > 64 || /[\p{Cc}\p{Cf}]/u.test(name)) {
          throw invalidSettings('The device name must be 1 to 64 printable characters.');
        }
        next.deviceName = name;
      }
      if (patch.autoFillSignIn !== undefined) next.autoFillSignIn = patch.autoFillSignIn;
      if (patch.autoSubmitSetup !== undefined) next.autoSubmitSetup = patch.autoSubmitSetup;
      Object.assign(state, next);
      return settings();
    },
  };

  const send = vi.fn(async (name: MessageName, data: unknown) => {
    // Answer asynchronously, as the real message channel does.
    await Promise.resolve();
    return (handlers[name] as (data: unknown) => unknown)(data);
  });

  /** The code the background would list for an account right now. */
  const currentCode = (id: string) => view(find(id as AccountId)).code;

  /** How many times a verb has been sent. */
  const calls = (name: MessageName) => send.mock.calls.filter(([called]) => called === name).length;

  return { send: send as unknown as SendMessage, mock: send, state, currentCode, calls };
}
