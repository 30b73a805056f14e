package dev.podsift.web;

import io.javalin.http.HttpStatus;

/** A request refused with a status and a message for the person who sent it (a page, or JSON on the API). */
final class Refused extends RuntimeException {
    final HttpStatus status;

    Refused(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }
}
