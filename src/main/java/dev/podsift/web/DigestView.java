package dev.podsift.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.digest.AlsoIn;
import dev.podsift.digest.Card;
import dev.podsift.digest.DigestRenderer;
import dev.podsift.digest.Html;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A recorded digest (its GUIDE §4 JSON) as the web pages and feeds show it. */
public record DigestView(String generatedAt, List<Item> items) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One insight; links are null unless they are plain http(s). */
    public record Item(int rank, long insightId, String text, String quote, boolean showsQuote, String podcast,
                       String episode, String episodeUrl, String listenUrl, String at, String also, String why) {
    }

    public static DigestView parse(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<Item> items = new ArrayList<>();
            for (JsonNode n : root.path("insights")) {
                String text = n.path("text").asText("");
                String quote = n.path("quote").asText("");
                double start = n.path("start_seconds").asDouble(0);
                List<AlsoIn.Entry> also = new ArrayList<>();
                for (JsonNode a : n.path("also_in")) {
                    also.add(new AlsoIn.Entry(a.path("podcast").asText(null), a.path("episode").asText(null),
                            a.path("start_seconds").asDouble(0)));
                }
                String podcast = n.path("podcast").asText("");
                items.add(new Item(n.path("rank").asInt(), n.path("insight_id").asLong(0), text, quote,
                        Card.showsQuote(text, quote), podcast,
                        n.path("episode").asText(""), Html.safeUrl(n.path("episode_url").asText(null)),
                        listen(n.path("audio_url").asText(null), start),
                        DigestRenderer.timestamp(start), AlsoIn.line(also, podcast), n.path("why").asText(null)));
            }
            return new DigestView(root.path("generated_at").asText(""), items);
        } catch (IOException e) {
            return new DigestView("", List.of());
        }
    }

    /** The audio at {@code start} (a media fragment), or null when the audio URL is missing or not http(s). */
    public static String listen(String audioUrl, double start) {
        String audio = Html.safeUrl(audioUrl);
        if (audio == null) {
            return null;
        }
        if (audio.indexOf('#') >= 0) {
            audio = audio.substring(0, audio.indexOf('#'));
        }
        return audio + "#t=" + (long) Math.floor(start);
    }
}
