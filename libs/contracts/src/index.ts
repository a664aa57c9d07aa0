export * from './common';
export * from './errors';
export * from './identity';
export * from './organizations';
export * from './realtime';
export * from './plans';
export * from './comments';
export * from './problems';
