// QR decoder comparison over the fixture images in test/fixtures/qr/ (made by
// scripts/qr-fixtures.mjs): for each decoder, how many of the expected codes it finds (each
// code of a multi-code image counts), how many texts it returns that are not expected, the
// median decode time per image, and the bytes it adds to a bundle (minified JS, gzip, plus its
// .wasm). Decodes in Node from RGBA pixels, as the extension does after drawing to a canvas.
//
// Usage: node scripts/bench-qr.mjs [--runs=3] [--verbose]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import zxing from '@zxing/library';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

const { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } = zxing;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.join(root, 'test/fixtures/qr');
const args = process.argv.slice(2);
const RUNS = Number(
  /^--runs=(\d+)$/.exec(args.find((a) => a.startsWith('--runs=')) ?? '')?.[1] ?? 3,
);
const VERBOSE = args.includes('--verbose');
const require = createRequire(import.meta.url);

function loadImage(file) {
  const bytes = readFileSync(path.join(FIXTURES, file));
  const image = file.endsWith('.png')
    ? PNG.sync.read(bytes)
    : jpeg.decode(bytes, { useTArray: true });
  return { data: new Uint8ClampedArray(image.data), width: image.width, height: image.height };
}

// ---- decoders: each takes RGBA pixels and returns every text it finds ----------------------

/** Paints flat grey over the box around `points` (plus `pad`), so the next call looks elsewhere. */
function mask(pixels, width, height, points, pad) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x0 = Math.max(0, Math.floor(Math.min(...xs) - pad));
  const x1 = Math.min(width, Math.ceil(Math.max(...xs) + pad));
  const y0 = Math.max(0, Math.floor(Math.min(...ys) - pad));
  const y1 = Math.min(height, Math.ceil(Math.max(...ys) + pad));
  for (let y = y0; y < y1; y += 1) pixels.fill(128, (y * width + x0) * 4, (y * width + x1) * 4);
}

/** Decoders that find one code per call find the rest by masking each and calling again. */
function everyCode(decodeOne) {
  return ({ data, width, height }) => {
    const pixels = new Uint8ClampedArray(data);
    const texts = [];
    for (let i = 0; i < 8; i += 1) {
      const found = decodeOne({ data: pixels, width, height });
      if (!found) break;
      texts.push(found.text);
      mask(pixels, width, height, found.points, found.pad);
    }
    return [...new Set(texts)];
  };
}

function jsqrFirst({ data, width, height }) {
  const code = jsQR(data, width, height, { inversionAttempts: 'attemptBoth' });
  return code && { text: code.data, points: Object.values(code.location), pad: 8 };
}

function jsqrOne(image) {
  const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  return code ? [code.data] : [];
}

function luminance({ data, width, height }) {
  const out = new Uint8ClampedArray(width * height);
  for (let i = 0; i < out.length; i += 1) {
    out[i] = (data[i * 4] * 77 + data[i * 4 + 1] * 150 + data[i * 4 + 2] * 29) >> 8;
  }
  return out;
}

/** @zxing/library's QR reader, as drawn and inverted (it does not invert by itself). */
function zxingLibraryFirst(image) {
  const hints = new Map([[DecodeHintType.TRY_HARDER, true]]);
  const source = new RGBLuminanceSource(luminance(image), image.width, image.height);
  for (const s of [source, source.invert()]) {
    try {
      const result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(s)), hints);
      const points = result.getResultPoints().map((p) => ({ x: p.getX(), y: p.getY() }));
      // The points are finder-pattern centres: pad by a third of the code to cover its edges.
      const span = Math.max(...points.map((p) => p.x)) - Math.min(...points.map((p) => p.x));
      return { text: result.getText(), points, pad: span / 3 + 8 };
    } catch {
      // NotFoundException / ChecksumException: nothing readable in this polarity.
    }
  }
  return null;
}

async function zxingWasm(image) {
  const results = await readBarcodes(image, {
    formats: ['QRCode'],
    tryHarder: true,
    tryInvert: true,
    tryRotate: true,
    tryDownscale: true,
    maxNumberOfSymbols: 16,
  });
  return [...new Set(results.filter((r) => r.isValid).map((r) => r.text))];
}

// ---- bundle bytes --------------------------------------------------------------------------

async function bundleBytes(source, wasmFile) {
  const out = await build({
    stdin: { contents: source, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const js = out.outputFiles[0].contents;
  const wasm = wasmFile ? readFileSync(require.resolve(wasmFile)) : new Uint8Array();
  return {
    js: js.length,
    jsGzip: gzipSync(js).length,
    wasm: wasm.length,
    wasmGzip: wasm.length ? gzipSync(wasm).length : 0,
  };
}

// ---- run -----------------------------------------------------------------------------------

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;

async function main() {
  prepareZXingModule({
    overrides: { wasmBinary: readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm')) },
  });
  await readBarcodes({ data: new Uint8ClampedArray(4), width: 1, height: 1 }); // load the module
  const manifest = JSON.parse(readFileSync(path.join(FIXTURES, 'manifest.json'), 'utf8'));
  const images = manifest.map((m) => ({ ...m, image: loadImage(m.file) }));
  const decoders = [
    { name: 'jsqr (one per call)', decode: jsqrOne, bundle: "export { default } from 'jsqr';" },
    {
      name: 'jsqr + masking',
      decode: everyCode(jsqrFirst),
      bundle: "export { default } from 'jsqr';",
    },
    {
      name: '@zxing/library + masking',
      decode: everyCode(zxingLibraryFirst),
      bundle:
        "export { QRCodeReader, RGBLuminanceSource, HybridBinarizer, BinaryBitmap } from '@zxing/library';",
    },
    {
      name: 'zxing-wasm/reader',
      decode: zxingWasm,
      bundle: "export { readBarcodes, prepareZXingModule } from 'zxing-wasm/reader';",
      wasm: 'zxing-wasm/reader/zxing_reader.wasm',
    },
  ];
  const expectedTotal = images.reduce((n, i) => n + i.texts.length, 0);
  const rows = [];
  for (const decoder of decoders) {
    let found = 0;
    let wrong = 0;
    const times = [];
    const misses = [];
    for (const { file, texts, image } of images) {
      const perRun = [];
      let got = [];
      for (let run = 0; run < RUNS; run += 1) {
        const start = performance.now();
        got = await decoder.decode(image);
        perRun.push(performance.now() - start);
      }
      times.push(median(perRun));
      const hits = texts.filter((t) => got.includes(t)).length;
      found += hits;
      wrong += got.filter((t) => !texts.includes(t)).length;
      if (hits < texts.length || got.length > hits) misses.push(`${file} ${hits}/${texts.length}`);
    }
    const bytes = await bundleBytes(decoder.bundle, decoder.wasm);
    rows.push({
      decoder: decoder.name,
      found,
      wrong,
      ms: median(times),
      max: Math.max(...times),
      bytes,
      misses,
    });
  }
  console.log(
    `${images.length} images, ${expectedTotal} codes, median of ${RUNS} runs per image\n`,
  );
  console.log(
    '| decoder | found / expected | wrong | median ms | max ms | JS min (gzip) | wasm (gzip) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const wasm = r.bytes.wasm ? `${kb(r.bytes.wasm)} (${kb(r.bytes.wasmGzip)})` : '–';
    console.log(
      `| ${r.decoder} | ${r.found} / ${expectedTotal} | ${r.wrong} | ${r.ms.toFixed(1)} | ${r.max.toFixed(0)} | ${kb(r.bytes.js)} (${kb(r.bytes.jsGzip)}) | ${wasm} |`,
    );
  }
  console.log('');
  for (const r of rows) console.log(`${r.decoder} missed: ${r.misses.join(', ') || 'nothing'}`);
  await worstCase();
  if (VERBOSE) console.log(JSON.stringify(rows, null, 2));
}

/**
 * The longest one decode should take: zxing-wasm over an image at the decode budget the
 * extension scales everything down to (src/qr/limits.ts), blank and full of noise.
 */
async function worstCase() {
  const [width, height] = [3840, 2160];
  let x = 1;
  for (const kind of ['blank', 'noise']) {
    const data = new Uint8ClampedArray(width * height * 4).fill(255);
    if (kind === 'noise') {
      for (let i = 0; i < width * height; i += 1) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        if (x & 1) data.fill(0, i * 4, i * 4 + 3);
      }
    }
    const start = performance.now();
    await zxingWasm({ data, width, height });
    console.log(
      `zxing-wasm, ${width}×${height} ${kind}: ${(performance.now() - start).toFixed(0)} ms`,
    );
  }
}

await main();
