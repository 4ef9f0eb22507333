import path from 'node:path';

const twoUp = path.resolve(__dirname, '..', '..');
/** True when running the compiled files under dist/, false under ts-jest. */
export const RUNNING_COMPILED = path.basename(twoUp) === 'dist';
/** The project's root folder, whether running from source or from dist/. */
export const PROJECT_ROOT = RUNNING_COMPILED ? path.dirname(twoUp) : twoUp;
