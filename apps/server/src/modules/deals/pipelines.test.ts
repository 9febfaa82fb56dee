import type { TPipeline } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { dealsKit } from './deals-test-kit.ts';

const { app, db } = await createTestApp();
const kit = dealsKit(app);

let owner: TSession;
let sales: TSession;
let other: TSession;

beforeAll(async () => {
  owner = await signUp(app, 'Pipelines');
  other = await signUp(app, 'Other pipelines');
  sales = await addMember(app, db, owner, 'sales');
});

const stages = [
  { name: 'New', probability: 10 },
  { name: 'Demo', probability: 40 },
  { name: 'Won', probability: 100, kind: 'won' },
  { name: 'Lost', probability: 0, kind: 'lost' },
];

describe('pipelines', () => {
  it('a workspace gets a default pipeline with ordered stages on first use', async () => {
    const pipeline = await kit.defaultPipeline(owner);
    expect(pipeline.name).toBe('Sales pipeline');
    expect(pipeline.stages.map((s) => [s.name, s.probability, s.kind, s.position])).toEqual([
      ['Lead', 10, 'open', 0],
      ['Qualified', 25, 'open', 1],
      ['Proposal', 50, 'open', 2],
      ['Negotiation', 75, 'open', 3],
      ['Won', 100, 'won', 4],
      ['Lost', 0, 'lost', 5],
    ]);
    // Asked again: the same one, not a second default.
    expect((await kit.defaultPipeline(owner)).id).toBe(pipeline.id);
  });

  it('creates, renames, reorders and re-weights stages; validation names the field', async () => {
    const pipeline = await kit.createPipeline(owner, { name: 'Partners', stages });
    expect(pipeline.isDefault).toBe(false);
    expect(pipeline.stages.map((s) => s.name)).toEqual(['New', 'Demo', 'Won', 'Lost']);

    const bad = await kit.call(owner, 'POST', '/api/v1/pipelines', {
      name: 'Bad',
      stages: [{ name: 'A', probability: 101 }],
    });
    expect(errorOf(bad, 400).details).toContainEqual(
      expect.objectContaining({ path: 'stages.0.probability' }),
    );
    const noOpen = await kit.call(owner, 'POST', '/api/v1/pipelines', {
      name: 'Bad',
      stages: [{ name: 'Won', probability: 100, kind: 'won' }],
    });
    expect(errorOf(noOpen, 400).details?.[0]?.path).toBe('stages');

    const [newStage, demo, won, lost] = pipeline.stages;
    if (!newStage || !demo || !won || !lost) throw new Error('stages');
    const reordered = await kit.call(
      owner,
      'PUT',
      `/api/v1/pipelines/${pipeline.id}/stages/order`,
      { stageIds: [demo.id, newStage.id, won.id, lost.id] },
      { 'if-match': `"${pipeline.version}"` },
    );
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect((reordered.json() as TPipeline).stages.map((s) => s.name)).toEqual(['Demo', 'New', 'Won', 'Lost']);
    const stale = await kit.call(
      owner,
      'PUT',
      `/api/v1/pipelines/${pipeline.id}/stages/order`,
      { stageIds: [newStage.id, demo.id, won.id, lost.id] },
      { 'if-match': `"${pipeline.version}"` },
    );
    errorOf(stale, 412);

    const patched = await kit.call(owner, 'PATCH', `/api/v1/pipelines/${pipeline.id}`, {
      name: 'Partner deals',
      stages: [
        { id: newStage.id, name: 'Fresh', probability: 15 },
        { name: 'Trial', probability: 60 },
        { id: won.id, name: 'Won', probability: 100, kind: 'won' },
        { id: lost.id, name: 'Lost', probability: 0, kind: 'lost' },
      ],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const result = patched.json() as TPipeline;
    expect(result.name).toBe('Partner deals');
    expect(result.stages.map((s) => [s.name, s.probability, s.position])).toEqual([
      ['Fresh', 15, 0],
      ['Trial', 60, 1],
      ['Won', 100, 2],
      ['Lost', 0, 3],
    ]);
    const foreignId = await kit.call(owner, 'PATCH', `/api/v1/pipelines/${pipeline.id}`, {
      stages: [{ id: '0195d2a4-0000-7000-8000-000000000000', name: 'X', probability: 5 }],
    });
    expect(errorOf(foreignId, 400).details?.[0]?.path).toBe('stages.0.id');
  });

  it('a stage with deals is deleted only by moving them (409 otherwise), and the move is history', async () => {
    const pipeline = await kit.createPipeline(owner, { name: 'Deletions', stages });
    const [first, second] = pipeline.stages;
    if (!first || !second) throw new Error('stages');
    const deal = await kit.createDeal(owner, { name: 'Stuck', currency: 'EUR', stageId: first.id });
    const refused = await kit.call(owner, 'DELETE', `/api/v1/pipelines/${pipeline.id}/stages/${first.id}`);
    expect(errorOf(refused, 409).message).toContain('1 deals');
    const removedByPatch = await kit.call(owner, 'PATCH', `/api/v1/pipelines/${pipeline.id}`, {
      stages: pipeline.stages
        .slice(1)
        .map(({ id, name, probability, kind }) => ({ id, name, probability, kind })),
    });
    errorOf(removedByPatch, 409);
    const moved = await kit.call(
      owner,
      'DELETE',
      `/api/v1/pipelines/${pipeline.id}/stages/${first.id}?moveDealsTo=${second.id}`,
    );
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as TPipeline).stages.map((s) => s.name)).toEqual(['Demo', 'Won', 'Lost']);
    const history = await kit.call(owner, 'GET', `/api/v1/deals/${deal.id}/stage-history`);
    expect(
      history
        .json()
        .data.map((h: { fromStageId: string | null; toStageId: string }) => [h.fromStageId, h.toStageId]),
    ).toEqual([
      [null, first.id],
      [first.id, second.id],
    ]);
    const after = await kit.call(owner, 'GET', `/api/v1/deals/${deal.id}`);
    expect(after.json()).toMatchObject({ stageId: second.id, probability: 40, version: deal.version + 1 });
    // An empty stage goes at once; a pipeline with deals does not, nor the default one.
    errorOf(await kit.call(owner, 'DELETE', `/api/v1/pipelines/${pipeline.id}`), 409);
    const defaultPipeline = await kit.defaultPipeline(owner);
    errorOf(await kit.call(owner, 'DELETE', `/api/v1/pipelines/${defaultPipeline.id}`), 409);
  });

  it('only settings managers change pipelines; other workspaces get 404', async () => {
    const pipeline = await kit.defaultPipeline(owner);
    errorOf(await kit.call(sales, 'POST', '/api/v1/pipelines', { name: 'Mine', stages }), 403);
    errorOf(await kit.call(sales, 'PATCH', `/api/v1/pipelines/${pipeline.id}`, { name: 'Mine' }), 403);
    expect((await kit.call(sales, 'GET', `/api/v1/pipelines/${pipeline.id}`)).statusCode).toBe(200);
    errorOf(await kit.call(other, 'GET', `/api/v1/pipelines/${pipeline.id}`), 404);
    errorOf(await kit.call(other, 'GET', `/api/v1/pipelines/${pipeline.id}/stats`), 404);
  });
});
