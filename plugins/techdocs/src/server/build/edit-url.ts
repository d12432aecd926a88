/**
 * The "edit this page" link, as MkDocs builds it: `edit_uri` resolved against `repo_url`, then the
 * page's path inside the docs folder. Without `edit_uri`, GitHub and GitLab repositories get
 * MkDocs' default (`edit/master/docs/`). Only http(s) URLs are used.
 */
export function editUrlBase(repoUrl: string | undefined, editUri: string | undefined): string | undefined {
  if (repoUrl === undefined || !isHttpUrl(repoUrl)) return undefined;
  const repo = new URL(repoUrl.endsWith('/') ? repoUrl : `${repoUrl}/`);
  const uri = editUri ?? (/(^|\.)(github\.com|gitlab\.com)$/i.test(repo.hostname) ? 'edit/master/docs/' : undefined);
  if (uri === undefined || uri === '') return undefined;
  const base = new URL(uri.endsWith('/') ? uri : `${uri}/`, repo);
  return base.protocol === 'http:' || base.protocol === 'https:' ? base.href : undefined;
}

export function editUrlOf(base: string | undefined, sourcePath: string): string | undefined {
  if (base === undefined) return undefined;
  return new URL(sourcePath.split('/').map(encodeURIComponent).join('/'), base).href;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
