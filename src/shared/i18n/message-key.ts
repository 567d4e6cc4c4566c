import type en from '../../../public/_locales/en/messages.json';

/** Every message name Keyfob has; the English catalogue is the reference. */
export type MessageKey = keyof typeof en;
