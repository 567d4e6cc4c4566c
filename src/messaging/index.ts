export * from './protocol';
export * from './client';
export * from './sender';
export * from './server';
