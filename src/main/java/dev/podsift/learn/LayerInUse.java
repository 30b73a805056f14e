package dev.podsift.learn;

import dev.podsift.insight.VoteLayer;
import dev.podsift.store.StoreException;
import dev.podsift.store.VoteLayerStore;

import java.util.function.Supplier;

/**
 * The vote layer digests use now: the newest adopted refit (the identity when none), read again only when another
 * refit was adopted or rolled back (one small query a digest; the model is parsed once).
 */
public final class LayerInUse implements Supplier<VoteLayer> {
    private final VoteLayerStore layers;
    private long id = -1;
    private VoteLayer layer = VoteLayer.IDENTITY;

    public LayerInUse(VoteLayerStore layers) {
        this.layers = layers;
    }

    @Override
    public synchronized VoteLayer get() {
        try {
            long now = layers.currentId();
            if (now != id) {
                layer = now == 0 ? VoteLayer.IDENTITY
                        : layers.current().map(r -> VoteLayer.parse(r.model())).orElse(VoteLayer.IDENTITY);
                id = now;
            }
        } catch (StoreException e) {
            // the store is down: the digest that asked fails on its own reads; keep what was in use
        }
        return layer;
    }
}
