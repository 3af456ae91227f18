// Default mode: Nest calls these on each request and awaits them (see the
// middleware, guard, interceptor and pipe files). Nest catches what they
// throw, so nothing for Express 4's error forwarding is added.
import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AuditMiddleware } from './audit.middleware';
import { BannerMiddleware } from './banner.middleware';
import { stamp } from './stamp';

@Module({})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(AuditMiddleware, BannerMiddleware, stamp).exclude('health').forRoutes('*');
  }
}
