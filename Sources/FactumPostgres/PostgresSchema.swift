/// The ledger's tables and its append function in one PostgreSQL schema (namespace).
enum PostgresSchema {
    /// The key of the transaction-level advisory lock every append to a ledger takes, with the
    /// schema's hash as its second half: appends to one ledger run one at a time, so positions
    /// are given, and committed, in order (docs/postgres.md); ledgers in other schemas do not
    /// wait for each other.
    static let appendLock: Int32 = 72_684_657
    /// The session-level advisory lock under which a schema is created or checked.
    static let migrationLock: Int32 = 72_684_658

    static func create(_ schema: String) -> [String] {
        let s = "\"\(schema)\""
        return [
            "CREATE SCHEMA IF NOT EXISTS \(s)",
            "CREATE TABLE \(s).factum_ledger (name text PRIMARY KEY, value text NOT NULL)",
            "CREATE SEQUENCE \(s).factum_positions AS bigint",
            """
            CREATE TABLE \(s).factum_events (
                position bigint PRIMARY KEY,
                event_id uuid NOT NULL UNIQUE,
                entity text NOT NULL,
                source_id text NOT NULL,
                version integer NOT NULL CHECK (version >= 1),
                event_type uuid NOT NULL,
                generation integer NOT NULL,
                event_name text NOT NULL,
                visibility text NOT NULL,
                "timestamp" double precision NOT NULL,
                correlation_id text,
                causation_id text,
                actor text,
                metadata_values jsonb,
                metadata jsonb NOT NULL,
                payload bytea NOT NULL,
                payload_json jsonb,
                UNIQUE (entity, source_id, version)
            )
            """,
            "CREATE TABLE \(s).factum_sources (entity text NOT NULL, source_id text NOT NULL, version integer NOT NULL, PRIMARY KEY (entity, source_id))",
            "CREATE INDEX factum_events_by_name ON \(s).factum_events (event_name, position)",
            "CREATE INDEX factum_events_by_entity ON \(s).factum_events (entity, position)",
            "CREATE INDEX factum_events_payload ON \(s).factum_events USING gin (payload_json jsonb_path_ops)",
            "CREATE INDEX factum_events_metadata ON \(s).factum_events USING gin (metadata jsonb_path_ops)",
        ] + functions(schema) + [
            "INSERT INTO \(s).factum_ledger VALUES ('schema-version', '\(PostgresEventStore.schemaVersion)')",
        ]
    }

    /// Projections' checkpoints and parked events, and aggregates' snapshots (docs/projections.md).
    static func projections(_ schema: String) -> [String] {
        let s = "\"\(schema)\""
        return [
            """
            CREATE TABLE IF NOT EXISTS \(s).factum_checkpoints (
                projection text NOT NULL,
                version integer NOT NULL,
                position bigint NOT NULL,
                updated double precision NOT NULL,
                PRIMARY KEY (projection, version)
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS \(s).factum_parked (
                projection text NOT NULL,
                version integer NOT NULL,
                position bigint NOT NULL,
                entity text NOT NULL,
                source_id text NOT NULL,
                event_id uuid NOT NULL,
                reason text NOT NULL,
                attempts integer NOT NULL,
                parked_at double precision NOT NULL,
                PRIMARY KEY (projection, version, position)
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS \(s).factum_snapshots (
                entity text NOT NULL,
                source_id text NOT NULL,
                version integer NOT NULL,
                stamp text NOT NULL,
                state bytea NOT NULL,
                taken_at double precision NOT NULL,
                PRIMARY KEY (entity, source_id)
            )
            """,
        ]
    }

    /// The ledger's functions, replaced as they are on every migration: schema 2 writes an
    /// append's rows in one statement (schema 1 wrote them one at a time).
    static func functions(_ schema: String) -> [String] {
        let s = "\"\(schema)\""
        return [
            """
            CREATE OR REPLACE FUNCTION \(s).factum_try_jsonb(data bytea) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $f$
            BEGIN
                RETURN convert_from(data, 'UTF8')::jsonb;
            EXCEPTION WHEN others THEN
                RETURN NULL;
            END $f$
            """,
            """
            CREATE OR REPLACE FUNCTION \(s).factum_append(
                p_entity text, p_source text, p_expected integer,
                p_ids uuid[], p_types uuid[], p_generations integer[], p_names text[], p_visibilities text[],
                p_timestamps double precision[], p_metadata text[], p_filter_metadata text[], p_payloads bytea[],
                p_condition integer, p_after bigint, p_cond_entity text, p_cond_keys text[], p_cond_names text[],
                p_cond_data_names text[], p_cond_data_paths text[], p_cond_data_tests boolean[], p_cond_meta text, p_cond_meta_test boolean
            ) RETURNS TABLE (out_position bigint, out_version integer) LANGUAGE plpgsql SET search_path = \(s) AS $f$
            DECLARE
                actual integer;
                conflict boolean := false;
                i integer;
                first bigint;
                n integer := coalesce(array_length(p_ids, 1), 0);
            BEGIN
                PERFORM pg_advisory_xact_lock(\(appendLock), hashtext('\(schema)'));
                IF n > 0 AND EXISTS (SELECT 1 FROM factum_events WHERE event_id = p_ids[1]) THEN
                    RAISE EXCEPTION 'factum: a retry' USING ERRCODE = 'FX001';
                END IF;
                SELECT version INTO actual FROM factum_sources WHERE entity = p_entity AND source_id = p_source;
                actual := coalesce(actual, 0);
                IF p_expected IS NOT NULL AND p_expected <> actual THEN
                    RAISE EXCEPTION '%', actual USING ERRCODE = 'FX002';
                END IF;
                IF p_condition = 1 THEN
                    SELECT EXISTS (SELECT 1 FROM factum_events WHERE position > p_after AND entity = p_cond_entity
                        AND (p_cond_keys IS NULL OR source_id = ANY (p_cond_keys))
                        AND (p_cond_names IS NULL OR event_name = ANY (p_cond_names))) INTO conflict;
                ELSIF p_condition = 2 THEN
                    IF coalesce(array_length(p_cond_data_names, 1), 0) = 0 THEN
                        EXECUTE format('SELECT EXISTS (SELECT 1 FROM factum_events WHERE position > $1 AND ($2::jsonpath IS NULL OR metadata %s $2::jsonpath))',
                                       CASE WHEN p_cond_meta_test THEN '@@' ELSE '@?' END)
                            INTO conflict USING p_after, p_cond_meta;
                    ELSE
                        FOR i IN 1 .. array_length(p_cond_data_names, 1) LOOP
                            EXECUTE format('SELECT EXISTS (SELECT 1 FROM factum_events WHERE position > $1 AND event_name = $2 AND payload_json %s $3::jsonpath AND ($4::jsonpath IS NULL OR metadata %s $4::jsonpath))',
                                           CASE WHEN p_cond_data_tests[i] THEN '@@' ELSE '@?' END, CASE WHEN p_cond_meta_test THEN '@@' ELSE '@?' END)
                                INTO conflict USING p_after, p_cond_data_names[i], p_cond_data_paths[i], p_cond_meta;
                            EXIT WHEN conflict;
                        END LOOP;
                    END IF;
                END IF;
                IF conflict THEN
                    RAISE EXCEPTION 'factum: the append condition failed' USING ERRCODE = 'FX003';
                END IF;
                IF n > 0 AND EXISTS (SELECT 1 FROM factum_events WHERE event_id = ANY (p_ids)) THEN
                    RAISE EXCEPTION 'factum: an event id is stored already' USING ERRCODE = 'FX004';
                END IF;
                IF n = 0 THEN
                    RETURN;
                END IF;
                -- Positions in a row: the append lock is held, so no other append takes one
                -- meanwhile (a rolled-back append leaves its positions as a hole).
                first := nextval('factum_positions');
                IF n > 1 THEN
                    PERFORM setval('factum_positions', first + n - 1);
                END IF;
                BEGIN
                    INSERT INTO factum_events
                    SELECT first + e.k - 1, e.id, p_entity, p_source, actual + e.k::integer, e.t, e.g, e.nm, e.v, e.ts,
                        e.m->>'correlationId', e.m->>'causationId', e.m->>'actor', e.m->'values', e.fm::jsonb, e.p,
                        convert_from(e.p, 'UTF8')::jsonb
                    FROM (SELECT u.*, u.md::jsonb AS m
                          FROM unnest(p_ids, p_types, p_generations, p_names, p_visibilities, p_timestamps, p_metadata, p_filter_metadata, p_payloads)
                               WITH ORDINALITY AS u(id, t, g, nm, v, ts, md, fm, p, k)) e;
                EXCEPTION WHEN others THEN
                    -- A payload PostgreSQL does not read as JSON: stored as its bytes, with
                    -- payload_json NULL (one subtransaction per event, on this path only). Any
                    -- other failure fails here again, and is raised.
                    INSERT INTO factum_events
                    SELECT first + e.k - 1, e.id, p_entity, p_source, actual + e.k::integer, e.t, e.g, e.nm, e.v, e.ts,
                        e.m->>'correlationId', e.m->>'causationId', e.m->>'actor', e.m->'values', e.fm::jsonb, e.p,
                        factum_try_jsonb(e.p)
                    FROM (SELECT u.*, u.md::jsonb AS m
                          FROM unnest(p_ids, p_types, p_generations, p_names, p_visibilities, p_timestamps, p_metadata, p_filter_metadata, p_payloads)
                               WITH ORDINALITY AS u(id, t, g, nm, v, ts, md, fm, p, k)) e;
                END;
                INSERT INTO factum_sources VALUES (p_entity, p_source, actual + n)
                    ON CONFLICT (entity, source_id) DO UPDATE SET version = EXCLUDED.version;
                PERFORM pg_notify('factum_\(schema)', (first + n - 1)::text);
                RETURN QUERY SELECT first + k - 1, actual + k::integer FROM generate_series(1, n) AS k;
            END $f$
            """,
        ]
    }
}
