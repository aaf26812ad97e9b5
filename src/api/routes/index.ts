// Every route module, registered in one place.

import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.js';
import { adminRoutes } from './admin.js';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { codeRoutes } from './codes.js';
import { kpiRoutes } from './kpis.js';
import { personRoutes } from './persons.js';
import { reviewRoutes } from './review.js';
import { sourceRoutes } from './sources.js';

export function registerRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  authRoutes(app, ctx);
  personRoutes(app, ctx);
  codeRoutes(app, ctx);
  kpiRoutes(app, ctx);
  sourceRoutes(app, ctx);
  reviewRoutes(app, ctx);
  auditRoutes(app, ctx);
  adminRoutes(app, ctx);
  return Promise.resolve();
}
