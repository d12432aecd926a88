/** The API contract of the hello plugin, shared by its server and web parts. */
export interface Greeting {
  message: string;
  /** How many times the greeting was served since the database was created. */
  visits: number;
}
