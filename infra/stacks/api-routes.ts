import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { API_DOMAINS } from '../../functions/api/domains';
import type { ApiFunctionDomain } from '../constructs/bundling';

export interface ApiGatewayRoute {
  method: HttpMethod;
  /** The route's path as API Gateway writes it: the same OpenAPI-style template (`/v1/startups/{id}`). */
  path: string;
  domain: ApiFunctionDomain;
  public: boolean;
}

/** Every route of the API as API Gateway routes it: its method and path to its domain's function. */
export function apiGatewayRoutes(): ApiGatewayRoute[] {
  return Object.entries(API_DOMAINS).flatMap(([domain, routes]) =>
    routes.map((route) => ({
      method: HttpMethod[route.method.toUpperCase() as keyof typeof HttpMethod],
      path: route.path,
      domain: domain as ApiFunctionDomain,
      public: route.access === 'public',
    })),
  );
}
