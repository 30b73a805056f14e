package dev.podsift.web;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The time zones a person picks from: the common ones first, then the rest by region; only the canonical
 * "Region/City" names (no "US/Eastern", "Etc/GMT+5", "Australia/NSW" or other old aliases). The subscriber's own
 * zone is always offered, whatever it is.
 */
final class ZoneChoices {
    static final List<String> COMMON = List.of("UTC", "America/Los_Angeles", "America/Denver", "America/Chicago",
            "America/New_York", "America/Sao_Paulo", "Europe/London", "Europe/Paris", "Europe/Berlin",
            "Africa/Lagos", "Africa/Johannesburg", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Shanghai",
            "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland");
    private static final Set<String> REGIONS = Set.of("Africa", "America", "Antarctica", "Asia", "Atlantic",
            "Australia", "Europe", "Indian", "Pacific");

    private ZoneChoices() {
    }

    /** Group label → zone ids, "Common" first. */
    static Map<String, List<String>> of(ZoneId current) {
        Map<String, TreeSet<String>> byRegion = new TreeMap<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            int slash = id.indexOf('/');
            if (slash < 0 || !REGIONS.contains(id.substring(0, slash)) || COMMON.contains(id)) {
                continue;
            }
            String city = id.substring(id.lastIndexOf('/') + 1);
            if (city.equals(city.toUpperCase(java.util.Locale.ROOT))) {
                continue; // Australia/ACT, Australia/NSW: old aliases
            }
            byRegion.computeIfAbsent(id.substring(0, slash), k -> new TreeSet<>()).add(id);
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> common = new ArrayList<>(COMMON);
        if (!COMMON.contains(current.getId()) && byRegion.values().stream().noneMatch(z -> z.contains(current.getId()))) {
            common.add(0, current.getId());
        }
        out.put("Common", common);
        byRegion.forEach((region, zones) -> out.put(region, new ArrayList<>(zones)));
        return out;
    }
}
