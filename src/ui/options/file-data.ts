import { fromBase64, toBase64 } from '../../shared';

/** A file the background wrote, for the page to hand to the person. */
export interface FileToSave {
  fileName: string;
  mimeType: string;
  /** The bytes in base64, as they crossed the message channel. */
  data: string;
}

/** Hands a file to the person (a download in the browser, a fake in tests). */
export type SaveFile = (file: FileToSave) => void;

/** A file's or image's bytes in base64: runtime messages are JSON, so bytes travel as text. */
export async function readAsBase64(blob: Blob): Promise<string> {
  return toBase64(new Uint8Array(await blob.arrayBuffer()));
}

/** Saves through a download link, the way a page offers a file without any permission. */
export const saveWithDownloadLink: SaveFile = ({ fileName, mimeType, data }) => {
  const url = URL.createObjectURL(new Blob([fromBase64(data)], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked once the download surely has its own copy; until then the URL must stay valid.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
