export {
  createDemoWorkspace,
  DEMO_OWNER_EMAIL,
  DEMO_WORKSPACE_NAME,
  prepareDemo,
  seedDemoData,
  type TDemoAccount,
  type TPrepareDemoResult,
  type TSeedDemoOptions,
  type TSeedDemoResult,
} from './demo.service.ts';
