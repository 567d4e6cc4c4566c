/* global chrome, crypto, performance, btoa, TextEncoder */
// Import and backup timings in the extension itself (headless Chromium): an options page sends
// the same requests the "Backup & import" section sends, and times them in the page.
//   - import of an otpauth list: previewImport (read, parse, duplicate check) + commitImport
//     (seal every account, one transaction), "from parse to sealed";
//   - Keyfob backup export (KDF + seal of the file) and restore (KDF + open + preview) of the
//     same accounts: the KDF is most of it; scripts/bench/kdf.mjs times the KDF alone.

/** Runs in the options page: one request to the background, unwrapped. */
async function inPage({ accounts, passphrase }) {
  const send = async (name, data) => {
    const reply = await chrome.runtime.sendMessage({ keyfob: 1, name, data });
    if (!reply?.ok) throw new Error(`${name}: ${reply?.error?.code ?? 'no reply'}`);
    return reply.value;
  };
  const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const secret = () =>
    Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => base32[b % 32]).join('');
  const lines = Array.from(
    { length: accounts },
    (_, i) =>
      `otpauth://totp/Bench%20${i}:user${i}%40example.com?secret=${secret()}&issuer=Bench%20${i}`,
  );
  const base64 = (text) => {
    let binary = '';
    for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
    return btoa(binary);
  };
  const list = base64(lines.join('\n'));

  const t0 = performance.now();
  const preview = await send('previewImport', { name: 'pasted.txt', data: list });
  const t1 = performance.now();
  const selected = preview.accounts.map((_, index) => index);
  const { added } = await send('commitImport', { importId: preview.importId, selected });
  const t2 = performance.now();

  const t2b = performance.now();
  await send('exportAccounts', { format: 'otpauth', passphrase });
  const t2c = performance.now();
  const file = await send('exportAccounts', { format: 'keyfob', passphrase });
  const t3 = performance.now();
  const restored = await send('previewImport', {
    name: file.fileName,
    data: file.data,
    password: passphrase,
  });
  const t4 = performance.now();
  await send('discardImport', { importId: restored.importId });
  return {
    added,
    previewMs: t1 - t0,
    commitMs: t2 - t1,
    plainExportMs: t2c - t2b,
    exportMs: t3 - t2c,
    exportCount: file.count,
    restoreMs: t4 - t3,
    restoredCount: restored.accounts.length,
  };
}

/**
 * Imports `accounts` otpauth links into the (unlocked) vault of `ext`, then backs them up and
 * reads the backup back, timing each step in an extension page.
 */
export async function measureImport(ext, { accounts = 1000, passphrase }) {
  const page = await ext.context.newPage();
  try {
    await page.goto(`${ext.origin}/options.html`);
    return await page.evaluate(inPage, { accounts, passphrase });
  } finally {
    await page.close().catch(() => {});
  }
}
