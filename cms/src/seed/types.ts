// Shape of cms/seed/reports.json: the five source reports, structured. People and
// institutions are listed once and referenced by `key` from events.

export interface SeedInstitution {
  key: string;
  name: string;
  shortName?: string | null;
  kind?: string | null;
  city?: string | null;
  gmina?: string | null;
  powiat?: string | null;
  voivodeship?: string | null;
  website?: string | null;
  description?: string | null;
}

export interface SeedSpeaker {
  key: string;
  name: string;
  honorific?: string | null;
  position?: string | null;
  institution?: string | null;
  bio?: string | null;
}

export interface SeedAppearance {
  speaker: string;
  role: string;
  function?: string | null;
  affiliation?: string | null;
  talkTitle?: string | null;
  note?: string | null;
}

export interface SeedPhoto {
  alt: string;
  caption?: string | null;
  label: string;
}

export interface SeedEvent {
  key: string;
  source?: string;
  title: string;
  type: string;
  lead?: string | null;
  /** Markdown; stored as Blocks (converted at import). */
  body?: string | null;
  dates: { start: string; end?: string | null; label?: string | null }[];
  venue?: Record<string, string | null> | null;
  format?: string | null;
  streamUrl?: string | null;
  organizers?: string[];
  partners?: string[];
  participants?: string[];
  appearances?: SeedAppearance[];
  attendance?: number | null;
  attendanceApproximate?: boolean | null;
  audience?: string | null;
  funding?: Record<string, string | null>[];
  credits?: { role: string; name: string }[];
  sourceName?: string | null;
  sourceUrl?: string | null;
  gallery?: { title: string; photographer?: string | null; photos: SeedPhoto[] } | null;
}

export interface SeedFile {
  institutions: SeedInstitution[];
  speakers: SeedSpeaker[];
  events: SeedEvent[];
  siteSettings: Record<string, unknown>;
}
