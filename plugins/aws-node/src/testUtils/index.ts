export * from './moto';
export * from './iamPolicy';
