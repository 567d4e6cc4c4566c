// Speed of adding accounts, in Node on fake-indexeddb (not part of `npm test`):
//   npx vitest bench --run scripts/bench/vault-add.bench.ts
// 1. 1,000 single adds the way the popup makes them: one `addAccountFromUri` message each,
//    through the real background (duplicate check included) over the IndexedDB store; the
//    median time of the first and the last 100 adds shows whether an add grows with the vault.
// 2. The same 1,000 accounts in one `addAccounts` call (what an import does).
import { bench, describe } from 'vitest';
import { deleteDB } from 'idb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground } from '../../src/background/background';
import { openVaultStore } from '../../src/storage';
import { createVaultService } from '../../src/vault';
import { base32Encode } from '../../src/shared';
import type { OtpParams } from '../../src/otp/types';
import { loadShippedCatalogue } from '../../test/support/catalogues';

const COUNT = 1_000;
const PASS = 'correct horse battery staple';
const ONCE = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };
const ours = { id: 'keyfob-id', origin: 'chrome-extension://keyfob-id' };
const popup = { id: 'keyfob-id', url: 'chrome-extension://keyfob-id/popup.html' };

/** A distinct 160-bit secret per index. */
const secret = (i: number) =>
  base32Encode(
    new Uint8Array(20)
      .fill(7)
      .fill(i >> 8, 0, 1)
      .fill(i, 1, 2),
  );
const params = (i: number): OtpParams => ({
  type: 'totp',
  secret: secret(i),
  account: `user${i}@example.com`,
  issuer: 'Bench',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
});

async function freshStore() {
  const dbName = `keyfob-bench-${crypto.randomUUID()}`;
  return { dbName, store: await openVaultStore({ dbName }) };
}

describe(`adding ${COUNT} accounts (fake-indexeddb)`, () => {
  bench(
    `${COUNT} single adds through the background`,
    async () => {
      fakeBrowser.reset();
      const { dbName, store } = await freshStore();
      const bg = createBackground({
        loadCatalogue: loadShippedCatalogue,
        session: fakeBrowser.storage.session,
        local: fakeBrowser.storage.local,
        alarms: fakeBrowser.alarms,
        openStore: async () => store,
        tabs: {
          activeTab: async () => null,
          sendToTopFrame: async () => ({ done: true }),
          loadHelper: async () => {},
          injectContentScripts: async () => {},
          setBadge: async () => {},
          captureVisibleTab: async () => '',
        },
        decodeQr: async () => null,
        decodeQrImage: async () => [],
        ours,
        iterations: 1000,
      });
      const send = (name: string, data: object) =>
        bg.handleMessage({ keyfob: 1, name, data }, popup) as Promise<{ ok: boolean }>;
      await send('createVault', { passphrase: PASS, confirmation: PASS });
      const started = performance.now();
      const each: number[] = [];
      for (let i = 0; i < COUNT; i++) {
        const { issuer, account } = params(i);
        const uri = `otpauth://totp/${issuer}:${account}?secret=${secret(i)}&issuer=${issuer}`;
        const before = performance.now();
        const reply = await send('addAccountFromUri', { uri });
        each.push(performance.now() - before);
        if (!reply.ok) throw new Error(`add ${i} failed: ${JSON.stringify(reply)}`);
      }
      // An add that opened the whole vault would cost ten times more at the end than at first.
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
      const first = median(each.slice(0, 100));
      const last = median(each.slice(-100));
      console.log(
        `${COUNT} single adds: ${Math.round(performance.now() - started)} ms; median per add: ` +
          `first 100 ${first.toFixed(2)} ms, last 100 ${last.toFixed(2)} ms ` +
          `(growth ×${(last / first).toFixed(2)})`,
      );
      store.close();
      await deleteDB(dbName);
    },
    ONCE,
  );

  bench(
    `one addAccounts of ${COUNT}`,
    async () => {
      const { dbName, store } = await freshStore();
      const vault = createVaultService({ store, iterations: 1000 });
      await vault.create(PASS, PASS);
      const started = performance.now();
      const incoming = Array.from({ length: COUNT }, (_, i) => params(i));
      const duplicates = await vault.findDuplicates(incoming);
      await vault.addAccounts(
        incoming.filter((_, i) => !duplicates[i]).map((p) => ({ params: p })),
      );
      console.log(`addAccounts of ${COUNT}: ${Math.round(performance.now() - started)} ms`);
      store.close();
      await deleteDB(dbName);
    },
    ONCE,
  );
});
