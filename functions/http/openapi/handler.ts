import { AREAS } from '../../../shared/contracts';
import { openApiDocument } from '../../../shared/contracts/openapi';
import { openApi as route } from '../../../shared/contracts/platform';
import { httpHandler } from '../_lib/http-handler';

let document: ReturnType<typeof openApiDocument> | undefined;

/** GET /v1/openapi.json — the OpenAPI 3.1 document, generated from the route contracts (public). */
export const handler = httpHandler(route, () => {
  document ??= openApiDocument(AREAS);
  return Promise.resolve(document as { openapi: string; info: { title: string; version: string } });
});
