export { EntityAlarmsContent } from './EntityAlarmsContent';
