import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { RESPONSE_STORE } from './cached-response.middleware';
import { ResponseStore } from './response-store';

/** The one store of whole responses (null when RESPONSE_CACHE_MB is 0). */
@Module({
  providers: [
    {
      provide: RESPONSE_STORE,
      inject: [AppConfig],
      useFactory: (config: AppConfig): ResponseStore | null =>
        config.RESPONSE_CACHE_MB > 0 ? new ResponseStore(config.RESPONSE_CACHE_MB * 1024 * 1024) : null,
    },
  ],
  exports: [RESPONSE_STORE],
})
export class ResponseCacheModule {}
