export * from './errors';
export * from './result';
export * from './brand';
export * from './bytes';
export * from './base32';
export * from './content-script-files';
export * from './is-record';
