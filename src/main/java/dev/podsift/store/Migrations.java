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
            List.of("ALTER TABLE episodes ADD COLUMN description TEXT"),
            // v4: the daily service: subscribers, what they follow, one delivery row per (subscriber, local date),
            // feedback, and db-scheduler's task table (its documented layout)
            List.of("""
                    CREATE TABLE subscribers (
                      id {ID},
                      email TEXT NOT NULL UNIQUE,
                      status TEXT NOT NULL,
                      topics TEXT NOT NULL DEFAULT '',
                      delivery_time TEXT NOT NULL,
                      time_zone TEXT NOT NULL,
                      created_at BIGINT NOT NULL,
                      confirmed_at BIGINT,
                      unsubscribed_at BIGINT,
                      bounced_at BIGINT,
                      bounce_reason TEXT)""",
                    """
                    CREATE TABLE subscriptions (
                      subscriber_id BIGINT NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
                      podcast_id BIGINT NOT NULL REFERENCES podcasts(id) ON DELETE CASCADE,
                      created_at BIGINT NOT NULL,
                      PRIMARY KEY (subscriber_id, podcast_id))""",
                    """
                    CREATE TABLE deliveries (
                      id {ID},
                      subscriber_id BIGINT NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
                      local_date TEXT NOT NULL,
                      due_at BIGINT NOT NULL,
                      state TEXT NOT NULL,
                      message_id TEXT NOT NULL UNIQUE,
                      digest_id BIGINT REFERENCES digests(id) ON DELETE SET NULL,
                      subject TEXT,
                      body_text TEXT,
                      body_html TEXT,
                      attempts INTEGER NOT NULL DEFAULT 0,
                      next_attempt_at BIGINT NOT NULL,
                      smtp_started_at BIGINT,
                      sent_at BIGINT,
                      error TEXT,
                      created_at BIGINT NOT NULL,
                      updated_at BIGINT NOT NULL,
                      UNIQUE (subscriber_id, local_date))""",
                    "CREATE INDEX deliveries_state ON deliveries(state, next_attempt_at)",
                    """
                    CREATE TABLE votes (
                      subscriber_id BIGINT NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
                      insight_id BIGINT NOT NULL REFERENCES insights(id) ON DELETE CASCADE,
                      vote INTEGER NOT NULL,
                      created_at BIGINT NOT NULL,
                      PRIMARY KEY (subscriber_id, insight_id))""",
                    """
                    CREATE TABLE scheduled_tasks (
                      task_name TEXT NOT NULL,
                      task_instance TEXT NOT NULL,
                      task_data {BLOB},
                      execution_time {TS} NOT NULL,
                      picked BOOLEAN NOT NULL,
                      picked_by TEXT,
                      last_success {TS},
                      last_failure {TS},
                      consecutive_failures INT,
                      last_heartbeat {TS},
                      version BIGINT NOT NULL,
                      priority SMALLINT,
                      PRIMARY KEY (task_name, task_instance))""",
                    "CREATE INDEX scheduled_tasks_execution ON scheduled_tasks(execution_time)"),
            // v5: polite polling: the last response's validators, when to poll next, consecutive errors, and the
            // address a feed moved from (to refuse two feeds that point at each other)
            List.of("ALTER TABLE podcasts ADD COLUMN etag TEXT",
                    "ALTER TABLE podcasts ADD COLUMN last_modified TEXT",
                    "ALTER TABLE podcasts ADD COLUMN next_poll_at BIGINT",
                    "ALTER TABLE podcasts ADD COLUMN error_count INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE podcasts ADD COLUMN previous_url TEXT"),
            // v6: the last storm a feed had (GUIDs re-issued, too many new episodes at once), for the admin page;
            // an episode's tries after temporary failures, and when it may be tried again
            List.of("ALTER TABLE podcasts ADD COLUMN storm_note TEXT",
                    "ALTER TABLE podcasts ADD COLUMN storm_at BIGINT",
                    "ALTER TABLE episodes ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE episodes ADD COLUMN retry_at BIGINT"),
            // v7: revocable sign-in: sessions are server-side rows (the browser holds a random value, we keep its
            // hash); emailed sign-in and confirmation links are spent when used; every subscriber's links carry a
            // random key, so rotating it (or signing up afresh) makes the old ones worthless
            List.of("""
                    CREATE TABLE sign_ins (
                      token_hash TEXT PRIMARY KEY,
                      subscriber_id BIGINT NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
                      created_at BIGINT NOT NULL,
                      expires_at BIGINT NOT NULL)""",
                    "CREATE INDEX sign_ins_subscriber ON sign_ins(subscriber_id)",
                    """
                    CREATE TABLE spent_links (
                      link_hash TEXT PRIMARY KEY,
                      spent_at BIGINT NOT NULL,
                      expires_at BIGINT NOT NULL)""",
                    "ALTER TABLE subscribers ADD COLUMN link_key TEXT",
                    "UPDATE subscribers SET link_key = {RANDOM_KEY} WHERE link_key IS NULL"),
            // v8: one podcast per show: an address found to be another stored feed's (http and https, a redirect,
            // the feed's own self link) is kept as an alias of it, and its followers follow that one; and which
            // days were made on request
            List.of("""
                    CREATE TABLE podcast_aliases (
                      url TEXT PRIMARY KEY,
                      podcast_id BIGINT NOT NULL REFERENCES podcasts(id) ON DELETE CASCADE,
                      merged_at BIGINT NOT NULL)""",
                    "CREATE INDEX podcast_aliases_podcast ON podcast_aliases(podcast_id)",
                    // a day made at the subscriber's request ("make today's digest now"), not at its time
                    "ALTER TABLE deliveries ADD COLUMN asked INTEGER NOT NULL DEFAULT 0"),
            // v9: learning from votes: a 👎 may say why (or a 👍 ask for more like it); the vote layer refitted on
            // everyone's votes, every refit with the held-back figures it was judged by, adopted or not
            List.of("ALTER TABLE votes ADD COLUMN reason TEXT",
                    """
                    CREATE TABLE vote_layers (
                      id {ID},
                      created_at BIGINT NOT NULL,
                      state TEXT NOT NULL,
                      model TEXT NOT NULL,
                      current_loss DOUBLE PRECISION,
                      candidate_loss DOUBLE PRECISION,
                      votes INTEGER NOT NULL,
                      voters INTEGER NOT NULL,
                      note TEXT)"""));
}
