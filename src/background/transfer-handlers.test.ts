import { fakeBrowser } from 'wxt/testing/fake-browser';
import { generateCode } from '../otp';
import type { Reply } from '../messaging/protocol';
import { toBase64, utf8Encode } from '../shared';
import { createMemoryVaultStore, type VaultStore } from '../vault';
import { createBackground } from './background';
import { loadShippedCatalogue } from '../../test/support/catalogues';

const ours = { id: 'keyfob-id', origin: 'chrome-extension://keyfob-id' };
const options = { id: 'keyfob-id', url: 'chrome-extension://keyfob-id/options.html' };
const contentScript = { id: 'keyfob-id', url: 'https://site.example/', tab: { id: 9 } };
const PASS = 'correct horse battery staple';
const S1 = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const S2 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const S3 = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';
const uri = (issuer: string, name: string, secret: string) =>
  `otpauth://totp/${issuer}:${name}?secret=${secret}&issuer=${issuer}`;
/** A plain Aegis vault, as Aegis exports it unencrypted. */
const aegisEntry = (issuer: string, name: string, secret: string) => ({
  type: 'totp',
  uuid: crypto.randomUUID(),
  name,
  issuer,
  info: { secret, algo: 'SHA1', digits: 6, period: 30 },
});
const LIST = JSON.stringify({
  version: 1,
  header: { slots: null, params: null },
  db: {
    version: 3,
    entries: [
      aegisEntry('GitHub', 'alice', S1),
      aegisEntry('AWS', 'carol', S2),
      aegisEntry('Bank', 'me', S3),
    ],
  },
});

let clock = Date.UTC(2026, 11, 3, 12, 0, 0);
/** The URL of the tab in front, as activeTab shows it; none by default. */
let activeUrl: string | null = null;
const capture = vi.fn(async () => 'data:image/png;base64,iVBORw0KGgo=');
const decodeQrImage = vi.fn(async (_image: Blob): Promise<string[]> => []);

function startWorker(store: VaultStore = createMemoryVaultStore()) {
  const bg = createBackground({
    loadCatalogue: loadShippedCatalogue,
    session: fakeBrowser.storage.session,
    local: fakeBrowser.storage.local,
    alarms: fakeBrowser.alarms,
    openStore: async () => store,
    tabs: {
      activeTab: async () => (activeUrl ? { id: 1, url: activeUrl } : null),
      sendToTopFrame: async () => ({}),
      loadHelper: async () => {},
      injectContentScripts: async () => {},
      setBadge: async () => {},
      captureVisibleTab: capture,
    },
    decodeQr: async () => null,
    decodeQrImage,
    ours,
    now: () => clock,
    iterations: 1000,
  });
  const send = (name: string, data: object = {}, sender: object = options) =>
    bg.handleMessage({ keyfob: 1, name, data }, sender) as Promise<Reply<never>>;
  return send;
}

async function value<T>(reply: Promise<Reply<T>>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

async function newVault(store?: VaultStore) {
  const send = startWorker(store);
  await value(send('createVault', { passphrase: PASS, confirmation: PASS }));
  return send;
}

interface Preview {
  importId: string;
  format: string;
  accounts: { issuer?: string; account: string; duplicate: boolean }[];
  skipped: { label: string; reason: string }[];
}
type Send = ReturnType<typeof startWorker>;
const previewText = (send: Send, text: string, password?: string) =>
  send('previewImport', {
    name: 'aegis-export.json',
    data: toBase64(utf8Encode(text)),
    ...(password ? { password } : {}),
  }) as Promise<Reply<Preview>>;
const names = async (send: Send) =>
  (
    await value<{ accounts: { issuer?: string; account: string }[] }>(send('listCodes'))
  ).accounts.map((a) => `${a.issuer}:${a.account}`);
const expectNoSecret = (wire: unknown) => {
  const text = JSON.stringify(wire).toUpperCase();
  for (const secret of [S1, S2, S3]) expect(text).not.toContain(secret);
};

beforeEach(() => {
  fakeBrowser.reset();
  capture.mockClear();
  decodeQrImage.mockReset();
  clock = Date.UTC(2026, 11, 3, 12, 0, 0);
});

describe('import', () => {
  it('previews without secrets, marks duplicates, and adds only what was chosen', async () => {
    const send = await newVault();
    await value(send('addAccountFromUri', { uri: uri('GitHub', 'alice', S1) }));
    const preview = await value(previewText(send, LIST));
    expect(preview.format).toBe('aegis');
    expect(preview.accounts).toEqual([
      expect.objectContaining({ issuer: 'GitHub', account: 'alice', duplicate: true }),
      expect.objectContaining({ issuer: 'AWS', account: 'carol', duplicate: false }),
      expect.objectContaining({ issuer: 'Bank', account: 'me', duplicate: false }),
    ]);
    expectNoSecret(preview);
    // Nothing is written by a preview.
    expect(await names(send)).toEqual(['GitHub:alice']);

    // A ticked duplicate is still not doubled.
    const added = await value(
      send('commitImport', { importId: preview.importId, selected: [0, 1] }),
    );
    expect(added).toEqual({ added: 1 });
    expect(await names(send)).toEqual(['GitHub:alice', 'AWS:carol']);
    // Confirmed once: the held import is gone.
    expect(await send('commitImport', { importId: preview.importId, selected: [2] })).toMatchObject(
      { ok: false, error: { code: 'import-expired' } },
    );
  });

  it('writes nothing when the choice is invalid, and drops held imports on lock and after the timeout', async () => {
    const send = await newVault();
    const first = await value(previewText(send, LIST));
    expect(
      await send('commitImport', { importId: first.importId, selected: [1, 7] }),
    ).toMatchObject({ ok: false, error: { code: 'import-invalid' } });
    expect(await names(send)).toEqual([]);

    await value(send('lockVault'));
    await value(send('unlockVault', { passphrase: PASS }));
    expect(await send('commitImport', { importId: first.importId, selected: [1] })).toMatchObject({
      ok: false,
      error: { code: 'import-expired' },
    });

    const second = await value(previewText(send, LIST));
    clock += 11 * 60_000;
    expect(await send('commitImport', { importId: second.importId, selected: [1] })).toMatchObject({
      ok: false,
      error: { code: 'import-expired' },
    });
    expect(await names(send)).toEqual([]);
  });

  it('refuses files while locked and from content scripts', async () => {
    const send = await newVault();
    expect(await previewText(send, LIST).then((r) => r.ok)).toBe(true);
    for (const name of [
      'previewImport',
      'scanTabForQr',
      'exportAccounts',
      'revealAccount',
      'taskProgress',
    ]) {
      expect(await send(name, {}, contentScript)).toMatchObject({
        ok: false,
        error: { code: 'sender-refused' },
      });
    }
    await value(send('lockVault'));
    expect(await previewText(send, LIST)).toMatchObject({
      ok: false,
      error: { code: 'vault-locked' },
    });
  });

  it('scans the visible tab only on request, and says so when it holds no authenticator QR code', async () => {
    const send = await newVault();
    decodeQrImage.mockResolvedValue(['https://example.com/not-an-account']);
    expect(await send('scanTabForQr')).toMatchObject({
      ok: false,
      error: { code: 'no-qr-code' },
    });
    expect(capture).toHaveBeenCalledTimes(1);
    expect(decodeQrImage.mock.calls[0]![0]).toBeInstanceOf(Blob);
    capture.mockRejectedValueOnce(new Error('Cannot access contents of url'));
    expect(await send('scanTabForQr')).toMatchObject({
      ok: false,
      error: { code: 'capture-failed' },
    });
  });

  it('previews every authenticator QR code of a page or image that shows several', async () => {
    const send = await newVault();
    decodeQrImage.mockResolvedValue([
      uri('GitHub', 'alice', S1),
      'https://example.com/help',
      uri('AWS', 'carol', S2),
      uri('Bank', 'me', S3),
    ]);
    const expected = [
      expect.objectContaining({ issuer: 'GitHub', account: 'alice' }),
      expect.objectContaining({ issuer: 'AWS', account: 'carol' }),
      expect.objectContaining({ issuer: 'Bank', account: 'me' }),
    ];
    const scanned = await value(send('scanTabForQr') as Promise<Reply<Preview>>);
    expect(scanned.accounts).toEqual(expected);
    expectNoSecret(scanned);
    const picked = await value(
      send('previewImage', { data: toBase64(utf8Encode('an image')) }) as Promise<Reply<Preview>>,
    );
    expect(picked.accounts).toEqual(expected);
    await value(send('commitImport', { importId: picked.importId, selected: [0, 1, 2] }));
    expect(await names(send)).toEqual(['GitHub:alice', 'AWS:carol', 'Bank:me']);
  });
});

describe('backup and restore', () => {
  it('restores a Keyfob backup into a new profile with the same codes in the same order', async () => {
    const a = await newVault();
    await value(a('addAccountFromUri', { uri: uri('GitHub', 'alice', S1) }));
    await value(a('addAccountFromUri', { uri: uri('AWS', 'carol', S2) }));
    const file = await value<{ data: string; fileName: string; count: number }>(
      a('exportAccounts', { format: 'keyfob', passphrase: PASS }),
    );
    expect(file.count).toBe(2);
    expect(file.fileName).toMatch(/^keyfob-backup-2026-12-03\.json$/);
    expect(atob(file.data)).not.toContain(S1);

    fakeBrowser.reset();
    const b = await newVault(createMemoryVaultStore());
    const restore = (password?: string) =>
      b('previewImport', {
        name: file.fileName,
        data: file.data,
        ...(password ? { password } : {}),
      }) as Promise<Reply<Preview>>;
    expect(await restore()).toMatchObject({ ok: false, error: { code: 'password-required' } });
    expect(await restore('not the passphrase')).toMatchObject({
      ok: false,
      error: { code: 'wrong-password' },
    });
    const preview = await value(restore(PASS));
    expect(preview.format).toBe('keyfob');
    await value(b('commitImport', { importId: preview.importId, selected: [0, 1] }));
    const codesA = await value<{ accounts: { account: string; code: string }[] }>(a('listCodes'));
    const codesB = await value<{ accounts: { account: string; code: string }[] }>(b('listCodes'));
    expect(codesB.accounts.map((x) => [x.account, x.code])).toEqual(
      codesA.accounts.map((x) => [x.account, x.code]),
    );
    expect(codesB.accounts[0]!.code).toBe(
      await generateCode(
        { type: 'totp', secret: S1, account: 'alice', algorithm: 'SHA1', digits: 6, period: 30 },
        clock,
      ),
    );
  }, 60_000);

  it('restores what the person made of each account: site link, pin, order, last use, automatic fill', async () => {
    const a = await newVault();
    const added: { id: string }[] = [];
    for (const [issuer, name, secret] of [
      ['GitHub', 'alice', S1],
      ['AWS', 'carol', S2],
      ['Bank', 'me', S3],
    ] as const) {
      added.push(await value(a('addAccountFromUri', { uri: uri(issuer, name, secret) })));
    }
    const [github, aws, bank] = added.map((x) => x.id);
    activeUrl = 'https://login.aws.example/signin';
    await value(a('linkAccountToActiveTab', { id: aws, shownOrigin: 'https://login.aws.example' }));
    await value(a('setAutoFill', { origin: 'https://login.aws.example', on: true }));
    await value(a('pinAccount', { id: bank, pinned: true }));
    await value(a('moveAccount', { id: bank, order: -1 }));
    await value(a('codeCopied', { id: github, code: '000000' }));
    type Listing = { accounts: Record<string, unknown>[] };
    const kept = ({ accounts }: Listing) =>
      accounts.map(({ account, origin, linked, pinned, usedAtMs }) => ({
        account,
        origin,
        linked,
        pinned,
        usedAtMs,
      }));
    const before = kept(await value<Listing>(a('listCodes')));
    expect(before).toContainEqual(expect.objectContaining({ account: 'me', pinned: true }));
    const file = await value<{ data: string; fileName: string }>(
      a('exportAccounts', { format: 'keyfob', passphrase: PASS }),
    );

    fakeBrowser.reset();
    const b = await newVault(createMemoryVaultStore());
    const preview = await value(
      b('previewImport', { name: file.fileName, data: file.data, password: PASS }) as Promise<
        Reply<Preview>
      >,
    );
    await value(b('commitImport', { importId: preview.importId, selected: [0, 1, 2] }));
    expect(kept(await value<Listing>(b('listCodes')))).toEqual(before);
    expect(await value(b('getAutoFillSites'))).toEqual({ origins: ['https://login.aws.example'] });
    activeUrl = null;
  }, 60_000);

  it('asks the vault passphrase for every export and checks a chosen password like a passphrase', async () => {
    const send = await newVault();
    await value(send('addAccountFromUri', { uri: uri('GitHub', 'alice', S1) }));
    for (const format of ['keyfob', 'aegis', 'otpauth']) {
      expect(
        await send('exportAccounts', { format, passphrase: 'wrong passphrase!' }),
      ).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    }
    expect(
      await send('exportAccounts', { format: 'keyfob', passphrase: PASS, password: 'short' }),
    ).toMatchObject({ ok: false, error: { code: 'password-weak' } });
    const aegis = await value<{ data: string; fileName: string }>(
      send('exportAccounts', { format: 'aegis', passphrase: PASS }),
    );
    expect(aegis.fileName).toMatch(/^keyfob-aegis-export-.*\.json$/);
    expect(atob(aegis.data)).not.toContain(S1);
  });

  it('reminds until a Keyfob backup has every account', async () => {
    const send = await newVault();
    await value(send('addAccountFromUri', { uri: uri('GitHub', 'alice', S1) }));
    expect(await value(send('backupStatus'))).toEqual({
      lastBackupAt: null,
      accounts: 1,
      addedSince: 1,
    });
    // An Aegis export is not a Keyfob backup: it can't restore sites and states.
    await value(send('exportAccounts', { format: 'aegis', passphrase: PASS }));
    expect(await value(send('backupStatus'))).toMatchObject({ lastBackupAt: null });
    await value(send('exportAccounts', { format: 'keyfob', passphrase: PASS }));
    expect(await value(send('backupStatus'))).toMatchObject({ addedSince: 0 });
    clock += 1000;
    await value(send('addAccountFromUri', { uri: uri('AWS', 'carol', S2) }));
    expect(await value(send('backupStatus'))).toMatchObject({ accounts: 2, addedSince: 1 });
    expect(JSON.stringify(await fakeBrowser.storage.local.get())).not.toMatch(/JBSW|GEZD/);
  });

  it('reveals one account’s secret only after the passphrase again', async () => {
    const send = await newVault();
    const { id } = await value<{ id: string }>(
      send('addAccountFromUri', { uri: uri('GitHub', 'alice', S1) }),
    );
    const wrong = await send('revealAccount', { id, passphrase: 'not the passphrase' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    expectNoSecret(wrong);
    const shown = await value<{ secret: string; uri: string }>(
      send('revealAccount', { id, passphrase: PASS }),
    );
    expect(shown.secret).toBe(S1);
    expect(shown.uri).toMatch(/^otpauth:\/\/totp\/GitHub:alice\?/);
  });
});

describe('progress of long work', () => {
  /**
   * Sends `request` and polls `taskProgress` for its task until it answers: every fraction
   * the page would have seen, in order.
   */
  async function follow(send: Send, taskId: string, request: Promise<Reply<unknown>>) {
    const seen: (number | null)[] = [];
    let settled = false;
    void request.finally(() => (settled = true));
    while (!settled) {
      const { fraction } = await value<{ fraction: number | null }>(
        send('taskProgress', { taskId }),
      );
      seen.push(fraction);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return { reply: await request, fractions: seen.filter((f): f is number => f !== null) };
  }

  const rising = (fractions: number[]) => {
    const inside = new Set(fractions.filter((f) => f > 0 && f < 1));
    expect(inside.size).toBeGreaterThan(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  };

  it('reports the KDF of a backup and of its restore as a rising fraction, to its own task only', async () => {
    const send = await newVault();
    await value(send('addAccountFromUri', { uri: uri('GitHub', 'alice', S1) }));
    const saving = await follow(
      send,
      'backup-task-1',
      send('exportAccounts', { format: 'keyfob', passphrase: PASS, taskId: 'backup-task-1' }),
    );
    rising(saving.fractions);
    const file = await value(
      Promise.resolve(saving.reply as Reply<{ data: string; fileName: string }>),
    );
    expect(await value(send('taskProgress', { taskId: 'backup-task-1' }))).toEqual({
      fraction: null,
    });

    const restoring = await follow(
      send,
      'restore-task-1',
      send('previewImport', {
        name: file.fileName,
        data: file.data,
        password: PASS,
        taskId: 'restore-task-1',
      }),
    );
    rising(restoring.fractions);
    expect(restoring.reply).toMatchObject({ ok: true });
    expect(await value(send('taskProgress', { taskId: 'another-task' }))).toEqual({
      fraction: null,
    });
  }, 60_000);
});
