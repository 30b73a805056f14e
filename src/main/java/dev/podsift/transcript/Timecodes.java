package dev.podsift.transcript;

/** Reads "HH:MM:SS.mmm", "MM:SS", "H:MM:SS,mmm" and plain seconds into seconds. */
final class Timecodes {
    private Timecodes() {
    }

    static double parse(String raw) {
        String s = raw.trim().replace(',', '.');
        String[] parts = s.split(":");
        double total = 0;
        for (String p : parts) {
            total = total * 60 + Double.parseDouble(p);
        }
        return total;
    }
}
