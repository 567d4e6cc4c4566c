/** A found code: its text and the corners of where it is in the image. */
export interface Placed {
  text: string;
  position: Record<'topLeft' | 'topRight' | 'bottomLeft' | 'bottomRight', { x: number; y: number }>;
}

function box({ position }: Placed) {
  const corners = Object.values(position);
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  return { left: Math.min(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
}

/**
 * The texts in reading order, each once: codes are grouped into rows (a code whose middle is
 * above the bottom of the row's first code joins that row), rows top to bottom, codes left to
 * right within a row.
 */
export function readingOrder(codes: readonly Placed[]): string[] {
  const placed = codes.map((code) => ({ text: code.text, ...box(code) }));
  placed.sort((a, b) => a.top - b.top);
  const rows: (typeof placed)[] = [];
  for (const code of placed) {
    const row = rows.at(-1);
    if (row && (code.top + code.bottom) / 2 < row[0]!.bottom) row.push(code);
    else rows.push([code]);
  }
  const texts = rows.flatMap((row) => row.sort((a, b) => a.left - b.left).map((c) => c.text));
  return [...new Set(texts)];
}
