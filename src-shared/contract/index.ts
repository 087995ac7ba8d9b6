export * from './methods';
export * from './events';
