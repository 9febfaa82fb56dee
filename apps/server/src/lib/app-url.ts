import type { FastifyRequest } from 'fastify';

/** Links in mails point at `KAP_PUBLIC_URL` when set, else at the address the request came to. */
export function appUrlOf(req: FastifyRequest): string {
  return (req.server.kap.config.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/$/, '');
}
