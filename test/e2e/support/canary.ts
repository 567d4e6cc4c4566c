import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A random marker no browser could have written on its own. */
export function randomCanary(tag: string): string {
  return `keyfob-e2e-${tag}-${randomBytes(12).toString('hex')}`;
}

/** Plants `text` (UTF-8 and UTF-16LE, amid filler bytes) in a nested file under `dir`. */
export function plantCanaryFile(dir: string, text: string): string {
  const folder = join(dir, 'e2e-canary', 'nested');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'planted.bin');
  writeFileSync(
    file,
    Buffer.concat([
      randomBytes(333),
      Buffer.from(text, 'utf8'),
      randomBytes(77),
      Buffer.from(text, 'utf16le'),
    ]),
  );
  return file;
}

/** Page expression: stores `text` in the page origin's IndexedDB and resolves when durable. */
export function writeIdbCanaryExpression(text: string): string {
  return `new Promise((resolve, reject) => {
    const open = indexedDB.open('keyfob-e2e-canary', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('canary');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('canary', 'readwrite', { durability: 'strict' });
      tx.objectStore('canary').put(${JSON.stringify(text)}, 'value');
      tx.oncomplete = () => { db.close(); resolve(true); };
      tx.onerror = () => reject(tx.error);
    };
  })`;
}

/** Page expression: reads back what {@link writeIdbCanaryExpression} stored (or null). */
export const READ_IDB_CANARY_EXPRESSION = `new Promise((resolve, reject) => {
  const open = indexedDB.open('keyfob-e2e-canary', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('canary');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const get = db.transaction('canary').objectStore('canary').get('value');
    get.onsuccess = () => { db.close(); resolve(get.result ?? null); };
    get.onerror = () => reject(get.error);
  };
})`;
