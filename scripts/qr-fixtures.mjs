// Generates the QR fixture images in test/fixtures/qr/ and their manifest: web pages showing
// QR codes the way real sites and apps do (setup screens, dark mode, busy backgrounds, several
// codes, Google Authenticator's export batches), screenshot in headless Chromium at device
// scale 1 and 2, some saved as JPEG. The secrets are made up; nothing here is a real account.
//
// Usage: node scripts/qr-fixtures.mjs   (needs /usr/bin/chromium; the output is committed)
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { format, resolveConfig } from 'prettier';
import QRCode from 'qrcode';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(root, 'test/fixtures/qr');
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A deterministic byte stream, so re-running the script gives the same texts. */
function bytes(seed, length) {
  let x = seed * 2654435761 + 1;
  return Uint8Array.from({ length }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  });
}

function base32(data) {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out;
}

function totpUri(seed, issuer, account, extra = '') {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const secret = base32(bytes(seed, 20));
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}${extra}`;
}

// Protobuf, just enough for Google Authenticator's MigrationPayload.
function varint(n) {
  const out = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
const field = (tag, wire, payload) => [...varint((tag << 3) | wire), ...payload];
const lenField = (tag, data) => field(tag, 2, [...varint(data.length), ...data]);
const intField = (tag, n) => field(tag, 0, varint(n));
const utf8 = (s) => [...Buffer.from(s, 'utf8')];

/** An `otpauth-migration://offline?data=` URI holding `count` TOTP accounts. */
function migrationUri(seed, count, batchIndex = 0, batchSize = 1) {
  const payload = [];
  for (let i = 0; i < count; i += 1) {
    const otp = [
      ...lenField(1, [...bytes(seed * 100 + i, 20)]),
      ...lenField(2, utf8(`user${i}@example.com`)),
      ...lenField(3, utf8(['GitHub', 'Google', 'AWS', 'Dropbox', 'Slack'][i % 5])),
      ...intField(4, 1),
      ...intField(5, 1),
      ...intField(6, 2),
    ];
    payload.push(...lenField(1, otp));
  }
  payload.push(...intField(2, 1), ...intField(3, batchSize), ...intField(4, batchIndex));
  payload.push(...intField(5, 1000 + seed));
  const data = Buffer.from(payload).toString('base64');
  return `otpauth-migration://offline?data=${encodeURIComponent(data)}`;
}

/** A QR code as inline SVG, the way most sites draw it. */
async function svg(text, { size, dark = '#000', light = '#fff', margin = 4, level = 'M' } = {}) {
  const markup = await QRCode.toString(text, {
    type: 'svg',
    margin,
    errorCorrectionLevel: level,
    color: { dark, light },
  });
  return markup.replace('<svg ', `<svg width="${size}" height="${size}" `);
}

/** A QR code as a PNG data URL image, scaled by the browser, the way Amplify shows it. */
async function img(text, { size, level = 'M', style = '' } = {}) {
  const url = await QRCode.toDataURL(text, { margin: 2, errorCorrectionLevel: level });
  return `<img src="${url}" width="${size}" height="${size}" style="${style}">`;
}

const page = (body, css = '') => `<!doctype html><html><head><style>
  body { margin: 0; font: 15px system-ui, sans-serif; color: #222; background: #fff; }
  .card { padding: 20px; display: inline-block; }
  ${css}
</style></head><body>${body}</body></html>`;

const setupCard = (qr, title = 'Set up your authenticator app') =>
  `<div class="card"><h3>${title}</h3><p>Scan this QR code with your authenticator app.</p>
   ${qr}<p>Then enter the 6-digit code below.</p><input placeholder="Code"></div>`;

const BUSY_CSS = `body { background:
  repeating-linear-gradient(45deg, #f3c 0 12px, #3cf 12px 24px, #fc3 24px 30px),
  radial-gradient(circle at 30% 30%, #000 0 40px, transparent 41px); }
  .card { background: rgba(255,255,255,0.15); }`;

const NOISE_CSS = `body { background-image:
  repeating-radial-gradient(circle at 10% 20%, #222 0 2px, #ddd 3px 7px),
  repeating-linear-gradient(90deg, transparent 0 5px, rgba(0,0,0,.35) 5px 6px); }`;

/** Every fixture: its file, how it is drawn, and the texts a decoder should find. */
async function cases() {
  const cognito = totpUri(1, 'AWSCognito', 'alice@example.com');
  const github = totpUri(2, 'GitHub', 'alice');
  const dense = migrationUri(3, 10);
  const denser = migrationUri(4, 16);
  const batch = [0, 1, 2].map((i) => migrationUri(10 + i, 3, i, 3));
  const grid = [5, 6, 7, 8].map((s, i) =>
    totpUri(s, ['Okta', 'Atlassian', 'Proton', 'npm'][i], 'bob'),
  );
  const longLabel = totpUri(
    9,
    'Example Corporation Single Sign-On',
    'very.long.user.name@corp.example.com',
    '&algorithm=SHA256&digits=8&period=60',
  );
  const list = [];
  const add = (name, html, texts, opts = {}) => list.push({ name, html, texts, ...opts });

  add('cognito-setup', page(setupCard(await img(cognito, { size: 200 }))), [cognito], {
    scales: [1, 2],
  });
  add('small', page(`<div class="card">${await svg(github, { size: 92 })}</div>`), [github], {
    scales: [1, 2],
  });
  add(
    'tiny-blurred',
    page(
      `<div class="card">${await img(github, { size: 70, style: 'image-rendering:auto' })}</div>`,
    ),
    [github],
    { scales: [1] },
  );
  add(
    'dense-migration',
    page(setupCard(await svg(dense, { size: 300, level: 'L' }), 'Export accounts')),
    [dense],
    { scales: [1, 2] },
  );
  add(
    'denser-migration',
    page(setupCard(await svg(denser, { size: 340, level: 'L' }), 'Export accounts')),
    [denser],
    { scales: [1, 2] },
  );
  add(
    'inverted',
    page(
      `<div class="card">${await svg(github, { size: 180, dark: '#fff', light: '#000' })}</div>`,
      'body{background:#000}',
    ),
    [github],
    { scales: [1, 2] },
  );
  add(
    'dark-mode',
    page(
      setupCard(await svg(longLabel, { size: 220, dark: '#e8e8e8', light: '#1e1e1e' })),
      'body{background:#121212;color:#ddd}',
    ),
    [longLabel],
    { scales: [1] },
  );
  add(
    'busy-background',
    page(setupCard(await svg(cognito, { size: 190, margin: 2 })), BUSY_CSS),
    [cognito],
    { scales: [1, 2] },
  );
  add(
    'noise-no-quiet-zone',
    page(
      `<div class="card">${await svg(github, { size: 160, margin: 0, light: '#ffffffe6' })}</div>`,
      NOISE_CSS,
    ),
    [github],
    { scales: [1] },
  );
  add(
    'colored-low-contrast',
    page(setupCard(await svg(cognito, { size: 200, dark: '#5b6c9a', light: '#f6f0d0' }))),
    [cognito],
    { scales: [1] },
  );
  add(
    'logo-center',
    page(`<div class="card" style="position:relative">${await svg(longLabel, { size: 230, level: 'H' })}
     <div style="position:absolute;left:110px;top:110px;width:60px;height:60px;background:#e33;border-radius:12px;border:4px solid #fff"></div></div>`),
    [longLabel],
    { scales: [1] },
  );
  add(
    'two-codes',
    page(
      `<div class="card">${await svg(github, { size: 150 })}</div><div class="card">${await svg(cognito, { size: 150 })}</div>`,
    ),
    [github, cognito],
    { scales: [1, 2] },
  );
  const cards = async (texts, options) =>
    (
      await Promise.all(texts.map(async (t) => `<div class="card">${await svg(t, options)}</div>`))
    ).join('');
  add('batch-of-three', page(await cards(batch, { size: 170, level: 'L' })), batch, {
    scales: [1],
  });
  add(
    'grid-of-four',
    page(
      `<div style="display:grid;grid-template-columns:160px 160px;gap:30px;padding:20px">${(await Promise.all(grid.map((t) => svg(t, { size: 150 })))).join('')}</div>`,
    ),
    grid,
    { scales: [1] },
  );
  add('jpeg-q60', page(setupCard(await img(cognito, { size: 180 }))), [cognito], {
    scales: [1],
    jpeg: 60,
  });
  add('jpeg-q30-busy', page(setupCard(await svg(github, { size: 170 })), BUSY_CSS), [github], {
    scales: [1],
    jpeg: 30,
  });
  const tilted = async (transform, margin, text, options) =>
    page(
      `<div class="card" style="transform:${transform};margin:${margin}px">${await svg(text, options)}</div>`,
    );
  add('rotated-4deg', await tilted('rotate(4deg)', 30, cognito, { size: 180 }), [cognito], {
    scales: [1],
  });
  add(
    'rotated-12deg',
    await tilted('rotate(-12deg)', 40, dense, { size: 280, level: 'L' }),
    [dense],
    {
      scales: [1],
    },
  );
  add(
    'perspective',
    await tilted('perspective(500px) rotateY(25deg)', 30, github, { size: 180 }),
    [github],
    {
      scales: [1],
    },
  );
  add(
    'no-code',
    page(
      setupCard(
        '<div style="width:180px;height:180px;background:repeating-conic-gradient(#000 0 25%,#fff 0 50%) 0 0/20px 20px"></div>',
        'A checkerboard, not a QR code',
      ),
    ),
    [],
    { scales: [1] },
  );
  return list;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  // Only the images: the folder also holds load.ts, which the tests read them through.
  for (const old of readdirSync(OUT).filter((f) => /\.(png|jpg)$/.test(f))) {
    rmSync(path.join(OUT, old));
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox'],
  });
  const manifest = [];
  try {
    for (const c of await cases()) {
      for (const scale of c.scales) {
        const context = await browser.newContext({
          viewport: { width: 560, height: 420 },
          deviceScaleFactor: scale,
        });
        const tab = await context.newPage();
        await tab.setContent(c.html);
        const type = c.jpeg ? 'jpeg' : 'png';
        const file = `${c.name}@${scale}x.${c.jpeg ? 'jpg' : 'png'}`;
        const image = await tab.screenshot({
          type,
          fullPage: true,
          ...(c.jpeg ? { quality: c.jpeg } : {}),
        });
        writeFileSync(path.join(OUT, file), image);
        manifest.push({ file, texts: c.texts });
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  writeFileSync(
    path.join(OUT, 'manifest.json'),
    await format(JSON.stringify(manifest), {
      ...(await resolveConfig(path.join(OUT, 'manifest.json'))),
      parser: 'json',
    }),
  );
  console.log(`${manifest.length} images in ${path.relative(root, OUT)}`);
}

await main();
