export * from './moto';
export * from './iamPolicy';
export * from './recordedAnswers';
export * from './scripts';
