export { createQrDecoder, type QrDecoder, type QrDecoderDeps, type QrPixels } from './decode';
export { readImageSize, type ImageSize } from './image-size';
export {
  MAX_QR_DATA_URL_CHARS,
  MAX_QR_DECODE_PIXELS,
  MAX_QR_IMAGE_BYTES,
  MAX_QR_IMAGE_PIXELS,
} from './limits';
export { QR_WASM_FILE } from './wasm-file';
