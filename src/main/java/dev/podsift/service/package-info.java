/**
 * The daily service's background work (db-scheduler tasks, the delivery thread, budgets) around one App.
 *
 * <p>Imports app and the stages below; never web or cli.
 */
package dev.podsift.service;
