/*
 * database.mjs - where a test's kring keeps its data: a SQLite file in the
 * test's own directory, or, when KRING_TEST_PG names a PostgreSQL cluster
 * (scripts/pg-cluster's URL), a fresh database created in that cluster for
 * this one test server. Both HTTP and browser suites use it, so every suite
 * runs unchanged against either backend.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';

export const PG_BASE = process.env.KRING_TEST_PG || '';
export const BACKEND = PG_BASE ? 'postgres' : 'sqlite';

/* The URL of database `name` in the cluster of PG_BASE. */
function pgUrl(name) {
	// postgresql://user@/dbname?host=... (a host-less URL: no URL() here)
	return PG_BASE.replace(/^(postgres(?:ql)?:\/\/[^/]*\/)[^?]*/, `$1${name}`);
}

/* A new, empty database for one server: a file path, or a PostgreSQL URL. */
export function freshDatabase(dir) {
	if (!PG_BASE) return path.join(dir, 'kring.db');
	const name = `kring_${crypto.randomBytes(6).toString('hex')}`;
	execFileSync('psql', ['-qX', '-v', 'ON_ERROR_STOP=1', PG_BASE, '-c', `CREATE DATABASE ${name}`], {
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	return pgUrl(name);
}

/* Runs one SQL statement on a test database; returns its output (unaligned, no headers). */
export function sql(db, query) {
	if (!PG_BASE) return execFileSync('sqlite3', [db, query]).toString().trim();
	return execFileSync('psql', ['-qXAt', '-v', 'ON_ERROR_STOP=1', db, '-c', query]).toString().trim();
}
