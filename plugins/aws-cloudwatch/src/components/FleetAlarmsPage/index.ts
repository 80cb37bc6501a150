export { FleetAlarmsPage } from './FleetAlarmsPage';
