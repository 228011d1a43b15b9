import { Controller, Get, Header, Headers, Param, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Response } from 'express';
import { asHttpError, bearerToken, CommonRefusal, DomainError, ErrorCode } from '@app/common';
import { AuthService } from '@app/identity';
import { exportDocx, exportFileName, exportMarkdown, type PositionExport } from './position-export';
import { PositionExportService } from './position-export.service';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The agreed text with its signatories, as Markdown or Word, over HTTP: for the network's members
 * (send your access token as `Authorization: Bearer …`), and anyone once submitted unless private.
 */
@Controller('positions')
export class PositionExportController {
  constructor(
    private readonly exports: PositionExportService,
    private readonly auth: AuthService,
  ) {}

  @Get(':id/export.md')
  @Header('Content-Type', 'text/markdown; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  async markdown(@Param('id') id: string, @Headers('authorization') authorization?: string): Promise<string> {
    return exportMarkdown(await this.load(id, authorization));
  }

  @Get(':id/export.docx')
  async docx(
    @Param('id') id: string,
    @Res() res: Response,
    @Headers('authorization') authorization?: string,
  ): Promise<void> {
    const doc = await this.load(id, authorization);
    const body = await exportDocx(doc);
    res.attachment(exportFileName(doc, 'docx')); // an ASCII name, and RFC 6266's UTF-8 one where needed
    res.setHeader('Content-Type', DOCX);
    res.setHeader('Cache-Control', 'private, no-store');
    res.end(body);
  }

  private async load(id: string, authorization?: string): Promise<PositionExport> {
    if (!isUUID(id)) {
      throw asHttpError(new DomainError(ErrorCode.NOT_FOUND, CommonRefusal.NOT_FOUND, 'No such joint position'));
    }
    try {
      return await this.exports.exportOf(await this.auth.actorFor(bearerToken(authorization)), id);
    } catch (error) {
      throw asHttpError(error);
    }
  }
}
