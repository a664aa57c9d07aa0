export * from './digits';
export * from './numbers';
export * from './normalize';
export * from './jalali';
export * from './markdown';
export * from './word-diff';
export * from './excerpt';
export * from './hygiene';
