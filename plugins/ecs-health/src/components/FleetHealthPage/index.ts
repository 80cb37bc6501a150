export { FleetHealthPage } from './FleetHealthPage';
