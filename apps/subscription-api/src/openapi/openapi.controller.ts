import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { OPENAPI_DOCUMENT } from './openapi-document.js';

interface Response {
  type(contentType: string): Response;
  send(body: string | Buffer): void;
  status(code: number): Response;
}

/** The Swagger UI files /docs serves from the swagger-ui-dist package (no CDN), by URL name. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
};
const ASSET_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Hookstream API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="/docs/assets/init.js"></script>
</body></html>`;

const INIT_SCRIPT = `window.ui = SwaggerUIBundle({ url: '/v1/openapi.json', dom_id: '#ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });`;

/** The OpenAPI document and a rendered reference of it; public, like the event catalog. */
@Controller()
export class OpenApiController {
  private readonly assets = new Map<string, Buffer>();

  @Get('v1/openapi.json')
  document(): unknown {
    return OPENAPI_DOCUMENT;
  }

  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  docs(): string {
    return DOCS_PAGE;
  }

  @Get('docs/assets/:name')
  asset(@Param('name') name: string, @Res() response: Response): void {
    if (name === 'init.js') return void response.type('text/javascript; charset=utf-8').send(INIT_SCRIPT);
    const contentType = ASSETS[name];
    if (!contentType) return void response.status(404).type('text/plain').send('not found');
    let file = this.assets.get(name);
    if (!file) {
      file = readFileSync(join(ASSET_DIR, name));
      this.assets.set(name, file);
    }
    response.type(contentType).send(file);
  }
}
