/**
 * Where the QR decoder's WebAssembly sits in the built extension: wxt.config.ts copies it
 * there from zxing-wasm, and the background fetches it from there.
 */
export const QR_WASM_FILE = 'zxing_reader.wasm';
