export { FleetDrPage } from './FleetDrPage';
