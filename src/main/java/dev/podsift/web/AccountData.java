package dev.podsift.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.app.App;
import dev.podsift.store.DigestStore;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredPodcast;
import dev.podsift.store.StoredVote;
import dev.podsift.store.Subscriber;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything kept about one reader, as a JSON download: their settings, the feeds they follow, every vote with its
 * reason and the insight it was on, and every digest made for them. Deleting the account deletes all of it.
 */
final class AccountData {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final App app;

    AccountData(App app) {
        this.app = app;
    }

    Map<String, Object> export(Subscriber s) throws StoreException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exported_at", app.clock().instant().toString());
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("email", s.email());
        me.put("status", s.status());
        me.put("topics", s.topics());
        me.put("delivery_time", s.deliveryTime().toString());
        me.put("time_zone", s.zone().getId());
        me.put("created_at", s.createdAt() == null ? null : s.createdAt().toString());
        me.put("confirmed_at", s.confirmedAt() == null ? null : s.confirmedAt().toString());
        m.put("subscriber", me);
        List<Map<String, Object>> feeds = new ArrayList<>();
        for (StoredPodcast p : app.subscribers().podcasts(s.id())) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("title", p.title());
            f.put("url", p.url());
            feeds.add(f);
        }
        m.put("feeds", feeds);
        List<Map<String, Object>> votes = new ArrayList<>();
        for (StoredVote v : app.subscribers().votes(s.id(), Integer.MAX_VALUE)) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("insight_id", v.insightId());
            o.put("vote", v.vote());
            o.put("reason", v.reason());
            o.put("at", v.at().toString());
            o.put("podcast", v.podcast());
            o.put("text", v.text());
            votes.add(o);
        }
        m.put("votes", votes);
        List<Map<String, Object>> digests = new ArrayList<>();
        for (DigestStore.Recorded d : app.digests().all(s.historyKey())) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("generated_at", d.generatedAt().toString());
            o.put("digest", parse(d.json()));
            digests.add(o);
        }
        m.put("digests", digests);
        return m;
    }

    private static Object parse(String json) {
        try {
            return JSON.readValue(json, JsonNode.class);
        } catch (IOException e) {
            return json;
        }
    }
}
