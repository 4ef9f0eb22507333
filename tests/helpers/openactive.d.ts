// OpenActive's validators ship no type declarations; this is the part of their API the feed tests use.
declare module '@openactive/data-model-validator' {
  interface ValidationResult {
    severity: 'failure' | 'warning' | 'notice' | 'suggestion';
    path: string;
    message: string;
  }
  export function validate(data: object, options: { loadRemoteJson?: boolean; rpdeItemKind?: string; remoteJsonCachePath?: string }): Promise<ValidationResult[]>;
}

declare module '@openactive/rpde-validator' {
  interface FeedLogError {
    severity: string;
    message: string;
    url?: string;
    type?: string;
  }
  interface FeedLogPage {
    url: string;
    errors: FeedLogError[];
  }
  interface FeedLog {
    pages: FeedLogPage[];
    errors?: FeedLogError[];
  }
  export function RpdeValidator(url: string, options?: { pageLimit?: number; timeoutMs?: number }): Promise<FeedLog>;
}
