import {
  Controller,
  Get,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  NotFoundException,
  Param,
  RequestMethod,
  Res,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { projectRoot } from '@app/common';
import { graphiqlPage } from './graphiql-page';

const GRAPHQL_PATH = '/graphql';
const ASSETS_PATH = '/graphql-ide';

/** The files the page needs, resolved from installed packages (no CDN: works offline). */
const ASSETS: Record<string, { pkg: string; path: string; type: string }> = {
  'graphiql.min.js': { pkg: 'graphiql', path: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.min.css': { pkg: 'graphiql', path: 'graphiql.min.css', type: 'text/css' },
  'react.production.min.js': { pkg: 'react', path: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.production.min.js': { pkg: 'react-dom', path: 'umd/react-dom.production.min.js', type: 'text/javascript' },
};

@Controller(ASSETS_PATH)
export class GraphqlIdeAssetsController {
  private readonly resolve = createRequire(join(projectRoot(), 'package.json')).resolve;

  @Get(':file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    const asset = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!asset) {
      throw new NotFoundException();
    }
    res.type(asset.type).setHeader('Cache-Control', 'public, max-age=86400');
    // Through package.json: the packages' "exports" do not expose their UMD builds.
    res.sendFile(join(dirname(this.resolve(`${asset.pkg}/package.json`)), asset.path));
  }
}

/** Serves GraphiQL on GET /graphql to browsers; API clients (and GET queries) pass through. */
@Module({ controllers: [GraphqlIdeAssetsController] })
export class GraphqlIdeModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    const page = graphiqlPage(GRAPHQL_PATH, ASSETS_PATH);
    consumer
      .apply((req: Request, res: Response, next: NextFunction) => {
        const wantsPage = req.accepts(['application/json', 'text/html']) === 'text/html' && !req.query.query;
        if (wantsPage) {
          res.type('html').send(page);
        } else {
          next();
        }
      })
      .forRoutes({ path: GRAPHQL_PATH, method: RequestMethod.GET });
  }
}
