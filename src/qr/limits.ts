/**
 * The one home for QR image limits. A QR image comes from a web page, a screenshot or a file
 * the person picked; each limit keeps a hostile or mistaken image from costing more than a
 * real setup screen or export does.
 */

/** Largest image file decoded: a full-screen screenshot of a 5K display as PNG fits. */
export const MAX_QR_IMAGE_BYTES = 16 * 1024 * 1024;

/**
 * Most pixels an image may claim in its header (4096 × 4096). Checked before decoding, so a
 * small file that would expand to a huge bitmap is refused without being decoded.
 */
export const MAX_QR_IMAGE_PIXELS = 4096 * 4096;

/**
 * Most pixels handed to the QR decoder (a 4K screen, 3840 × 2160); larger images are scaled
 * down to fit when drawn, which keeps one decode to a fraction of a second.
 */
export const MAX_QR_DECODE_PIXELS = 3840 * 2160;

/** Longest `data:` URL a page's setup screen may send as a QR image; a real one is a few KiB. */
export const MAX_QR_DATA_URL_CHARS = 512 * 1024;
