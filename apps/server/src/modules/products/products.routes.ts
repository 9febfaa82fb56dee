import {
  listResponse,
  ZCreateProductRequest,
  ZListProductsQuery,
  ZProduct,
  ZProductCategoriesResponse,
  ZUpdateProductRequest,
} from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readIfMatch } from '../../lib/if-match.ts';
import { addRoute } from '../../lib/route.ts';
import {
  createProduct,
  deleteProduct,
  getProduct,
  listProductCategories,
  listProducts,
  updateProduct,
} from './products.service.ts';

const ZProductParams = z.object({ id: z.string().max(100) });

export function registerProductRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/products',
    summary: 'List products (keyset-paginated), by category, active flag and name/SKU search',
    tags: ['Products'],
    query: ZListProductsQuery,
    response: listResponse(ZProduct),
    handler: ({ trx, actor, query }) => listProducts(trx, actor, query),
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/products/categories',
    summary: 'The categories products use, sorted',
    tags: ['Products'],
    response: ZProductCategoriesResponse,
    handler: ({ trx, actor }) => listProductCategories(trx, actor),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/products',
    summary: 'Create a product; the SKU is unique in the workspace (409)',
    tags: ['Products'],
    body: ZCreateProductRequest,
    status: 201,
    response: ZProduct,
    errors: [409],
    handler: async ({ trx, actor, body, reply }) => {
      const product = await createProduct(trx, actor, body);
      reply.header('etag', `"${product.version}"`).header('location', `/api/v1/products/${product.id}`);
      return product;
    },
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/products/:id',
    summary: 'Get a product',
    tags: ['Products'],
    params: ZProductParams,
    response: ZProduct,
    handler: async ({ trx, actor, params, reply }) => {
      const product = await getProduct(trx, actor, params.id);
      reply.header('etag', `"${product.version}"`);
      return product;
    },
  });
  addRoute(app, {
    method: 'PATCH',
    url: '/api/v1/products/:id',
    summary: 'Change a product; If-Match with the version you read refuses stale writes (412)',
    tags: ['Products'],
    params: ZProductParams,
    body: ZUpdateProductRequest,
    response: ZProduct,
    errors: [409, 412],
    handler: async ({ trx, actor, params, body, req, reply }) => {
      const product = await updateProduct(trx, actor, params.id, body, readIfMatch(req));
      reply.header('etag', `"${product.version}"`);
      return product;
    },
  });
  addRoute(app, {
    method: 'DELETE',
    url: '/api/v1/products/:id',
    summary: 'Delete a product; order lines keep their description, SKU and category',
    tags: ['Products'],
    params: ZProductParams,
    status: 204,
    errors: [412],
    handler: ({ trx, actor, params, req }) => deleteProduct(trx, actor, params.id, readIfMatch(req)),
  });
}
