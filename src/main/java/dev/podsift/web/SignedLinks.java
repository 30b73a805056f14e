package dev.podsift.web;

import dev.podsift.auth.Tokens;
import dev.podsift.store.SignInStore;
import dev.podsift.store.StoreException;
import dev.podsift.store.Subscriber;
import dev.podsift.store.SubscriberStore;
import java.time.Instant;
import java.util.Optional;

/**
 * Opens the links we email: genuine, for this purpose, not expired, and issued under the subscriber's current link
 * key (rotating the key, or signing up afresh, revokes every link sent before). One-time links are spent on use.
 */
final class SignedLinks {
    /** A link's subscriber and what the link says. */
    record Opened(Subscriber subscriber, Tokens.Claim claim) {
    }

    private final Tokens tokens;
    private final SubscriberStore subscribers;
    private final SignInStore spent;

    SignedLinks(Tokens tokens, SubscriberStore subscribers, SignInStore spent) {
        this.tokens = tokens;
        this.subscribers = subscribers;
        this.spent = spent;
    }

    Optional<Opened> open(String token, Tokens.Purpose purpose) throws StoreException {
        Optional<Tokens.Claim> claim = tokens.verify(token, purpose);
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        Optional<Subscriber> s = subscribers.find(claim.get().subscriberId());
        if (s.isEmpty() || !claim.get().stampedWith(s.get().linkKey())) {
            return Optional.empty();
        }
        return Optional.of(new Opened(s.get(), claim.get()));
    }

    /** Spends a one-time link: true the first time it is used, false after. */
    boolean spend(String token, Tokens.Claim claim) throws StoreException {
        Instant until = claim.expires() == null ? Instant.ofEpochMilli(Long.MAX_VALUE) : claim.expires();
        return spent.spend(Tokens.hash(token), until);
    }
}
