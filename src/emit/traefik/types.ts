// The part of Traefik v3's file-provider configuration that ingressctl writes, as typed
// structures (field names as Traefik's YAML reads them). Serialised only by quote.ts.

export interface Router {
  entryPoints: ['web'] | ['websecure'];
  rule: string;
  /** explicit, from the model's precedence: never the rule's length */
  priority: number;
  middlewares?: string[];
  service: string;
  tls?: Record<string, never>;
}

export interface Server {
  url: string;
}

export type Service =
  | {
      loadBalancer: {
        servers: Server[];
        passHostHeader?: boolean;
        serversTransport?: string;
        sticky?: { cookie: { name: string; httpOnly: boolean; secure?: boolean; maxAge?: number; path?: string } };
      };
    }
  | { weighted: { services: { name: string; weight: number }[] } };

export type Middleware =
  | { redirectScheme: { scheme: 'https'; permanent: true; port: string } }
  | { redirectRegex: { regex: string; replacement: string; permanent: boolean } }
  | { replacePathRegex: { regex: string; replacement: string } }
  | { headers: Headers }
  | { basicAuth: { users: string[]; realm: string; removeHeader?: boolean } }
  | { ipAllowList: { sourceRange: string[]; rejectStatusCode?: number } }
  | { rateLimit: { average: number; period: string; burst: number } }
  | { inFlightReq: { amount: number; sourceCriterion: { ipStrategy: { depth: 0 } } } }
  | { buffering: { maxRequestBodyBytes: number } };

export interface Headers {
  customRequestHeaders?: Record<string, string>;
  customResponseHeaders?: Record<string, string>;
  accessControlAllowOriginList?: string[];
  accessControlAllowOriginListRegex?: string[];
  accessControlAllowMethods?: string[];
  accessControlAllowHeaders?: string[];
  accessControlExposeHeaders?: string[];
  accessControlAllowCredentials?: boolean;
  accessControlMaxAge?: number;
  addVaryHeader?: boolean;
}

export interface ServersTransport {
  insecureSkipVerify?: boolean;
  forwardingTimeouts: { dialTimeout: string; responseHeaderTimeout: string };
}

export interface DynamicConfig {
  http: {
    routers: Record<string, Router>;
    services: Record<string, Service>;
    middlewares?: Record<string, Middleware>;
    serversTransports?: Record<string, ServersTransport>;
  };
  tls?: {
    certificates?: { certFile: string; keyFile: string }[];
    stores: { default: { defaultCertificate: { certFile: string; keyFile: string } } };
  };
}
