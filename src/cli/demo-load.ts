import 'reflect-metadata';
import { loadDemoData } from '../demo/demo-data';
import { runDatabaseTool } from '../app/run';

/** `npm run demo:load`: the reference units and, on an empty catalogue, the demo data. */
runDatabaseTool(({ orm, services, log }) => loadDemoData(orm.em, services, log));
