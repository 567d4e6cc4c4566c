import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

/** Props of {@link QrCode}. */
export interface QrCodeProps {
  text: string;
  /** The image's accessible name. */
  label: string;
}

/** Dark modules of a QR code as one SVG path, one unit square each. */
async function qrPath(text: string): Promise<{ size: number; path: string }> {
  // Loaded only when someone asks to see a QR code: the popup stays small without it.
  const module = await import('qrcode');
  const create =
    (module as unknown as { default?: typeof module }).default?.create ?? module.create;
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  let path = '';
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      // i18n-exempt: SVG path data.
      if (modules.get(y, x)) path += `M${x} ${y}h1v1h-1z`;
    }
  }
  return { size: modules.size, path };
}

/** A QR code drawn as SVG, with the quiet zone scanners need around it. */
export function QrCode({ text, label }: QrCodeProps) {
  const [drawn, setDrawn] = useState<{ size: number; path: string }>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    qrPath(text).then(
      (result) => current && setDrawn(result),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [text]);

  if (failed) return <p class="alert">{t('qrDrawFailed')}</p>;
  if (!drawn) return <p class="muted">{t('qrDrawing')}</p>;
  const quiet = 4;
  const side = drawn.size + quiet * 2;
  return (
    <svg
      class="qr-code"
      role="img"
      aria-label={label}
      viewBox={`${-quiet} ${-quiet} ${side} ${side}`}
      shape-rendering="crispEdges"
    >
      <rect x={-quiet} y={-quiet} width={side} height={side} fill="#fff" />
      <path d={drawn.path} fill="#000" />
    </svg>
  );
}
