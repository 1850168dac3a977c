import type { Role } from '../entities/api-token.entity';

/** Who is asking: the role of the presented token (null: none), and its name for audit columns. */
export interface Principal {
  role: Role | null;
  /** The token's name, or "anonymous" when anonymous read let the request in. */
  name: string;
}
