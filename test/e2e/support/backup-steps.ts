import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';
import type { TestAccount } from './accounts';
import type { PopupPage } from './popup-page';
import { waitFor } from './wait';

/** A file as the page hands it over or takes it: name, type and bytes in base64. */
export interface TestFile {
  name: string;
  type: string;
  base64: string;
}

/**
 * Makes the page keep what it would download: a click on a download link stores the file in
 * the page instead (headless browsers have no downloads shelf to read).
 */
export async function catchDownloads(page: PopupPage): Promise<void> {
  await page.evaluate(`(() => {
    window.__e2eDownloads = [];
    HTMLAnchorElement.prototype.click = function () {
      const name = this.download;
      window.__e2eDownloads.push(fetch(this.href).then((r) => r.arrayBuffer()).then((buffer) => {
        let binary = '';
        for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
        return { name, type: '', base64: btoa(binary) };
      }));
    };
  })()`);
}

/** The next file the page downloaded since {@link catchDownloads}. */
export async function takeDownload(page: PopupPage): Promise<TestFile> {
  await waitFor(() => page.evaluate<boolean>('window.__e2eDownloads.length > 0'), {
    timeoutMs: 60_000,
    what: 'the page to save a file',
  });
  return page.evaluate<TestFile>('window.__e2eDownloads.shift()');
}

/** Puts a file into the file input labelled `label`, as the browser's picker would. */
export async function chooseFile(page: PopupPage, label: string, file: TestFile): Promise<void> {
  // The options page renders its panels once the background has answered: wait for the input.
  const labelled = `Array.from(document.querySelectorAll('input[type=file]')).some((el) =>
    Array.from(el.labels || []).some((l) => l.textContent.trim() === ${JSON.stringify(label)}))`;
  await waitFor(async () => (await page.evaluate<boolean>(labelled)) || undefined, {
    timeoutMs: 30_000,
    what: `a file input labelled ${JSON.stringify(label)}`,
  });
  const chosen = await page.evaluate<boolean>(`(() => {
    const input = Array.from(document.querySelectorAll('input[type=file]')).find((el) =>
      Array.from(el.labels || []).some((l) => l.textContent.trim() === ${JSON.stringify(label)}));
    if (!input) return false;
    const binary = atob(${JSON.stringify(file.base64)});
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], ${JSON.stringify(file.name)}, { type: ${JSON.stringify(file.type)} }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  })()`);
  if (!chosen) throw new Error(`no file input labelled ${JSON.stringify(label)}`);
}

/** Protobuf varint. */
function varint(value: number): number[] {
  const out: number[] = [];
  while (value > 0x7f) {
    out.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  out.push(value);
  return out;
}

/** A length-delimited protobuf field. */
function field(number: number, bytes: Uint8Array | number[]): number[] {
  return [...varint((number << 3) | 2), ...varint(bytes.length), ...bytes];
}

/**
 * Google Authenticator's export link for `accounts`, built the way the app writes it:
 * `MigrationPayload { repeated OtpParameters otp_parameters = 1; version = 2; batch_size = 3;
 * batch_index = 4; batch_id = 5 }`, each `{ secret = 1 (raw bytes); name = 2; issuer = 3;
 * algorithm = 4 (1: SHA1); digits = 5 (1: six); type = 6 (2: TOTP) }`.
 */
export function migrationUri(accounts: TestAccount[]): string {
  const text = (value: string) => [...new TextEncoder().encode(value)];
  const payload: number[] = [];
  for (const account of accounts) {
    const parameters = [
      ...field(1, account.raw),
      ...field(2, text(`${account.issuer}:${account.account}`)),
      ...field(3, text(account.issuer)),
      ...[4 << 3, 1],
      ...[5 << 3, 1],
      ...[6 << 3, 2],
    ];
    payload.push(...field(1, parameters));
  }
  payload.push(2 << 3, 1, 3 << 3, 1, 4 << 3, 0, 5 << 3, ...varint(123456));
  const data = Buffer.from(payload).toString('base64');
  return `otpauth-migration://offline?data=${encodeURIComponent(data)}`;
}

/** A QR code of `text` as a PNG file, `scale` pixels per module. */
export async function qrPng(text: string, name = 'qr.png', scale = 6): Promise<TestFile> {
  const png = await QRCode.toBuffer(text, { type: 'png', margin: 4, scale });
  return { name, type: 'image/png', base64: png.toString('base64') };
}

/**
 * A page on 127.0.0.1 that shows QR codes of `texts` side by side, small enough that two fit
 * in the smallest headless window (Firefox's 800×600): a capture sees only what is visible.
 */
export async function serveQrPage(texts: string[]): Promise<{ url: string; close(): void }> {
  const images = await Promise.all(texts.map((text) => qrPng(text, 'qr.png', 4)));
  const body = `<!doctype html><title>QR codes</title><body style="margin:10px;background:#fff">
    <h1>Set up your authenticator</h1>
    ${images.map((image) => `<img alt="QR" style="margin:10px" src="data:image/png;base64,${image.base64}">`).join('')}
  </body>`;
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}
