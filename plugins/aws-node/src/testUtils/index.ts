export * from './moto';
