package dev.podsift.app;

import dev.podsift.asr.SpeechService;
import dev.podsift.config.Config;
import dev.podsift.digest.DigestBuilder;
import dev.podsift.digest.DigestService;
import dev.podsift.digest.RankingPolicy;
import dev.podsift.feed.FeedParser;
import dev.podsift.feed.FeedScanner;
import dev.podsift.insight.AnalysisService;
import dev.podsift.insight.InsightExtractor;
import dev.podsift.insight.MiniLmEmbedder;
import dev.podsift.net.Fetcher;
import dev.podsift.store.Database;
import dev.podsift.store.DigestStore;
import dev.podsift.store.EpisodeStore;
import dev.podsift.store.InsightStore;
import dev.podsift.store.PodcastStore;
import dev.podsift.store.StoreException;
import dev.podsift.transcript.TranscriptParser;
import dev.podsift.transcript.TranscriptService;
import java.time.InstantSource;

/**
 * Wires Podsift by hand from one {@link Config}: the only place that knows which class needs which. The embedding
 * model loads on first use, so commands that never extract (feeds list, config) start instantly.
 */
public final class App implements AutoCloseable {
    private final Config config;
    private final InstantSource clock;
    private final Database db;
    private final Fetcher fetcher;
    private final PodcastStore podcasts;
    private final EpisodeStore episodes;
    private final InsightStore insights;
    private final DigestStore digests;
    private final dev.podsift.store.SubscriberStore subscribers;
    private final dev.podsift.store.DeliveryStore deliveries;
    private final dev.podsift.store.VoteLayerStore voteLayers;
    private final dev.podsift.learn.LayerInUse layerInUse;
    private MiniLmEmbedder embedder;
    private final SpeechService speech;

    public App(Config config, InstantSource clock) throws StoreException {
        this(config, clock, config.fetcher());
    }

    /** With a given fetcher (the hostile-network tests give one whose resolver they script). */
    public App(Config config, InstantSource clock, Fetcher fetcher) throws StoreException {
        this.config = config;
        this.clock = clock;
        this.db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword());
        this.fetcher = fetcher;
        this.podcasts = new PodcastStore(db, clock);
        this.episodes = new EpisodeStore(db, clock);
        this.insights = new InsightStore(db, clock);
        this.digests = new DigestStore(db, clock);
        this.subscribers = new dev.podsift.store.SubscriberStore(db, clock);
        this.deliveries = new dev.podsift.store.DeliveryStore(db, clock);
        this.voteLayers = new dev.podsift.store.VoteLayerStore(db, clock);
        this.layerInUse = new dev.podsift.learn.LayerInUse(voteLayers);
        this.speech = new SpeechService(config.asr(), config.dataDir(), fetcher, config.httpTimeout());
    }

    public Config config() {
        return config;
    }

    public InstantSource clock() {
        return clock;
    }

    public PodcastStore podcasts() {
        return podcasts;
    }

    public EpisodeStore episodes() {
        return episodes;
    }

    public InsightStore insights() {
        return insights;
    }

    public DigestStore digests() {
        return digests;
    }

    public dev.podsift.store.SubscriberStore subscribers() {
        return subscribers;
    }

    public dev.podsift.store.DeliveryStore deliveries() {
        return deliveries;
    }

    public dev.podsift.store.VoteLayerStore voteLayers() {
        return voteLayers;
    }

    /** Refits the vote layer from everyone's votes and the bundled verdicts (see {@code learn.Retrainer}). */
    public dev.podsift.learn.Retrainer retrainer(java.util.function.Consumer<String> log) {
        return new dev.podsift.learn.Retrainer(subscribers, voteLayers, dev.podsift.learn.VerdictBase.bundled(), clock,
                log);
    }

    public Database database() {
        return db;
    }

    public FeedScanner scanner() {
        return new FeedScanner(fetcher, new FeedParser(), podcasts, episodes, config.backlog(),
                config.service().pollInterval(), clock, config.maxFeedItems(), config.maxNewEpisodes());
    }

    /** Podcast search by name, through this app's fetcher (its limits and address policy). */
    public dev.podsift.feed.PodcastSearch podcastSearch() {
        return new dev.podsift.feed.PodcastSearch(fetcher, config.service().searchUrl());
    }

    public TranscriptService transcripts() {
        return new TranscriptService(fetcher, new TranscriptParser(), episodes, speech, clock);
    }

    /** Speech recognition; its engine starts on first use. */
    public SpeechService speech() {
        return speech;
    }

    public synchronized MiniLmEmbedder embedder() {
        if (embedder == null) {
            embedder = new MiniLmEmbedder();
        }
        return embedder;
    }

    public InsightExtractor extractor() {
        return new InsightExtractor(embedder());
    }

    public AnalysisService analysis() {
        return new AnalysisService(extractor(), episodes, insights, config.insightsPerEpisode(),
                config.maxAnalysedSentences(), config.analysisTime(), clock);
    }

    /** The digest service; with a hero model configured, its short list is rewritten and judged by it. */
    public DigestService digestService() {
        DigestBuilder builder = new DigestBuilder(RankingPolicy.defaults());
        var llm = config.llm();
        if (!llm.enabled()) {
            return new DigestService(episodes, insights, digests, builder, clock).layered(layerInUse)
                    .topicSpace(dev.podsift.learn.TopicSpace.bundled());
        }
        var hero = new dev.podsift.llm.HeroEditor(dev.podsift.llm.LlmClients.of(llm), llm, embedder(),
                new dev.podsift.store.LlmCacheStore(db, clock));
        return new DigestService(episodes, insights, digests, builder, clock, hero, llm.shortList(), llm.perEpisode())
                .layered(layerInUse).topicSpace(dev.podsift.learn.TopicSpace.bundled());
    }

    public Pipeline pipeline(Progress progress) {
        return new Pipeline(this, progress);
    }

    @Override
    public void close() throws StoreException {
        speech.close();
        if (embedder != null) {
            embedder.close();
        }
        db.close();
    }
}
