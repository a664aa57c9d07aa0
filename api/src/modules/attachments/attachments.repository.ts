import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { returningRows } from '../../database/returning-rows';
import type { AttachmentOwnerType } from './attachment.entity';
import type { AttachmentContentType } from './file-type';

/** An attachment's metadata with its municipality's slug (for its URL). Never the bytes. */
export type AttachmentRow = {
  id: string;
  organizationId: string;
  slug: string;
  ownerType: AttachmentOwnerType;
  ownerId: string;
  filename: string;
  contentType: AttachmentContentType;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
};

const COLUMNS = `a.id, a.organization_id AS "organizationId", o.slug, a.owner_type AS "ownerType", a.owner_id AS "ownerId",
  a.filename, a.content_type AS "contentType", a.size_bytes AS "sizeBytes", a.sha256, a.created_at AS "createdAt"`;

/** Queries on attachment and attachment_blob; listing queries never touch the blob table. */
@Injectable()
export class AttachmentsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Stores the metadata and the bytes in one transaction. */
  async insert(input: {
    organizationId: string;
    ownerType: AttachmentOwnerType;
    ownerId: string;
    filename: string;
    contentType: AttachmentContentType;
    sha256: string;
    createdBy: string | null;
    data: Buffer;
  }): Promise<string> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO attachment (organization_id, owner_type, owner_id, filename, content_type, size_bytes, sha256, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [input.organizationId, input.ownerType, input.ownerId, input.filename, input.contentType, input.data.length, input.sha256, input.createdBy],
      );
      await tx.query(`INSERT INTO attachment_blob (attachment_id, data) VALUES ($1, $2)`, [row.id, input.data]);
      return row.id as string;
    });
  }

  /** Metadata of one attachment of this organisation. */
  async findOne(organizationId: string, id: string): Promise<AttachmentRow | null> {
    const [row] = await this.db.query(
      `SELECT ${COLUMNS} FROM attachment a JOIN organization o ON o.id = a.organization_id
       WHERE a.organization_id = $1 AND a.id = $2`,
      [organizationId, id],
    );
    return row ?? null;
  }

  /** Metadata of the given attachments of this organisation (one query). */
  byIds(organizationId: string, ids: string[]): Promise<AttachmentRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM attachment a JOIN organization o ON o.id = a.organization_id
       WHERE a.organization_id = $1 AND a.id = ANY($2::uuid[])`,
      [organizationId, ids],
    );
  }

  /** Every attachment of the given owners, oldest first (one query). */
  listForOwners(organizationId: string, ownerType: AttachmentOwnerType, ownerIds: string[]): Promise<AttachmentRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM attachment a JOIN organization o ON o.id = a.organization_id
       WHERE a.organization_id = $1 AND a.owner_type = $2 AND a.owner_id = ANY($3::uuid[])
       ORDER BY a.created_at, a.id`,
      [organizationId, ownerType, ownerIds],
    );
  }

  /**
   * A slice of the bytes. With the column stored EXTERNAL (uncompressed TOAST), PostgreSQL reads
   * only the chunks the slice covers, so a large file streams without being held in memory.
   */
  async readSlice(id: string, offset: number, length: number): Promise<Buffer | null> {
    const [row] = await this.db.query(
      `SELECT substring(data FROM $2 FOR $3) AS chunk FROM attachment_blob WHERE attachment_id = $1`,
      [id, offset + 1, length],
    );
    return row ? (row.chunk as Buffer) : null;
  }

  async delete(organizationId: string, id: string): Promise<boolean> {
    const rows = returningRows(
      await this.db.query(`DELETE FROM attachment WHERE organization_id = $1 AND id = $2 RETURNING id`, [organizationId, id]),
    );
    return rows.length > 0;
  }

  /** Deletes every attachment of the given owners (their bytes go with them); returns how many. */
  async deleteForOwners(organizationId: string, ownerType: AttachmentOwnerType, ownerIds: string[]): Promise<number> {
    const rows = returningRows(
      await this.db.query(
        `DELETE FROM attachment WHERE organization_id = $1 AND owner_type = $2 AND owner_id = ANY($3::uuid[]) RETURNING id`,
        [organizationId, ownerType, ownerIds],
      ),
    );
    return rows.length;
  }
}
