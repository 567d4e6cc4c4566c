// @vitest-environment happy-dom
import type { QrImageCandidate } from '../cognito/screens';
import { MAX_QR_DATA_URL_CHARS } from '../qr';
import { captureQrImages } from './qr-capture';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

function image(src: string, size = { width: 200, height: 200 }, complete = true) {
  const element = document.createElement('img');
  element.setAttribute('src', src);
  Object.defineProperty(element, 'complete', { configurable: true, get: () => complete });
  Object.defineProperty(element, 'naturalWidth', { get: () => size.width });
  Object.defineProperty(element, 'naturalHeight', { get: () => size.height });
  return element;
}

const candidate = (element: HTMLImageElement): QrImageCandidate => ({
  src: element.getAttribute('src')!,
  element,
  labelledQr: true,
});

function fakeCanvas(toDataURL: () => string) {
  const drawImage = vi.fn();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({
    drawImage,
  } as unknown as CanvasRenderingContext2D);
  vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockImplementation(toDataURL);
  return drawImage;
}

describe('QR image capture', () => {
  it('sends data: images as written, without drawing them', async () => {
    const draw = fakeCanvas(() => PNG);
    expect(await captureQrImages([candidate(image(PNG))])).toEqual([PNG]);
    expect(draw).not.toHaveBeenCalled();
  });

  it('draws a same-origin image the page loaded', async () => {
    const element = image('/qr.png');
    const draw = fakeCanvas(() => 'data:image/png;base64,AAAA');
    expect(await captureQrImages([candidate(element)])).toEqual(['data:image/png;base64,AAAA']);
    expect(draw).toHaveBeenCalledWith(element, 0, 0, 200, 200);
  });

  it('waits for an image still loading, and skips one that fails', async () => {
    const loading = image('/late.png', { width: 100, height: 100 }, false);
    const broken = image('/broken.png', { width: 0, height: 0 }, false);
    fakeCanvas(() => 'data:image/png;base64,BBBB');
    const captured = captureQrImages([candidate(broken), candidate(loading)]);
    broken.dispatchEvent(new Event('error'));
    setTimeout(() => loading.dispatchEvent(new Event('load')), 20);
    expect(await captured).toEqual(['data:image/png;base64,BBBB']);
  });

  it('skips a tainted canvas and an oversized data URL', async () => {
    fakeCanvas(() => {
      throw new DOMException('Tainted canvases may not be exported.', 'SecurityError');
    });
    const huge = `data:image/png;base64,${'A'.repeat(MAX_QR_DATA_URL_CHARS)}`;
    expect(
      await captureQrImages([candidate(image('/redirected.png')), candidate(image(huge))]),
    ).toEqual([]);
  });
});
