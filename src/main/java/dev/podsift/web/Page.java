package dev.podsift.web;

/**
 * What every page's frame needs: its title, whether someone is signed in (and an admin), the form token for their
 * session, and a one-line notice to show (or null).
 */
public record Page(String title, boolean signedIn, boolean admin, String csrf, String notice) {
}
