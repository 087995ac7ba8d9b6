/**
 * Where remembered passwords live. The desktop app encrypts them with the OS keychain (Electron
 * safeStorage) and keeps only ciphertext in the workspace; the web host and the CLI keep them in
 * process memory and forget them on exit. Nothing ever writes a password in plain text.
 */
import type { Workspace } from '../workspace/workspace';

export interface SecretStore {
  readonly kind: 'keychain' | 'memory';
  get(connectionId: string): string | undefined;
  set(connectionId: string, secret: string): void;
  delete(connectionId: string): void;
  has(connectionId: string): boolean;
}

export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory';
  private readonly secrets = new Map<string, string>();

  get(connectionId: string): string | undefined {
    return this.secrets.get(connectionId);
  }
  set(connectionId: string, secret: string): void {
    this.secrets.set(connectionId, secret);
  }
  delete(connectionId: string): void {
    this.secrets.delete(connectionId);
  }
  has(connectionId: string): boolean {
    return this.secrets.has(connectionId);
  }
}

/** What the OS keychain offers: Electron's safeStorage has exactly this shape. */
export interface SecretCipher {
  encryptString(plainText: string): Buffer;
  decryptString(ciphertext: Buffer): string;
}

export class KeychainSecretStore implements SecretStore {
  readonly kind = 'keychain';

  constructor(
    private readonly workspace: Workspace,
    private readonly cipher: SecretCipher,
  ) {}

  get(connectionId: string): string | undefined {
    const ciphertext = this.workspace.readSecretCiphertext(connectionId);
    return ciphertext ? this.cipher.decryptString(ciphertext) : undefined;
  }
  set(connectionId: string, secret: string): void {
    this.workspace.writeSecretCiphertext(connectionId, this.cipher.encryptString(secret));
  }
  delete(connectionId: string): void {
    this.workspace.deleteSecretCiphertext(connectionId);
  }
  has(connectionId: string): boolean {
    return this.workspace.readSecretCiphertext(connectionId) !== undefined;
  }
}
