package dev.podsift.store;

import java.util.List;

/** The schema, as numbered steps; a database records the last step applied and only ever moves forward. */
final class Migrations {
    private Migrations() {
    }

    static final List<List<String>> STEPS = List.of(
            List.of("""
                    CREATE TABLE podcasts (
                      id {ID},
                      url TEXT NOT NULL UNIQUE,
                      title TEXT,
                      link TEXT,
                      image_url TEXT,
                      added_at BIGINT NOT NULL,
                      last_checked_at BIGINT,
                      last_error TEXT)""",
                    """
                    CREATE TABLE episodes (
                      id {ID},
                      podcast_id BIGINT NOT NULL REFERENCES podcasts(id) ON DELETE CASCADE,
                      identity TEXT NOT NULL,
                      guid TEXT,
                      title TEXT,
                      link TEXT,
                      published_at BIGINT,
                      duration_seconds BIGINT,
                      enclosure_url TEXT,
                      enclosure_type TEXT,
                      transcript_url TEXT,
                      transcript_type TEXT,
                      stage TEXT NOT NULL,
                      failure_reason TEXT,
                      created_at BIGINT NOT NULL,
                      updated_at BIGINT NOT NULL,
                      UNIQUE (podcast_id, identity))""",
                    "CREATE INDEX episodes_stage ON episodes(stage)",
                    """
                    CREATE TABLE transcripts (
                      episode_id BIGINT PRIMARY KEY REFERENCES episodes(id) ON DELETE CASCADE,
                      source TEXT NOT NULL,
                      segments_json TEXT NOT NULL,
                      created_at BIGINT NOT NULL)""",
                    """
                    CREATE TABLE insights (
                      id {ID},
                      episode_id BIGINT NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
                      position INTEGER NOT NULL,
                      text TEXT NOT NULL,
                      quote TEXT NOT NULL,
                      start_seconds DOUBLE PRECISION NOT NULL,
                      end_seconds DOUBLE PRECISION NOT NULL,
                      score DOUBLE PRECISION NOT NULL,
                      speaker TEXT,
                      embedding {BLOB} NOT NULL,
                      created_at BIGINT NOT NULL,
                      UNIQUE (episode_id, position))""",
                    """
                    CREATE TABLE digests (
                      id {ID},
                      subscriber TEXT NOT NULL,
                      generated_at BIGINT NOT NULL,
                      body_json TEXT NOT NULL)""",
                    """
                    CREATE TABLE digest_items (
                      digest_id BIGINT NOT NULL REFERENCES digests(id) ON DELETE CASCADE,
                      insight_id BIGINT NOT NULL REFERENCES insights(id) ON DELETE CASCADE,
                      rank INTEGER NOT NULL,
                      PRIMARY KEY (digest_id, insight_id))"""),
            List.of("""
                    CREATE TABLE llm_cache (
                      cache_key TEXT PRIMARY KEY,
                      answer TEXT NOT NULL,
                      created_at BIGINT NOT NULL)"""),
            // v3: the show notes, so speech recognition can put the episodes that match a subscriber's topics first
            List.of("ALTER TABLE episodes ADD COLUMN description TEXT"));
}
