import { registerPersonalDataSource } from '../personal-data/index.ts';
import { loadPersonChanges } from './changes.data-source.ts';

export { registerPersonalDataSource } from '../personal-data/index.ts';
export { registerExportRoutes } from './exports.routes.ts';
export {
  findExportViewId,
  prepareExport,
  type TExportInput,
  type TPreparedExport,
  writeExport,
} from './exports.service.ts';

registerPersonalDataSource('changes', loadPersonChanges);
