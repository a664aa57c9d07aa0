export * from './digits';
