/**
 * The web app (Javalin, jte templates): accounts and sign-in, settings, digests, who sees what, the JSON API,
 * private feeds.
 *
 * <p>Imports service and the stages below; never cli.
 */
package dev.podsift.web;
