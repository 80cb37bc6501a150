export { EntityDrStatus } from './EntityDrStatus';
