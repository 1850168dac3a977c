/**
 * The warehouse DataSource of the environment's configuration, for the TypeORM CLI
 * (`npm run typeorm -- migration:show`). The app, the CLIs and the tests build theirs with the same
 * factory, `createDataSource`, from their own validated configuration.
 */
import { loadConfigOrExit } from './src/config/config';
import { createDataSource } from './src/db/data-source';

export { createDataSource };
export default createDataSource(loadConfigOrExit());
