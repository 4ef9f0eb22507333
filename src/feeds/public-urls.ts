/** The public addresses of the catalogue's things, under the API's public URL; one place builds them all. */
export class PublicUrls {
  private readonly base: string;

  constructor(publicUrl: string) {
    this.base = publicUrl.replace(/\/+$/, '');
  }

  institution(id: string): string {
    return `${this.base}/institutions/${id}`;
  }

  programme(id: string): string {
    return `${this.base}/programmes/${id}`;
  }

  session(id: string): string {
    return `${this.base}/sessions/${id}`;
  }

  topics(): string {
    return `${this.base}/topics`;
  }

  feed(name: string): string {
    return `${this.base}/feeds/${name}`;
  }

  institutionCalendar(id: string): string {
    return `${this.base}/feeds/institutions/${id}/sessions.ics`;
  }

  unitCalendar(id: string): string {
    return `${this.base}/feeds/units/${id}/sessions.ics`;
  }

  /** The host name, for calendar UIDs that stay unique across deployments. */
  host(): string {
    return new URL(this.base).host;
  }
}
