import type { OtpAlgorithm } from '../../src/otp/types';

// The RFC test vectors, in one place: the source of truth for code generation tests.
// Seeds are the RFCs' ASCII strings; tests base32-encode them.

/**
 * RFC 4226 Appendix D: HOTP-SHA1, 6 digits, secret "12345678901234567890", counters 0–9.
 * @see https://www.rfc-editor.org/rfc/rfc4226#appendix-D
 */
export const RFC4226_VECTORS = {
  seed: '12345678901234567890',
  algorithm: 'SHA1' as OtpAlgorithm,
  digits: 6,
  codes: [
    '755224',
    '287082',
    '359152',
    '969429',
    '338314',
    '254676',
    '287922',
    '162583',
    '399871',
    '520489',
  ],
};

/**
 * RFC 6238 Appendix B seeds: the appendix's reference code uses a key as long as each hash's
 * output (20, 32 and 64 bytes), repeating "1234567890"; the table lists only the 20-byte one.
 * @see https://www.rfc-editor.org/rfc/rfc6238#appendix-A
 */
export const RFC6238_SEEDS: Record<OtpAlgorithm, string> = {
  SHA1: '12345678901234567890',
  SHA256: '12345678901234567890123456789012',
  SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
};

/** One RFC 6238 Appendix B row: 8 digits, 30-second steps, T0 = 0. */
export interface Rfc6238Vector {
  /** Unix time in seconds. */
  time: number;
  /** The time step T, in the RFC's hex. */
  stepHex: string;
  algorithm: OtpAlgorithm;
  code: string;
}

/**
 * RFC 6238 Appendix B: all 18 rows (6 times × SHA1, SHA256, SHA512), 8 digits, period 30.
 * @see https://www.rfc-editor.org/rfc/rfc6238#appendix-B
 */
export const RFC6238_VECTORS: readonly Rfc6238Vector[] = [
  { time: 59, stepHex: '0000000000000001', algorithm: 'SHA1', code: '94287082' },
  { time: 59, stepHex: '0000000000000001', algorithm: 'SHA256', code: '46119246' },
  { time: 59, stepHex: '0000000000000001', algorithm: 'SHA512', code: '90693936' },
  { time: 1111111109, stepHex: '00000000023523EC', algorithm: 'SHA1', code: '07081804' },
  { time: 1111111109, stepHex: '00000000023523EC', algorithm: 'SHA256', code: '68084774' },
  { time: 1111111109, stepHex: '00000000023523EC', algorithm: 'SHA512', code: '25091201' },
  { time: 1111111111, stepHex: '00000000023523ED', algorithm: 'SHA1', code: '14050471' },
  { time: 1111111111, stepHex: '00000000023523ED', algorithm: 'SHA256', code: '67062674' },
  { time: 1111111111, stepHex: '00000000023523ED', algorithm: 'SHA512', code: '99943326' },
  { time: 1234567890, stepHex: '000000000273EF07', algorithm: 'SHA1', code: '89005924' },
  { time: 1234567890, stepHex: '000000000273EF07', algorithm: 'SHA256', code: '91819424' },
  { time: 1234567890, stepHex: '000000000273EF07', algorithm: 'SHA512', code: '93441116' },
  { time: 2000000000, stepHex: '0000000003F940AA', algorithm: 'SHA1', code: '69279037' },
  { time: 2000000000, stepHex: '0000000003F940AA', algorithm: 'SHA256', code: '90698825' },
  { time: 2000000000, stepHex: '0000000003F940AA', algorithm: 'SHA512', code: '38618901' },
  { time: 20000000000, stepHex: '0000000027BC86AA', algorithm: 'SHA1', code: '65353130' },
  { time: 20000000000, stepHex: '0000000027BC86AA', algorithm: 'SHA256', code: '77737706' },
  { time: 20000000000, stepHex: '0000000027BC86AA', algorithm: 'SHA512', code: '47863826' },
];
