import type { DataSource } from 'typeorm';
import { buildZip, contentTypesXml, RELS } from '../attachments/files';
import type { BuiltOrganization } from '../factories/organization.factory';
import { buildOpenActivity } from '../factories/plan.factory';
import { personWithRoles } from '../plans/plan-helpers';
import type { TestApp } from '../support/test-app';
import type { TestClient } from '../support/test-client';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A line of a report: a heading (level 1), a paragraph, or a picture (its bytes and description). */
export type ReportLine = string | { heading: string } | { picture: Buffer; alt: string };

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A real .docx, as Word writes it: styles say which paragraphs are headings. */
export function reportDocx(lines: ReportLine[], extra: Record<string, string | Buffer> = {}): Buffer {
  const media: Record<string, Buffer> = {};
  const rels: string[] = [];
  const body = lines
    .map((line) => {
      if (typeof line === 'string')
        return `<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve">${escape(line)}</w:t></w:r></w:p>`;
      if ('heading' in line)
        return `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>${escape(line.heading)}</w:t></w:r></w:p>`;
      const id = `rIdImg${rels.length + 1}`;
      media[`word/media/image${rels.length + 1}.jpeg`] = line.picture;
      rels.push(
        `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image${rels.length + 1}.jpeg"/>`,
      );
      return (
        '<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture" descr="' +
        escape(line.alt) +
        '"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="' +
        id +
        '"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
      );
    })
    .join('');
  const document =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"' +
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"' +
    ' xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">' +
    `<w:body>${body}<w:sectPr/></w:body></w:document>`;
  const styles =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>' +
    '</w:styles>';
  const documentRels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
  return buildZip({
    '[Content_Types].xml': contentTypesXml(),
    '_rels/.rels': RELS,
    'word/document.xml': document,
    'word/styles.xml': styles,
    'word/_rels/document.xml.rels': documentRels,
    ...media,
    ...extra,
  });
}

/** A plan with an open stage holding an open consultation activity. */
export function buildConsultation(db: DataSource, organizationId: string, settings: Record<string, unknown> = {}) {
  return buildOpenActivity(db, organizationId, 'consultation', settings);
}

/** A planner of the organisation. */
export function planner(t: TestApp, org: BuiltOrganization) {
  return personWithRoles(t, org, ['planner'], 'برنامه‌ریز شهرداری');
}

/** Uploads a .docx to the consultation and imports it as the draft; returns the import response. */
export async function importDocx(
  client: TestClient,
  slug: string,
  activityId: string,
  bytes: Buffer,
  filename = 'report.docx',
) {
  const upload = await client.rawBytes(
    'POST',
    `/api/orgs/${slug}/attachments?ownerType=activity&ownerId=${activityId}&filename=${encodeURIComponent(filename)}`,
    bytes,
    {
      'content-type': DOCX_TYPE,
    },
  );
  if (upload.status !== 201) return upload;
  return client.post(`/api/orgs/${slug}/consultations/${activityId}/editions/import`, { attachmentId: upload.body.id });
}

/** Writes and publishes an edition from blocks; returns the reading view of it. */
export async function publishEdition(
  client: TestClient,
  slug: string,
  activityId: string,
  title: string,
  blocks: unknown[],
) {
  const created = await client.post(`/api/orgs/${slug}/consultations/${activityId}/editions`, { title, blocks });
  if (created.status !== 201) throw new Error(`draft: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await client.post(
    `/api/orgs/${slug}/consultations/${activityId}/editions/${created.body.number}/publish`,
  );
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  return (await client.get(`/api/orgs/${slug}/consultations/${activityId}`)).body;
}

/** Every block of a reading view, in order. */
export function blocksOf(view: {
  edition: { sections: { blocks: { id: string; anchor: string; text: string }[] }[] };
}) {
  return view.edition.sections.flatMap((s) => s.blocks);
}
